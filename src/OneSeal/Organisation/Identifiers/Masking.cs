using System.Globalization;
using System.Text;

namespace OneSeal.Organisation.Identifiers;

/// <summary>
/// Display masking of personal information (个人信息保护法; GB/T 35273 de-identification),
/// so that screens, receipts and logs show enough to recognise a record but not to reuse it.
/// </summary>
public static class Masking
{
    private const char MaskChar = '*';

    /// <summary>Keeps the first character (usually the surname): 张三 → 张*, 欧阳娜娜 → 欧***, 李 → 李.</summary>
    public static string MaskName(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var trimmed = name.Trim();

        // Counted in text elements, not UTF-16 units: rare name characters (e.g. 𠮷) are surrogate pairs.
        var elements = new StringInfo(trimmed);
        if (elements.LengthInTextElements <= 1)
        {
            return trimmed;
        }

        return elements.SubstringByTextElements(0, 1) + new string(MaskChar, elements.LengthInTextElements - 1);
    }

    /// <summary>
    /// 11-digit mainland mobile numbers keep the carrier prefix and the last 4: 138****5678.
    /// Any other string keeps its first 3 and last 2; one too short for that is masked entirely.
    /// </summary>
    public static string MaskPhone(string phone)
    {
        ArgumentNullException.ThrowIfNull(phone);
        var trimmed = phone.Trim();

        if (IsMainlandMobile(trimmed))
        {
            return Keep(trimmed, 3, 4);
        }

        return trimmed.Length > 5 ? Keep(trimmed, 3, 2) : new string(MaskChar, trimmed.Length);
    }

    /// <summary>
    /// Masks an identity code according to its shape: an 18-character citizen ID number (GB 11643) or
    /// unified social credit code (GB 32100) keeps the first 6 and last 4 ("110101********1234");
    /// anything else is masked as by <see cref="MaskPhone"/>.
    /// </summary>
    public static string MaskIdentity(string code)
    {
        ArgumentNullException.ThrowIfNull(code);
        var trimmed = code.Trim();

        return trimmed.Length == CitizenIdNumber.Length ? Keep(trimmed, 6, 4) : MaskPhone(trimmed);
    }

    private static bool IsMainlandMobile(string s) =>
        s.Length == 11 && s[0] == '1' && s.AsSpan().IndexOfAnyExceptInRange('0', '9') < 0;

    private static string Keep(string s, int head, int tail) =>
        new StringBuilder(s.Length)
            .Append(s, 0, head)
            .Append(MaskChar, s.Length - head - tail)
            .Append(s, s.Length - tail, tail)
            .ToString();
}
