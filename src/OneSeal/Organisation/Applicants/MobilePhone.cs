using System.Text.RegularExpressions;
using OneSeal.Platform.Http;

namespace OneSeal.Organisation.Applicants;

/// <summary>A mainland China mobile number (11 digits, 1[3-9]…), the only kind an SMS code can reach.</summary>
public static partial class MobilePhone
{
    /// <summary>The number without spaces or dashes; throws a problem naming <paramref name="field"/> when it is not one.</summary>
    public static string Normalise(string? input, string field = "phone")
    {
        if (string.IsNullOrWhiteSpace(input)) throw new InvalidInputException(field, "required", "请填写手机号码。");
        var error = Problem(input, out var phone);
        return error is null ? phone! : throw new InvalidInputException(field, "phone-format", error);
    }

    public static string? Problem(string? input, out string? phone)
    {
        phone = null;
        if (string.IsNullOrWhiteSpace(input)) return "请填写手机号码。";
        var digits = input.Length > 32 ? input : input.Replace(" ", "").Replace("-", "");
        if (digits.StartsWith("+86", StringComparison.Ordinal)) digits = digits[3..];
        if (!Pattern().IsMatch(digits)) return "手机号码应为 11 位中国大陆手机号码（以 13–19 开头）。";
        phone = digits;
        return null;
    }

    [GeneratedRegex("^1[3-9][0-9]{9}$")]
    private static partial Regex Pattern();
}
