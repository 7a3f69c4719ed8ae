using Microsoft.EntityFrameworkCore;
using OneSeal.Calendar;
using OneSeal.Cases;
using OneSeal.Cases.Commitments;
using OneSeal.Cases.Decision;
using OneSeal.Catalog.Versions;
using OneSeal.Organisation;
using OneSeal.Platform.Audit;
using OneSeal.Platform.Database;
using OneSeal.Platform.Events;
using OneSeal.Platform.Security;
using OneSeal.Platform.Time;
using OneSeal.Seal;
using OneSeal.Supervision.Verification;
using VerificationStatus = OneSeal.Supervision.Verification.VerificationStatus;

namespace OneSeal.Supervision.Pushes;

/// <summary>
/// 审批结果推送: told of every approval (准予, 超时默认准予, 告知承诺) and every revocation inside its transaction, it pushes
/// the result to the item's supervising department (监管部门, the catalog's <c>SupervisingDepartmentId</c>) and, for an
/// approval on commitment, opens the verification task (核查). The case's timeline says so in the same transaction.
/// </summary>
public sealed class DecisionPushes(OneSealDb db, IWorkingDayCalendar calendar, VersionFactsCache versions, AgencyDirectory agencies,
    SupervisionOptions options, IServiceProvider services) : ICaseDecisionListener, ICertificateRevocationListener
{
    public async Task OnDecidedAsync(Case decided, Actor actor, DateTimeOffset now, CancellationToken ct)
    {
        if (decided.Approved != true) return;
        var item = await versions.GetAsync(db, decided.ItemId, ct);
        var commitment = await CaseCommitments.OnNotificationCommitmentAsync(db, decided.Id, ct);
        var push = Push(decided.Id, decided.CaseNumber, decided.ItemCode, decided.ItemName, decided.ApplicantName, item.SupervisingDepartmentId,
            decided.HandlingOrganisationId, commitment ? PushKind.Commitment : PushKind.Approval, actor, now);
        var department = (await agencies.GetAsync(db, push.DepartmentId, ct)).Name;
        var line = $"已向监管部门（{department}）推送审批结果，请其在 {push.ClaimBy:yyyy-MM-dd} 前认领";
        if (commitment)
        {
            var due = calendar.AddWorkingDays(push.PushedOn, options.VerificationWorkingDays);
            db.Add(new VerificationTask
            {
                Id = Guid.NewGuid(), CaseId = decided.Id, CaseNumber = decided.CaseNumber, DepartmentId = push.DepartmentId,
                HandlingOrganisationId = decided.HandlingOrganisationId, PushId = push.Id,
                Subject = $"告知承诺核查：{decided.ApplicantName} · {decided.ItemName}", DueOn = due, Status = VerificationStatus.Open, CreatedAt = now,
            });
            line += $"；同时推送告知承诺核查任务，核查期限 {due:yyyy-MM-dd}";
        }
        // Resolved here, not injected: CaseCommands is built with this listener.
        await services.GetRequiredService<CaseCommands>().AddLineAsync(decided.Id, actor, CaseActions.SupervisionPushed, line, now, ct);
    }

    public async Task OnRevokedAsync(RevokedCertificate revoked, Actor actor, string reason, DateTimeOffset now, CancellationToken ct)
    {
        // The department the approval was pushed to. An approval decided before pushes existed has none to tell (known gap).
        var earlier = await db.Set<SupervisionPush>().AsNoTracking().Where(p => p.CaseId == revoked.CaseId && p.Kind != PushKind.Revocation)
            .OrderByDescending(p => p.PushedAt).FirstOrDefaultAsync(ct);
        if (earlier is null) return;
        Push(revoked.CaseId, earlier.CaseNumber, revoked.ItemCode, earlier.ItemName, earlier.HolderName,
            earlier.DepartmentId, revoked.IssuerOrganisationId, PushKind.Revocation, actor, now);
        // A verification found untrue is closed by the revocation it asked for.
        var waiting = await db.Set<VerificationTask>()
            .Where(t => t.CaseId == revoked.CaseId && t.Status == VerificationStatus.AwaitingRevocation).ToListAsync(ct);
        foreach (var task in waiting) task.Status = VerificationStatus.Revoked;
    }

    private SupervisionPush Push(Guid caseId, string caseNumber, string itemCode, string itemName, string holder, Guid departmentId,
        Guid handlingOrganisationId, PushKind kind, Actor actor, DateTimeOffset now)
    {
        var on = LegalDates.ToLegalDate(now);
        var push = new SupervisionPush
        {
            Id = Guid.NewGuid(), CaseId = caseId, CaseNumber = caseNumber, ItemCode = itemCode, ItemName = itemName, HolderName = holder,
            DepartmentId = departmentId, HandlingOrganisationId = handlingOrganisationId, Kind = kind, PushedAt = now, PushedOn = on,
            ClaimBy = calendar.AddWorkingDays(on, options.ClaimWorkingDays),
        };
        db.Add(push);
        db.Audit(actor, "supervision.pushed", "supervision-push", push.Id.ToString(), $"{PushLabels.Of(kind)}：{caseNumber} 推送监管部门", now);
        EventLog.Record(db, EventTypes.SupervisionPushed, SupervisionEvents.Subject(push), SupervisionEvents.Data(push), now,
            departmentId, itemCode, PushLabels.Api(kind));
        return push;
    }
}
