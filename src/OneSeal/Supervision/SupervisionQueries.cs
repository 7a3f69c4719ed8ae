using Microsoft.EntityFrameworkCore;
using OneSeal.Organisation;
using OneSeal.Platform.Database;
using OneSeal.Platform.Security;
using OneSeal.Platform.Time;
using OneSeal.Supervision.Pushes;
using OneSeal.Supervision.Records;
using OneSeal.Supervision.Verification;

namespace OneSeal.Supervision;

public sealed record RecordView(Guid Id, string Kind, string KindLabel, DateOnly CheckedOn, string Inspectors, string Findings, string Result,
    string ResultLabel, string RecordedByName, DateTimeOffset RecordedAt, IReadOnlyList<AttachmentView> Attachments);

public sealed record AttachmentView(Guid Id, string FileName, long SizeBytes);

public sealed record CaseSupervisionView(PushView Push, string DepartmentName, IReadOnlyList<RecordView> Records);

public sealed record CaseSupervision(IReadOnlyList<CaseSupervisionView> Pushes, IReadOnlyList<VerificationView> Verifications);

/// <summary>A case the bureau chief should revoke: its verification found the declaration untrue.</summary>
public sealed record RevocationDue(Guid CaseId, string CaseNumber, string Subject, string DepartmentName, string? Note, DateTimeOffset? VerifiedAt);

/// <summary>
/// What the bureau and the public see of a case's supervision. Callers check who may see the case first (the case page
/// asks CaseQueries); the public line carries no inspectors' names.
/// </summary>
public sealed class SupervisionQueries(OneSealDb db, TimeProvider clock, AgencyDirectory agencies)
{
    public async Task<CaseSupervision> ForCaseAsync(Guid caseId, CancellationToken ct)
    {
        var today = LegalDates.Today(clock);
        var pushes = await db.Set<SupervisionPush>().AsNoTracking().Where(p => p.CaseId == caseId).OrderBy(p => p.PushedAt).ToListAsync(ct);
        var ids = pushes.Select(p => p.Id).ToList();
        var records = await db.Set<SupervisionRecord>().AsNoTracking().Include(r => r.Attachments).Where(r => ids.Contains(r.PushId))
            .OrderBy(r => r.CheckedOn).ThenBy(r => r.RecordedAt).ToListAsync(ct);
        var views = new List<CaseSupervisionView>();
        foreach (var p in pushes)
            views.Add(new CaseSupervisionView(PushView.Of(p, today), (await agencies.GetAsync(db, p.DepartmentId, ct)).Name,
                records.Where(r => r.PushId == p.Id).Select(Of).ToList()));
        var tasks = await db.Set<VerificationTask>().AsNoTracking().Where(t => t.CaseId == caseId).OrderBy(t => t.CreatedAt).ToListAsync(ct);
        return new CaseSupervision(views, tasks.Select(t => VerificationView.Of(t, today)).ToList());
    }

    /// <summary>The certificate's public line: supervised by whom, the last record's date and result; null when never pushed.</summary>
    public async Task<string?> PublicLineAsync(Guid caseId, CancellationToken ct)
    {
        var push = await db.Set<SupervisionPush>().AsNoTracking().Where(p => p.CaseId == caseId && p.Kind != PushKind.Revocation)
            .OrderByDescending(p => p.PushedAt).FirstOrDefaultAsync(ct);
        if (push is null) return null;
        var department = (await agencies.GetAsync(db, push.DepartmentId, ct)).Name;
        var last = await db.Set<SupervisionRecord>().AsNoTracking().Where(r => r.PushId == push.Id)
            .OrderByDescending(r => r.CheckedOn).ThenByDescending(r => r.RecordedAt).Select(r => new { r.CheckedOn, r.Kind, r.Result }).FirstOrDefaultAsync(ct);
        return last is null
            ? $"监管部门：{department}（{(push.ClaimedAt is null ? "已推送，待认领" : "已认领，尚无监管记录")}）"
            : $"监管部门：{department}；最近监管记录：{last.CheckedOn:yyyy-MM-dd} {RecordLabels.Of(last.Kind)}，{RecordLabels.Of(last.Result)}";
    }

    /// <summary>The chief's worklist "核查不属实，待撤销": the actor's bureau's cases (chief only; others see none).</summary>
    public async Task<IReadOnlyList<RevocationDue>> RevocationsDueAsync(Actor actor, CancellationToken ct)
    {
        if (!actor.Has(Roles.Chief)) return [];
        // Few at any time; the chief's reach (data scope) is decided per organisation, as for the cases themselves.
        var tasks = await db.Set<VerificationTask>().AsNoTracking()
            .Where(t => t.Status == VerificationStatus.AwaitingRevocation && t.HandlingOrganisationId != null)
            .OrderBy(t => t.VerifiedAt).Take(1000).ToListAsync(ct);
        var list = new List<RevocationDue>();
        foreach (var t in tasks.Where(t => actor.Reaches(Roles.Chief, t.HandlingOrganisationId!.Value)))
            list.Add(new RevocationDue(t.CaseId, t.CaseNumber, t.Subject, (await agencies.GetAsync(db, t.DepartmentId, ct)).Name, t.ResultNote, t.VerifiedAt));
        return list;
    }

    /// <summary>An attachment of a record on <paramref name="caseId"/> (the case page streams it after its own access check).</summary>
    public Task<SupervisionAttachment?> AttachmentAsync(Guid caseId, Guid attachmentId, CancellationToken ct) =>
        (from a in db.Set<SupervisionAttachment>().AsNoTracking()
         join r in db.Set<SupervisionRecord>() on a.RecordId equals r.Id
         join p in db.Set<SupervisionPush>() on r.PushId equals p.Id
         where a.Id == attachmentId && p.CaseId == caseId
         select a).FirstOrDefaultAsync(ct);

    private static RecordView Of(SupervisionRecord r) => new(r.Id, RecordLabels.Api(r.Kind), RecordLabels.Of(r.Kind), r.CheckedOn, r.Inspectors,
        r.Findings, RecordLabels.Api(r.Result), RecordLabels.Of(r.Result), r.RecordedByName, r.RecordedAt,
        r.Attachments.Select(a => new AttachmentView(a.Id, a.FileName, a.SizeBytes)).ToList());
}
