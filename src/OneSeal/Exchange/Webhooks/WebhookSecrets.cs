using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;
using OneSeal.Platform.Http;

namespace OneSeal.Exchange.Webhooks;

/// <summary>
/// Subscription secrets in the Standard Webhooks form <c>whsec_</c> + base64 of 24 to 64 random bytes; the HMAC key is
/// the decoded bytes. Stored encrypted with Data Protection (like the seal keys' private halves), shown once.
/// </summary>
public sealed class WebhookSecrets(IDataProtectionProvider provider)
{
    public const string Prefix = "whsec_";
    public const int MinBytes = 24, MaxBytes = 64;

    private readonly IDataProtector _protector = provider.CreateProtector("OneSeal.Exchange.WebhookSecret.v1");

    public static readonly string FormatRule = $"密钥格式应为 whsec_ 加 Base64 编码的 {MinBytes} 至 {MaxBytes} 字节随机数；不填则由系统生成。";

    public static string New() => Prefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    /// <summary>The key bytes of a well-formed secret, or null.</summary>
    public static byte[]? KeyOf(string? secret)
    {
        if (secret is null || !secret.StartsWith(Prefix, StringComparison.Ordinal) || secret.Length > 200) return null;
        var bytes = new byte[MaxBytes + 3];
        return Convert.TryFromBase64String(secret[Prefix.Length..], bytes, out var n) && n is >= MinBytes and <= MaxBytes ? bytes[..n] : null;
    }

    /// <summary>The given secret when well-formed, a new one when none is given; 400 naming <c>secret</c> otherwise.</summary>
    public static string Choose(string? given)
    {
        if (string.IsNullOrWhiteSpace(given)) return New();
        return KeyOf(given) is null
            ? throw new InvalidInputException("secret", "format", FormatRule)
            : given;
    }

    public string Protect(string secret) => _protector.Protect(secret);

    public string Unprotect(string stored) => _protector.Unprotect(stored);
}
