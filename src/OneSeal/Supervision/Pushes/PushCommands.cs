using Microsoft.EntityFrameworkCore;
using OneSeal.Platform.Audit;
using OneSeal.Platform.Database;
using OneSeal.Platform.Events;
using OneSeal.Platform.Http;
using OneSeal.Platform.Security;
using OneSeal.Platform.Time;

namespace OneSeal.Supervision.Pushes;

public sealed record PushView(Guid Id, Guid CaseId, string CaseNumber, string ItemCode, string ItemName, string HolderName, string Kind,
    string KindLabel, string State, string StateLabel, DateTimeOffset PushedAt, DateOnly ClaimBy, bool Yellow, DateTimeOffset? ClaimedAt,
    string? ClaimedByName, DateTimeOffset? ReportedAt)
{
    public static PushView Of(SupervisionPush p, DateOnly today) => new(p.Id, p.CaseId, p.CaseNumber, p.ItemCode, p.ItemName, p.HolderName,
        PushLabels.Api(p.Kind), PushLabels.Of(p.Kind), PushLabels.Api(p.StateOn(today)), PushLabels.Of(p.StateOn(today)), p.PushedAt, p.ClaimBy,
        p.YellowOn(today), p.ClaimedAt, p.ClaimedByName, p.ReportedAt);
}

/// <summary>The department's pushes: its lists by state, and 认领 (who and when, once, audited, the refused attempts too).</summary>
public sealed class PushCommands(OneSealDb db, TimeProvider clock)
{
    public const int ListLimit = 500;

    public async Task<IReadOnlyList<PushView>> ListAsync(Actor actor, string? state, CancellationToken ct)
    {
        var department = SupervisionScope.DepartmentOf(actor);
        PushState? wanted = null;
        if (!string.IsNullOrEmpty(state))
            wanted = PushLabels.ParseState(state) ?? throw new InvalidInputException("state", "one-of", "状态（state）应为 to-claim（待认领）、claimed（已认领）或 overdue（逾期未认领）。");
        var today = LegalDates.Today(clock);
        var query = db.Set<SupervisionPush>().AsNoTracking().Where(p => p.DepartmentId == department);
        query = wanted switch
        {
            PushState.ToClaim => query.Where(p => p.ClaimedAt == null && p.ClaimBy >= today),
            PushState.Overdue => query.Where(p => p.ClaimedAt == null && p.ClaimBy < today),
            PushState.Claimed => query.Where(p => p.ClaimedAt != null),
            _ => query,
        };
        var rows = await query.OrderBy(p => p.ClaimBy).ThenBy(p => p.CaseNumber).Take(ListLimit).ToListAsync(ct);
        return rows.Select(p => PushView.Of(p, today)).ToList();
    }

    /// <summary>One push of the actor's department (404 for another's).</summary>
    public async Task<PushView> GetAsync(Actor actor, Guid pushId, CancellationToken ct)
    {
        var department = SupervisionScope.DepartmentOf(actor);
        var push = await db.Set<SupervisionPush>().AsNoTracking().FirstOrDefaultAsync(p => p.Id == pushId, ct);
        if (push is null || push.DepartmentId != department) throw SupervisionScope.NotOurs("推送");
        return PushView.Of(push, LegalDates.Today(clock));
    }

    public async Task<PushView> ClaimAsync(Actor actor, Guid pushId, CancellationToken ct)
    {
        var department = SupervisionScope.DepartmentOf(actor);
        var now = clock.Now();
        var owner = await db.Set<SupervisionPush>().AsNoTracking().Where(p => p.Id == pushId).Select(p => (Guid?)p.DepartmentId).FirstOrDefaultAsync(ct);
        if (owner != department)
        {
            // The refused attempt stays on record (another department's push, or none).
            db.Audit(actor, "supervision.claim-refused", "supervision-push", pushId.ToString(), "认领被拒绝：不属于本部门", now);
            await db.CommitAsync(ct);
            throw SupervisionScope.NotOurs("推送");
        }
        return await db.InTransactionAsync(async () =>
        {
            // One conditional update: of two colleagues claiming at once, one wins and the other is told.
            var claimed = await db.Set<SupervisionPush>().Where(p => p.Id == pushId && p.ClaimedAt == null)
                .ExecuteUpdateAsync(u => u.SetProperty(p => p.ClaimedAt, now).SetProperty(p => p.ClaimedById, actor.Id)
                    .SetProperty(p => p.ClaimedByName, actor.DisplayName), ct);
            var push = await db.Set<SupervisionPush>().AsNoTracking().SingleAsync(p => p.Id == pushId, ct);
            if (claimed == 0)
                throw new ConflictException("already-claimed", $"该推送已由{push.ClaimedByName}于 {LegalDates.ToLegalDate(push.ClaimedAt!.Value):yyyy-MM-dd} 认领。");
            var late = LegalDates.ToLegalDate(now) > push.ClaimBy;
            db.Audit(actor, "supervision.claimed", "supervision-push", push.Id.ToString(), $"认领 {push.CaseNumber}{(late ? "（逾期）" : "")}", now);
            EventLog.Record(db, EventTypes.SupervisionClaimed, SupervisionEvents.Subject(push), SupervisionEvents.Data(push, new { late }), now,
                push.DepartmentId, push.ItemCode, PushLabels.Api(push.Kind));
            await db.CommitAsync(ct);
            return PushView.Of(push, LegalDates.ToLegalDate(now));
        }, ct);
    }
}
