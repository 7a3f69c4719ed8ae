using System.Globalization;
using OneSeal.Platform.Database;

namespace OneSeal.Counter.Fees;

/// <summary>
/// 非税缴款码: 20 digits = the region's 6-digit administrative division code (<c>OneSeal:Payments:RegionCode</c>), the
/// legal date as yyMMdd, a 7-digit serial of that day (a gapless counter taken in the decision's transaction) and a Luhn
/// check digit over the 19 before it (catches every single wrong digit and most swapped neighbours at the counter).
/// </summary>
public static class PaymentCodes
{
    public const int Length = 20;

    public static async Task<string> NextAsync(OneSealDb db, string regionCode, DateOnly on, CancellationToken ct)
    {
        var serial = await db.NextAsync($"fee-code:{on:yyyyMMdd}", ct);
        if (serial > 9_999_999) throw new InvalidOperationException("非税缴款码当日序号已用尽。");
        var body = $"{regionCode}{on.ToString("yyMMdd", CultureInfo.InvariantCulture)}{serial:D7}";
        return body + CheckDigit(body);
    }

    /// <summary>Luhn: from the right, double every second digit of the body (the check digit will be rightmost).</summary>
    public static char CheckDigit(string body)
    {
        var sum = 0;
        for (var i = 0; i < body.Length; i++)
        {
            var d = body[body.Length - 1 - i] - '0';
            if (i % 2 == 0) { d *= 2; if (d > 9) d -= 9; }
            sum += d;
        }
        return (char)('0' + (10 - sum % 10) % 10);
    }

    /// <summary>20 ASCII digits whose last is the check digit of the others.</summary>
    public static bool IsValid(string? code) =>
        code is { Length: Length } && code.All(char.IsAsciiDigit) && CheckDigit(code[..^1]) == code[^1];
}
