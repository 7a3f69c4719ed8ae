using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using OneSeal.Organisation;
using OneSeal.Organisation.Identifiers;
using OneSeal.Platform.Database;
using OneSeal.Platform.Http;
using OneSeal.Platform.Outbox;
using OneSeal.Platform.Time;

namespace OneSeal.Notices;

/// <summary>Outbox topics of the notices capability.</summary>
public static class NoticeTopics
{
    /// <summary>Payload <see cref="RenderNotice"/>: render, store and sign one notice.</summary>
    public const string Render = "notice.render";
}

public sealed record RenderNotice(Guid NoticeId);

public sealed class NoticeIssuer(NoticeOptions options, INoticeCases cases, AgencyDirectory agencies) : INoticeIssuer
{
    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public async Task<CaseNotice> EnqueueAsync(OneSealDb db, NoticeRequest request, DateTimeOffset now, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(request);
        var fields = NoticeFields.Validate(request);
        // Agencies are reference data, read once per process (AgencyDirectory): no query per notice.
        var issuer = await agencies.FindAsync(db, request.IssuerOrganisationId, ct)
            ?? throw new InvalidInputException("issuerOrganisationId", "unknown-organisation", "签发机关不存在");
        await Seal.IssuerSeals.EnsureAsync(db, issuer.Id, issuer.Kind, issuer.Name, ct);
        if (!await cases.ExistsAsync(db, request.CaseId, ct))
            throw new InvalidInputException("caseId", "unknown-case", "办件不存在");

        var at = Instants.Truncate(now);
        var year = LegalDates.ToLegalDate(at).Year;
        var applicant = request.ApplicantName.Trim();
        var notice = new CaseNotice
        {
            Id = Guid.NewGuid(),
            CaseId = request.CaseId,
            CaseNumber = request.CaseNumber.Trim(),
            Kind = request.Kind,
            // Numbered when the unit of work commits, after everything else (Sequences.NumberAtCommit); unique until then.
            Number = "~" + Guid.NewGuid().ToString("N"),
            Title = NoticeKinds.Title(request.Kind),
            Addressee = applicant,
            // The public verification page names a person only by the surname; an enterprise's name is public anyway.
            AddresseePublic = request.AddresseeIsOrganisation ? applicant : Masking.MaskName(applicant),
            ItemName = request.ItemName.Trim(),
            FieldsJson = JsonSerializer.Serialize(fields, Json),
            IssuedAt = at,
            IssuerOrganisationId = request.IssuerOrganisationId,
            IssuerName = request.IssuerName.Trim(),
            Status = NoticeStatus.Pending,
            DecidedById = request.DecidedById is { } by && by != Guid.Empty ? by : null,
        };
        db.Add(notice);
        db.NumberAtCommit($"notice:{request.Kind}:{year}", sequence => notice.Number = options.Number(request.Kind, year, sequence));
        Outbox.Enqueue(db, NoticeTopics.Render, new RenderNotice(notice.Id), at);
        return notice;
    }

    public async Task<CaseNotice> RetryAsync(OneSealDb db, Guid noticeId, DateTimeOffset now, CancellationToken ct = default)
    {
        var notice = await db.Set<CaseNotice>().SingleOrDefaultAsync(n => n.Id == noticeId, ct)
            ?? throw new NotFoundException("文书不存在");
        if (notice.Status != NoticeStatus.Failed)
            throw new ConflictException("notice-not-failed", $"文书 {notice.Number} 未处于生成失败状态，无需重新生成");
        notice.Status = NoticeStatus.Pending;
        notice.FailureReason = null;
        Outbox.Enqueue(db, NoticeTopics.Render, new RenderNotice(notice.Id), now);
        return notice;
    }

    public static IReadOnlyList<KeyValuePair<string, string>> FieldsOf(CaseNotice n) =>
        JsonSerializer.Deserialize<List<KeyValuePair<string, string>>>(n.FieldsJson, Json) ?? [];
}
