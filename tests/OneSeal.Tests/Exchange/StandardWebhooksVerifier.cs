using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace OneSeal.Tests.Exchange;

/// <summary>
/// A receiver's check of a Standard Webhooks 1.0 delivery, written from the specification
/// (https://github.com/standard-webhooks/standard-webhooks/blob/main/spec/standard-webhooks.md), not from the sender's
/// code: the secret is <c>whsec_</c> + base64 and the HMAC key is its decoded bytes; the signed content is
/// <c>{webhook-id}.{webhook-timestamp}.{body}</c>; <c>webhook-signature</c> is a space-delimited list of
/// <c>v1,&lt;base64&gt;</c> entries, any one of which may match; signatures are compared in constant time; a timestamp
/// outside the tolerance (five minutes either way) is refused, so a captured message cannot be replayed later.
/// </summary>
public sealed class StandardWebhooksVerifier(string secret, TimeSpan? tolerance = null)
{
    private readonly byte[] _key = Convert.FromBase64String(secret.StartsWith("whsec_", StringComparison.Ordinal) ? secret["whsec_".Length..] : secret);
    private readonly TimeSpan _tolerance = tolerance ?? TimeSpan.FromMinutes(5);

    /// <summary>Null when the message is genuine, else why not.</summary>
    public string? Problem(string? id, string? timestamp, string? signatures, string body, DateTimeOffset now)
    {
        if (string.IsNullOrEmpty(id) || string.IsNullOrEmpty(timestamp) || string.IsNullOrEmpty(signatures)) return "missing headers";
        if (!long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)) return "bad timestamp";
        var sent = DateTimeOffset.FromUnixTimeSeconds(seconds);
        if (sent < now - _tolerance) return "timestamp too old";
        if (sent > now + _tolerance) return "timestamp too new";
        var expected = HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes($"{id}.{timestamp}.{body}"));
        foreach (var entry in signatures.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var comma = entry.IndexOf(',');
            if (comma < 0 || entry[..comma] != "v1") continue;
            var given = new byte[64];
            if (Convert.TryFromBase64String(entry[(comma + 1)..], given, out var n) && CryptographicOperations.FixedTimeEquals(given.AsSpan(0, n), expected))
                return null;
        }
        return "no matching signature";
    }
}
