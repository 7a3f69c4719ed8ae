namespace OneSeal.Organisation.Identifiers;

/// <summary>
/// 统一社会信用代码 (unified social credit code) per GB 32100-2015:
/// registration authority code, organisation category code, 6-digit administrative region code
/// (GB/T 2260), 9-character organisation code, and a MOD 31 check character.
/// Only obtainable through <see cref="TryParse"/>, so a non-default value is always valid.
/// </summary>
public readonly record struct UnifiedSocialCreditCode
{
    public const int Length = 18;

    // GB 32100-2015 character set: digits and upper-case letters except I, O, S, V, Z
    // (excluded to avoid confusion with 1, 0, 5, U, 2). A character's value is its index here.
    public const string Charset = "0123456789ABCDEFGHJKLMNPQRTUWXY";

    // Weights are 3^(i-1) mod 31 for positions 1..17 (GB 32100-2015 §4.2).
    private static readonly int[] Weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

    private readonly string? _value;

    private UnifiedSocialCreditCode(string value) => _value = value;

    /// <summary>The normalised (upper-case) code.</summary>
    public string Value => _value ?? string.Empty;

    /// <summary>Display form: first 6 + "********" + last 4.</summary>
    public string Masked => Masking.MaskIdentity(Value);

    /// <summary>Masked, for consistency with <see cref="CitizenIdNumber"/> and so logs stay tidy.</summary>
    public override string ToString() => Masked;

    public static bool TryParse(string? input, out UnifiedSocialCreditCode value, out string? error)
    {
        value = default;
        error = Validate(input?.Trim(), out var normalised);
        if (error is not null)
        {
            return false;
        }

        value = new UnifiedSocialCreditCode(normalised!);
        return true;
    }

    /// <summary>The GB 32100 check character for the first 17 characters.</summary>
    /// <exception cref="ArgumentException">When <paramref name="first17"/> is not 17 characters from <see cref="Charset"/>.</exception>
    public static char ComputeCheckCharacter(ReadOnlySpan<char> first17)
    {
        if (first17.Length != Length - 1)
        {
            throw new ArgumentException("统一社会信用代码本体码应为17位", nameof(first17));
        }

        var sum = 0;
        for (var i = 0; i < Weights.Length; i++)
        {
            var digit = Charset.IndexOf(first17[i]);
            if (digit < 0)
            {
                throw new ArgumentException("统一社会信用代码含有不允许的字符", nameof(first17));
            }

            sum += digit * Weights[i];
        }

        // 31 - (sum mod 31), where a result of 31 wraps to 0.
        return Charset[(31 - sum % 31) % 31];
    }

    private static string? Validate(string? input, out string? normalised)
    {
        normalised = null;
        if (string.IsNullOrEmpty(input))
        {
            return "统一社会信用代码不能为空";
        }

        if (input.Length != Length)
        {
            return "统一社会信用代码应为18位";
        }

        var candidate = input.ToUpperInvariant();
        if (candidate.AsSpan().IndexOfAnyExcept(Charset) >= 0)
        {
            return "统一社会信用代码含有不允许的字符";
        }

        // Positions 3-8 hold the GB/T 2260 administrative region code, which is always numeric.
        if (candidate.AsSpan(2, 6).IndexOfAnyExceptInRange('0', '9') >= 0)
        {
            return "统一社会信用代码第3至8位（登记管理机关行政区划码）应为数字";
        }

        if (ComputeCheckCharacter(candidate.AsSpan(0, Length - 1)) != candidate[Length - 1])
        {
            return "统一社会信用代码校验码不正确（GB 32100）";
        }

        normalised = candidate;
        return null;
    }
}
