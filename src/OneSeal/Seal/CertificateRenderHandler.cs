using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using OneSeal.Documents;
using OneSeal.Platform.Audit;
using OneSeal.Platform.Database;
using OneSeal.Platform.Http;
using OneSeal.Platform.Outbox;
using OneSeal.Platform.Security;
using OneSeal.Platform.Storage;
using OneSeal.Platform.Telemetry;
using OneSeal.Platform.Time;

namespace OneSeal.Seal;

/// <summary>Outbox topics of the seal capability.</summary>
public static class CertificateTopics
{
    /// <summary>Payload <see cref="RenderCertificate"/>: render, store and sign one certificate's PDF.</summary>
    public const string Render = "certificate.render";
}

public sealed record RenderCertificate(Guid CertificateId);

/// <summary>What a certificate's PDF prints beyond its row, kept (encrypted) on the row until the PDF is issued.</summary>
public sealed record CertificatePrint(string CaseNumber, string ItemName, IReadOnlyList<KeyValuePair<string, string>> Details)
{
    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };
}

/// <summary>
/// <c>certificate.render</c>: HTML → PDF (Chromium) → file store → SM2 signature over the metadata with the PDF's SHA-256 →
/// Issued, with an audit line, in one transaction. Runs after the decision committed, so the renderer can be missing or
/// hang without touching the decision; a failed attempt marks the certificate Failed (shown to administrators) and the
/// outbox retries with back-off until it succeeds. Idempotent like the notices: an issued certificate is left alone and
/// the final update applies only while it is not issued (a losing run deletes its own file).
/// </summary>
internal sealed class CertificateRenderHandler(
    OneSealDb db, IPdfRenderer pdf, IFileStore files, SealKeyStore keys, PersonalData personalData, SealOptions options,
    TimeProvider clock, ILogger<CertificateRenderHandler> log) : IOutboxHandler
{
    public string Topic => CertificateTopics.Render;

    public bool RetriesUntilDone => true;

    public async Task HandleAsync(OutboxMessage m, CancellationToken ct)
    {
        var id = m.Read<RenderCertificate>().CertificateId;
        try
        {
            await IssuePdfAsync(id, ct);
        }
        catch (Exception e) when (!ct.IsCancellationRequested)
        {
            await RenderFailures.RecordAsync(log, "certificate", id, () => db.Set<Certificate>()
                .Where(c => c.Id == id && c.PdfStatus != CertificatePdfStatus.Issued)
                .ExecuteUpdateAsync(u => u
                    .SetProperty(c => c.PdfStatus, CertificatePdfStatus.Failed)
                    .SetProperty(c => c.PdfFailureReason, RenderFailures.Reason(e)), CancellationToken.None));
            throw;
        }
    }

    private async Task IssuePdfAsync(Guid id, CancellationToken ct)
    {
        var c = await db.Set<Certificate>().AsNoTracking().SingleOrDefaultAsync(x => x.Id == id, ct)
            ?? throw new InvalidOperationException($"Certificate {id} does not exist.");
        if (c.PdfStatus == CertificatePdfStatus.Issued) return;
        var print = JsonSerializer.Deserialize<CertificatePrint>(personalData.Unprotect(c.PrintProtected
            ?? throw new InvalidOperationException($"Certificate {c.Number} has nothing to print.")), CertificatePrint.Json)!;

        var sheet = Sheet(c, print) with { SealPng = await IssuerSeals.ImageAsync(db, c.IssuerOrganisationId, ct) };
        var bytes = await OneSealMetrics.TimePdfRenderAsync("certificate", () => pdf.RenderAsync(CertificateDocument.Html(sheet), ct));
        c.PdfSha256 = Convert.ToHexStringLower(SHA256.HashData(bytes));
        using (var stream = new MemoryStream(bytes, writable: false))
            c.PdfKey = (await files.SaveAsync($"certificates/{c.IssuedOn.Year:D4}", stream, ct)).Key;

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var seal = await keys.GetActiveAsync(c.IssuerOrganisationId, ct);
        c.SealKeyId = seal.Key.Id;
        var payload = CertificatePayload.Build(c, print.CaseNumber);
        var signature = Convert.ToBase64String(Sm2Signature.Sign(seal.PrivateKey, Encoding.UTF8.GetBytes(payload)));
        var now = clock.Now();
        var changed = await db.Set<Certificate>()
            .Where(x => x.Id == id && x.PdfStatus != CertificatePdfStatus.Issued)
            .ExecuteUpdateAsync(u => u
                .SetProperty(x => x.PdfStatus, CertificatePdfStatus.Issued)
                .SetProperty(x => x.PdfKey, c.PdfKey)
                .SetProperty(x => x.PdfSha256, c.PdfSha256)
                .SetProperty(x => x.SignedPayload, payload)
                .SetProperty(x => x.Signature, signature)
                .SetProperty(x => x.SealKeyId, seal.Key.Id)
                .SetProperty(x => x.PdfFailureReason, (string?)null)
                .SetProperty(x => x.PrintProtected, (string?)null), ct);
        if (changed == 0)
        {
            // Issued meanwhile by another run of the same message: ours is not used.
            await tx.RollbackAsync(ct);
            files.Delete(c.PdfKey);
            log.LogInformation("Certificate {Number} was issued meanwhile; deleted the duplicate rendering", c.Number);
            return;
        }
        db.Audit(null, "certificate.signed", "certificate", c.Number, $"{c.Name} PDF 已生成并签章", now);
        Administration.SealUsageLog.Record(db, seal, Administration.SealUsage.Certificate, c.Number, c.Name, print.CaseNumber, c.DecidedById, now);
        await db.CommitAsync(ct);
        await tx.CommitAsync(ct);
        log.LogInformation("Certificate {Number} rendered and signed", c.Number);
    }

    private CertificateSheet Sheet(Certificate c, CertificatePrint p) => new(
        c.Name, c.Number, c.HolderName, c.HolderCodeType, c.HolderCodeMasked, p.ItemName, p.Details,
        c.IssuerName, c.IssuedOn, c.ValidFrom, c.ValidUntil, options.VerifyUrl(c.Number));
}

/// <summary>Administrators put a certificate whose PDF failed back in line at once (the outbox would retry it anyway, later).</summary>
public static class CertificateRenders
{
    /// <summary>Pending again with a fresh <c>certificate.render</c> message due now (caller commits); 409 once issued.</summary>
    public static async Task<Certificate> RetryAsync(OneSealDb db, Guid certificateId, DateTimeOffset now, CancellationToken ct)
    {
        var c = await db.Set<Certificate>().SingleOrDefaultAsync(x => x.Id == certificateId, ct)
            ?? throw new NotFoundException("证照不存在");
        if (c.PdfStatus == CertificatePdfStatus.Issued)
            throw new ConflictException("certificate-issued", $"证照 {c.Number} 已生成，无需重新生成");
        c.PdfStatus = CertificatePdfStatus.Pending;
        c.PdfFailureReason = null;
        Outbox.Enqueue(db, CertificateTopics.Render, new RenderCertificate(c.Id), now);
        return c;
    }
}
