using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using OneSeal.Platform.Database;
using OneSeal.Platform.Time;
using OneSeal.Seal;

namespace OneSeal.Notices;

/// <summary>What the public may see of a notice: the addressee masked when a person, no printed fields.</summary>
public sealed record PublicNoticeDetails(string Title, string Number, string Addressee, string ItemName, string IssuerName, DateOnly IssuedOn);

/// <summary><see cref="Genuine"/> only for an issued notice whose stored signature holds (and, by file, whose bytes are the ones signed).</summary>
public sealed record NoticeVerification(bool Genuine, string Status, string? Number, PublicNoticeDetails? Details = null)
{
    public static readonly NoticeVerification Unknown = new(false, VerificationStatus.Unknown, null);
}

/// <summary>Public verification of a notice by its number (QR code) or by the PDF itself.</summary>
public sealed class NoticeVerifier(OneSealDb db, ILogger<NoticeVerifier> log)
{
    /// <summary>Status of a registered notice whose sealed PDF is not signed yet (the outbox renders it after the act).</summary>
    public const string Pending = "pending";

    public async Task<NoticeVerification> ByNumberAsync(string number, CancellationToken ct)
    {
        var wanted = number.Trim();
        if (wanted.Length is 0 or > CaseNoticeConfiguration.MaxNumberLength) return NoticeVerification.Unknown;
        var notice = await db.Set<CaseNotice>().AsNoTracking().SingleOrDefaultAsync(n => n.Number == wanted, ct);
        // A notice printed at the window before its PDF was signed: its QR code leads here at once. Not genuine yet, but
        // registered; the page says so instead of "does not exist" (and shows nothing of it).
        if (notice is { Status: not NoticeStatus.Issued }) return new NoticeVerification(false, Pending, notice.Number);
        return notice is not null && await SignatureHoldsAsync(notice, ct) ? Genuine(notice) : NoticeVerification.Unknown;
    }

    /// <summary>The file's SHA-256 must be the registered one and the one inside the signed payload: one changed byte matches nothing.</summary>
    public async Task<NoticeVerification> ByFileAsync(byte[] file, CancellationToken ct)
    {
        var sha256 = Convert.ToHexStringLower(SHA256.HashData(file));
        var notice = await db.Set<CaseNotice>().AsNoTracking().FirstOrDefaultAsync(n => n.PdfSha256 == sha256, ct);
        if (notice is null || NoticePayload.Field(notice.SignedPayload, NoticePayload.PdfSha256Key) != sha256 || !await SignatureHoldsAsync(notice, ct))
            return NoticeVerification.Unknown;
        return Genuine(notice) with { Details = null };
    }

    private static NoticeVerification Genuine(CaseNotice n) => new(true, VerificationStatus.Valid, n.Number,
        new PublicNoticeDetails(n.Title, n.Number, n.AddresseePublic, n.ItemName, n.IssuerName, LegalDates.ToLegalDate(n.IssuedAt)));

    /// <summary>Issued, signed by the recorded key, and the signed payload names this notice: the row was not edited.</summary>
    private async Task<bool> SignatureHoldsAsync(CaseNotice n, CancellationToken ct)
    {
        if (n.Status != NoticeStatus.Issued || n.SignedPayload is null || n.Signature is null || n.SealKeyId is null) return false;
        var key = await SealKeyStore.PublicKeyAsync(db, n.SealKeyId.Value, ct);
        var holds = key is not null
            && NoticePayload.Field(n.SignedPayload, NoticePayload.NumberKey) == n.Number
            && NoticePayload.Field(n.SignedPayload, NoticePayload.PdfSha256Key) == n.PdfSha256
            && TryFromBase64(n.Signature) is { } signature
            && Sm2Signature.Verify(key, Encoding.UTF8.GetBytes(n.SignedPayload), signature);
        if (!holds) log.LogWarning("Notice {Number}: stored signature does not verify; the record may have been altered", n.Number);
        return holds;
    }

    private static byte[]? TryFromBase64(string s)
    {
        var buffer = new byte[s.Length];
        return Convert.TryFromBase64String(s, buffer, out var n) ? buffer[..n] : null;
    }
}
