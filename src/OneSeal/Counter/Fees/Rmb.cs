using System.Globalization;
using System.Text;

namespace OneSeal.Counter.Fees;

/// <summary>Amounts as printed on a payment notice: ¥1,200.00 and 人民币壹仟贰佰元整.</summary>
public static class Rmb
{
    private const string Digits = "零壹贰叁肆伍陆柒捌玖";
    private static readonly string[] Units = ["", "拾", "佰", "仟"];
    private static readonly string[] Sections = ["", "万", "亿", "万亿"];

    public static string Figures(decimal amount) => "¥" + amount.ToString("#,##0.00", CultureInfo.InvariantCulture);

    /// <summary>大写金额 (up to 9999万亿): 1200 → 壹仟贰佰元整; 1005.5 → 壹仟零伍元伍角; 0.08 → 零元捌分.</summary>
    public static string Capitals(decimal amount)
    {
        if (amount < 0) throw new ArgumentOutOfRangeException(nameof(amount));
        var cents = (long)decimal.Round(amount * 100, MidpointRounding.AwayFromZero);
        long yuan = cents / 100;
        int jiao = (int)(cents / 10 % 10), fen = (int)(cents % 10);
        var sb = new StringBuilder(yuan == 0 ? "零" : Integer(yuan)).Append('元');
        if (jiao == 0 && fen == 0) return sb.Append('整').ToString();
        if (jiao > 0) sb.Append(Digits[jiao]).Append('角');
        else if (yuan > 0) sb.Append('零');
        if (fen > 0) sb.Append(Digits[fen]).Append('分');
        else sb.Append('整');
        return sb.ToString();
    }

    private static string Integer(long n)
    {
        var parts = new List<int>();
        for (; n > 0; n /= 10000) parts.Add((int)(n % 10000));
        var sb = new StringBuilder();
        var gap = false;
        for (var k = parts.Count - 1; k >= 0; k--)
        {
            if (parts[k] == 0) { gap = sb.Length > 0; continue; }
            // 壹万零伍佰: a zero is read where a lower section starts below its thousands, or after an empty section.
            if (sb.Length > 0 && (gap || parts[k] < 1000)) sb.Append('零');
            sb.Append(Section(parts[k])).Append(Sections[k]);
            gap = false;
        }
        return sb.ToString();
    }

    private static string Section(int part)
    {
        var sb = new StringBuilder();
        var zero = false;
        for (var i = 3; i >= 0; i--)
        {
            var d = part / (int)Math.Pow(10, i) % 10;
            if (d == 0) { zero = sb.Length > 0; continue; }
            if (zero) { sb.Append('零'); zero = false; }
            sb.Append(Digits[d]).Append(Units[i]);
        }
        return sb.ToString();
    }
}
