using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using OneSeal.Organisation.Identifiers;
using OneSeal.Platform.Database;
using OneSeal.Platform.Time;

namespace OneSeal.Seal;

public static class VerificationStatus
{
    public const string Valid = "valid";
    public const string Revoked = "revoked";
    public const string Unknown = "unknown";
}

/// <summary>What the public may see of a certificate: codes masked, and a citizen holder's name masked too.</summary>
public sealed record PublicCertificateDetails(
    string Name, string Number, string Holder, string HolderCodeMasked, string IssuerName,
    DateOnly IssuedOn, DateOnly ValidFrom, DateOnly? ValidUntil, bool Expired, DateTimeOffset? RevokedAt,
    [property: System.Text.Json.Serialization.JsonIgnore] Guid CaseId = default);

/// <summary>
/// <see cref="Genuine"/> only when the signature holds, the record matches, and the certificate is not revoked.
/// <see cref="Details"/> is given for a known number, never for a file that matches nothing.
/// </summary>
public sealed record VerificationResult(bool Genuine, string Status, string? CertificateNumber, PublicCertificateDetails? Details = null)
{
    public static readonly VerificationResult Unknown = new(false, VerificationStatus.Unknown, null);
}

/// <summary>Public verification (证照核验) of a certificate by number (QR code) or by the PDF itself.</summary>
public sealed class CertificateVerifier(OneSealDb db, TimeProvider clock, ILogger<CertificateVerifier> log)
{
    public async Task<VerificationResult> ByNumberAsync(string number, CancellationToken ct)
    {
        var wanted = number.Trim();
        var certificate = await db.Set<Certificate>().AsNoTracking().SingleOrDefaultAsync(c => c.Number == wanted, ct);
        // Not signed before its PDF exists (nobody holds a QR code for it yet either).
        if (certificate is null || certificate.PdfStatus != CertificatePdfStatus.Issued || !await SignatureHoldsAsync(certificate, ct))
            return VerificationResult.Unknown;
        return Result(certificate);
    }

    /// <summary>
    /// The file's SHA-256 must be the one registered and the one inside the signed payload: a single changed byte
    /// (or a re-saved, re-printed or edited PDF) matches no certificate.
    /// </summary>
    public async Task<VerificationResult> ByFileAsync(byte[] file, CancellationToken ct)
    {
        var sha256 = Convert.ToHexStringLower(SHA256.HashData(file));
        var certificate = await db.Set<Certificate>().AsNoTracking().FirstOrDefaultAsync(c => c.PdfSha256 == sha256, ct);
        if (certificate is null
            || CertificatePayload.Field(certificate.SignedPayload, CertificatePayload.PdfSha256Key) != sha256
            || !await SignatureHoldsAsync(certificate, ct))
            return VerificationResult.Unknown;
        return Result(certificate) with { Details = null };
    }

    private VerificationResult Result(Certificate c)
    {
        var status = c.Status == CertificateStatus.Revoked ? VerificationStatus.Revoked : VerificationStatus.Valid;
        return new VerificationResult(status == VerificationStatus.Valid, status, c.Number, Details(c));
    }

    private PublicCertificateDetails Details(Certificate c) => new(
        c.Name, c.Number,
        c.HolderCodeType is HolderCodeTypes.CitizenId or HolderCodeTypes.OtherPerson ? Masking.MaskName(c.HolderName) : c.HolderName,
        c.HolderCodeMasked, c.IssuerName, c.IssuedOn, c.ValidFrom, c.ValidUntil,
        c.ValidUntil is { } until && until < LegalDates.Today(clock), c.RevokedAt, c.CaseId);

    /// <summary>The stored payload is signed by the stored key and names this certificate: the row was not edited.</summary>
    private async Task<bool> SignatureHoldsAsync(Certificate c, CancellationToken ct)
    {
        var key = await SealKeyStore.PublicKeyAsync(db, c.SealKeyId, ct);
        var holds = key is not null
            && CertificatePayload.Field(c.SignedPayload, CertificatePayload.NumberKey) == c.Number
            && TryFromBase64(c.Signature) is { } signature
            && Sm2Signature.Verify(key, Encoding.UTF8.GetBytes(c.SignedPayload), signature);
        if (!holds) log.LogWarning("Certificate {Number}: stored signature does not verify; the record may have been altered", c.Number);
        return holds;
    }

    private static byte[]? TryFromBase64(string s)
    {
        var buffer = new byte[s.Length];
        return Convert.TryFromBase64String(s, buffer, out var n) ? buffer[..n] : null;
    }
}
