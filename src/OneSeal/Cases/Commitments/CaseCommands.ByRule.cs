using Microsoft.EntityFrameworkCore;
using OneSeal.Cases.Commitments;
using OneSeal.Platform.Security;
using OneSeal.Platform.Time;

namespace OneSeal.Cases;

/// <summary>What the system does by rule when time runs out: late tolerance materials, 超时默认.</summary>
public sealed partial class CaseCommands
{
    private int ToleranceGraceDays => config.GetValue("Tolerance:GraceWorkingDays", 5);

    /// <summary>
    /// A tolerance commitment past its supply date: first a warning on the timeline, then — after the grace working
    /// days — the case ends (终止审查), since no result may be issued without the materials.
    /// </summary>
    public async Task EnforceToleranceAsync(Guid caseId, CancellationToken ct)
    {
        var c = await LoadAsync(caseId, ct);
        if (!CaseStatusLabels.Running.Contains(c.Status)) return;
        var commitment = await db.Set<CaseCommitment>()
            .FirstOrDefaultAsync(x => x.CaseId == c.Id && x.Kind == CommitmentKind.Tolerance && x.FulfilledAt == null, ct);
        if (commitment?.SupplyBy is not { } supplyBy) return;
        var now = clock.Now();
        var today = LegalDates.ToLegalDate(now);
        if (today <= supplyBy) return;
        var actor = SystemActor.Instance;
        var endOn = calendar.AddWorkingDays(supplyBy, ToleranceGraceDays);
        if (today > endOn)
        {
            await ClosePauseAsync(c, actor, now, ct);
            c.EndReason = $"容缺受理承诺的材料逾期未补交（承诺 {supplyBy:yyyy-MM-dd} 前补交，宽限至 {endOn:yyyy-MM-dd}）";
            c.DeadlineState = Clock.DeadlineState.Normal;
            await MoveAsync(c, actor, CaseActions.Terminated, CaseStatus.Terminated, c.EndReason, now, ct);
            return;
        }
        if (commitment.WarnedAt is not null) return;
        commitment.WarnedAt = now;
        c.Version++;
        AddEvent(c, actor, CaseActions.ToleranceOverdue, $"承诺 {supplyBy:yyyy-MM-dd} 前补交的容缺材料尚未补交；{endOn:yyyy-MM-dd} 前仍未补交的，终止审查", c.Status, now);
        await Platform.Database.UnitOfWork.CommitAsync(db, ct);
    }

    /// <summary>超时默认 (seed 003): an item so configured is deemed approved when its limit passes without a decision.</summary>
    public async Task ApproveAsDeemedAsync(Guid caseId, CancellationToken ct)
    {
        var c = await LoadAsync(caseId, ct);
        if (c.Status is not (CaseStatus.Accepted or CaseStatus.Reviewed)) return;
        var now = clock.Now();
        if (c.DueDate is not { } due || LegalDates.ToLegalDate(now) <= due) return;
        if ((await OwedMaterialsAsync(c, ct)).Count > 0) return;
        var actor = SystemActor.Instance;
        var note = $"办结期限 {due:yyyy-MM-dd} 届满未作决定，依本事项超时默认规定视为准予许可";
        RecordDecision(c, actor, approve: true, note, now);
        AddEvent(c, actor, CaseActions.DeemedApproved, note, c.Status, now);
        await IssueApprovalAsync(c, actor, note, now, ct, [KeyValuePair.Create("备注", "超时默认准予")]);
    }
}
