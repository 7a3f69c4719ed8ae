using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using OneSeal.Documents;
using OneSeal.Platform.Audit;
using OneSeal.Platform.Database;
using OneSeal.Platform.Outbox;
using OneSeal.Platform.Storage;
using OneSeal.Platform.Telemetry;
using OneSeal.Platform.Time;
using OneSeal.Seal;
using OneSeal.Seal.Administration;

namespace OneSeal.Notices;

/// <summary>
/// <c>notice.render</c>: HTML → PDF (Chromium) → file store → SM2 signature over the canonical payload (which includes the
/// PDF's SHA-256) → Issued, with an audit line, in one transaction. Idempotent: an issued notice is left alone,
/// and the final update only applies while it is not yet issued, so a second run after a lost acknowledgement changes nothing.
/// A failed attempt marks the notice Failed with its error (shown to administrators) and the outbox retries it with
/// back-off until it succeeds: a renderer that comes back issues it without anyone's help.
/// </summary>
internal sealed class NoticeRenderHandler(
    OneSealDb db, IPdfRenderer pdf, IFileStore files, SealKeyStore keys, NoticeOptions options, TimeProvider clock,
    ILogger<NoticeRenderHandler> log) : IOutboxHandler
{
    public string Topic => NoticeTopics.Render;

    public bool RetriesUntilDone => true;

    public async Task HandleAsync(OutboxMessage m, CancellationToken ct)
    {
        var id = m.Read<RenderNotice>().NoticeId;
        try
        {
            await IssueAsync(id, ct);
        }
        catch (Exception e) when (!ct.IsCancellationRequested)
        {
            await RenderFailures.RecordAsync(log, "notice", id, () => MarkFailedAsync(id, RenderFailures.Reason(e), CancellationToken.None));
            throw;
        }
    }

    private async Task IssueAsync(Guid id, CancellationToken ct)
    {
        var notice = await db.Set<CaseNotice>().AsNoTracking().SingleOrDefaultAsync(n => n.Id == id, ct)
            ?? throw new InvalidOperationException($"Notice {id} does not exist.");
        if (notice.Status == NoticeStatus.Issued) return;

        var fields = NoticeIssuer.FieldsOf(notice);
        var sheet = Sheet(notice, fields, options) with { SealPng = await IssuerSeals.ImageAsync(db, notice.IssuerOrganisationId, ct) };
        var bytes = await OneSealMetrics.TimePdfRenderAsync("notice", () => pdf.RenderAsync(NoticeDocument.Html(sheet), ct));
        var sha256 = Convert.ToHexStringLower(SHA256.HashData(bytes));
        string key;
        using (var stream = new MemoryStream(bytes, writable: false))
            key = (await files.SaveAsync($"notices/{LegalDates.ToLegalDate(notice.IssuedAt).Year:D4}", stream, ct)).Key;

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var seal = await keys.GetActiveAsync(notice.IssuerOrganisationId, ct);
        var payload = NoticePayload.Build(notice, fields, sha256);
        var signature = Convert.ToBase64String(Sm2Signature.Sign(seal.PrivateKey, Encoding.UTF8.GetBytes(payload)));
        var now = clock.Now();
        var changed = await db.Set<CaseNotice>()
            .Where(n => n.Id == id && n.Status != NoticeStatus.Issued)
            .ExecuteUpdateAsync(u => u
                .SetProperty(n => n.Status, NoticeStatus.Issued)
                .SetProperty(n => n.PdfKey, key)
                .SetProperty(n => n.PdfSha256, sha256)
                .SetProperty(n => n.SignedPayload, payload)
                .SetProperty(n => n.Signature, signature)
                .SetProperty(n => n.SealKeyId, seal.KeyId)
                .SetProperty(n => n.SignedAt, now)
                .SetProperty(n => n.FailureReason, (string?)null), ct);
        if (changed == 0)
        {
            // Issued meanwhile by another run of the same message; ours is not used.
            await tx.RollbackAsync(ct);
            files.Delete(key);
            log.LogInformation("Notice {Number} was issued meanwhile; deleted the duplicate rendering {Key}", notice.Number, key);
            return;
        }
        db.Audit(null, "notice.issued", "case_notice", notice.Number, $"{notice.Title}（办件 {notice.CaseNumber}）", now);
        SealUsageLog.Record(db, seal, SealUsage.Notice, notice.Number, notice.Title, notice.CaseNumber, notice.DecidedById, now);
        await db.CommitAsync(ct);
        await tx.CommitAsync(ct);
        log.LogInformation("Notice {Number} ({Kind}) issued for case {CaseNumber}", notice.Number, notice.Kind, notice.CaseNumber);
    }

    public async Task GiveUpAsync(OutboxMessage m, string error, CancellationToken ct) =>
        await MarkFailedAsync(m.Read<RenderNotice>().NoticeId, error.Length > RenderFailures.MaxReasonLength ? error[..RenderFailures.MaxReasonLength] : error, ct);

    private Task<int> MarkFailedAsync(Guid id, string reason, CancellationToken ct) =>
        db.Set<CaseNotice>()
            .Where(n => n.Id == id && n.Status != NoticeStatus.Issued)
            .ExecuteUpdateAsync(u => u.SetProperty(n => n.Status, NoticeStatus.Failed).SetProperty(n => n.FailureReason, reason), ct);

    internal static NoticeSheet Sheet(CaseNotice n, IReadOnlyList<KeyValuePair<string, string>> fields, NoticeOptions options) => new(
        n.Kind, n.Title, n.Number, n.IssuerName, n.Addressee, n.CaseNumber, n.ItemName, LegalDates.ToLegalDate(n.IssuedAt), fields,
        options.VerifyUrl(n.Number),
        NoticeFields.Value(fields, NoticeFields.ReconsiderationBody) ?? options.ReconsiderationBodyFor(n.IssuerName),
        NoticeFields.Value(fields, NoticeFields.Court) ?? options.CourtFor(n.IssuerName));
}
