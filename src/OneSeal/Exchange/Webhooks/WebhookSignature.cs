using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using OneSeal.Organisation;
using OneSeal.Platform.Database;
using OneSeal.Seal;

namespace OneSeal.Exchange.Webhooks;

/// <summary>The headers of a delivery (Standard Webhooks 1.0, plus the bureau's SM2 signature).</summary>
public static class WebhookHeaders
{
    public const string Id = "webhook-id", Timestamp = "webhook-timestamp", Signature = "webhook-signature";
    /// <summary><c>v1,&lt;base64 DER SM2 signature&gt;</c> over the same signed content, with the bureau's seal key.</summary>
    public const string Sm2Signature = "webhook-signature-sm2";
    /// <summary>The id of the seal key that made <see cref="Sm2Signature"/>; its public half is at <c>GET /api/v1/seal/keys</c>.</summary>
    public const string Sm2KeyId = "webhook-signature-sm2-key";

    /// <summary>What both signatures cover: <c>{id}.{timestamp}.{body}</c>, UTF-8.</summary>
    public static byte[] SignedContent(string id, long timestamp, string body) =>
        Encoding.UTF8.GetBytes($"{id}.{timestamp.ToString(CultureInfo.InvariantCulture)}.{body}");

    /// <summary><c>v1,</c> + base64 HMAC-SHA256 of the signed content, keyed with the secret's decoded bytes.</summary>
    public static string Hmac(byte[] key, string id, long timestamp, string body) =>
        "v1," + Convert.ToBase64String(HMACSHA256.HashData(key, SignedContent(id, timestamp, body)));
}

/// <summary>
/// Makes the SM2 signature of a delivery. The default signs with the bureau's seal key from <see cref="SealKeyStore"/>
/// (the Seal capability's SM2 signing); a deployment with an HSM registers its own implementation instead.
/// </summary>
public interface IWebhookSm2Signer
{
    Task<(Guid KeyId, byte[] Signature)> SignAsync(byte[] content, CancellationToken ct);
}

internal sealed class BureauSealSigner(OneSealDb db, SealKeyStore keys) : IWebhookSm2Signer
{
    public async Task<(Guid KeyId, byte[] Signature)> SignAsync(byte[] content, CancellationToken ct)
    {
        var bureau = await db.Set<Agency>().AsNoTracking().Where(a => a.Kind == OrganisationKind.Bureau && a.ClosedAt == null)
            .OrderBy(a => a.Code).Select(a => (Guid?)a.Id).FirstOrDefaultAsync(ct)
            ?? throw new InvalidOperationException("No bureau organisation: webhooks are signed with the bureau's seal key.");
        var pair = await keys.GetActiveAsync(bureau, ct);
        return (pair.KeyId, Sm2Signature.Sign(pair.PrivateKey, content));
    }
}
