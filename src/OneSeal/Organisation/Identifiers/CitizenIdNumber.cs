using System.Globalization;

namespace OneSeal.Organisation.Identifiers;

/// <summary>
/// 公民身份号码 (18-digit resident identity number) per GB 11643-1999:
/// 6-digit address code, 8-digit birth date (yyyyMMdd), 3-digit sequence code,
/// and a check character computed with ISO 7064 MOD 11-2.
/// Only obtainable through <see cref="TryParse"/>, so a non-default value is always valid.
/// </summary>
public readonly record struct CitizenIdNumber
{
    public const int Length = 18;

    // ISO 7064 MOD 11-2 weights are 2^(17-i) mod 11 for positions 1..17 (GB 11643-1999 §8.2).
    private static readonly int[] Weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];

    // Check character indexed by (weighted sum mod 11); 'X' stands for the value 10.
    private const string CheckCharacters = "10X98765432";

    private static readonly DateOnly EarliestBirthDate = new(1900, 1, 1);

    private readonly string? _value;

    private CitizenIdNumber(string value) => _value = value;

    /// <summary>The normalised number (upper-case check character).</summary>
    public string Value => _value ?? string.Empty;

    /// <summary>Display form that hides the birth date and sequence code: "110101********1234".</summary>
    public string Masked => Masking.MaskIdentity(Value);

    /// <summary>Masked, so that logging or string interpolation never leaks the full number (个人信息保护法).</summary>
    public override string ToString() => Masked;

    /// <param name="today">The current date, passed in so that the "not in the future" rule is testable.</param>
    public static bool TryParse(string? input, DateOnly today, out CitizenIdNumber value, out string? error)
    {
        value = default;
        error = Validate(input?.Trim(), today, out var normalised);
        if (error is not null)
        {
            return false;
        }

        value = new CitizenIdNumber(normalised!);
        return true;
    }

    /// <summary>The GB 11643 check character for the first 17 digits.</summary>
    /// <exception cref="ArgumentException">When <paramref name="first17"/> is not exactly 17 ASCII digits.</exception>
    public static char ComputeCheckCharacter(ReadOnlySpan<char> first17)
    {
        if (first17.Length != Length - 1 || !AreAsciiDigits(first17))
        {
            throw new ArgumentException("身份证号码本体码应为17位数字", nameof(first17));
        }

        var sum = 0;
        for (var i = 0; i < Weights.Length; i++)
        {
            sum += (first17[i] - '0') * Weights[i];
        }

        return CheckCharacters[sum % 11];
    }

    private static string? Validate(string? input, DateOnly today, out string? normalised)
    {
        normalised = null;
        if (string.IsNullOrEmpty(input))
        {
            return "身份证号码不能为空";
        }

        if (input.Length != Length)
        {
            return "身份证号码应为18位";
        }

        var candidate = input.ToUpperInvariant();
        var last = candidate[Length - 1];
        if (!AreAsciiDigits(candidate.AsSpan(0, Length - 1)) || !(char.IsAsciiDigit(last) || last == 'X'))
        {
            return "身份证号码前17位应为数字，末位应为数字或X";
        }

        // Checked before the date: a typo anywhere is far more common than a fabricated number.
        if (ComputeCheckCharacter(candidate.AsSpan(0, Length - 1)) != last)
        {
            return "身份证号码校验码不正确（GB 11643）";
        }

        if (!DateOnly.TryParseExact(candidate.AsSpan(6, 8), "yyyyMMdd", CultureInfo.InvariantCulture,
                DateTimeStyles.None, out var birthDate) || birthDate < EarliestBirthDate)
        {
            return "身份证号码中的出生日期无效";
        }

        if (birthDate > today)
        {
            return "身份证号码中的出生日期晚于当前日期";
        }

        normalised = candidate;
        return null;
    }

    private static bool AreAsciiDigits(ReadOnlySpan<char> chars)
    {
        foreach (var c in chars)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }
        }

        return true;
    }
}
