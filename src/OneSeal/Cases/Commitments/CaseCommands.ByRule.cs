using Microsoft.EntityFrameworkCore;
using OneSeal.Cases.Commitments;
using OneSeal.Cases.Machine;
using OneSeal.Platform.Audit;
using OneSeal.Platform.Database;
using OneSeal.Platform.Security;
using OneSeal.Platform.Time;

namespace OneSeal.Cases;

/// <summary>What the system does by rule when time runs out: late tolerance materials, 超时默认.</summary>
public sealed partial class CaseCommands
{
    /// <summary>
    /// A tolerance commitment past its supply date: first a warning on the timeline (not a transition: the case runs on),
    /// then — after the grace working days — the case ends (终止审查, the machine's <see cref="CaseAction.TerminateForTolerance"/>),
    /// since no result may be issued without the materials.
    /// </summary>
    public Task EnforceToleranceAsync(Guid caseId, CancellationToken ct) => db.InTransactionAsync(async () =>
    {
        var c = await LoadAsync(caseId, ct);
        var actor = SystemActor.Instance;
        var context = await contexts.ForAsync(c, ContextNeeds.Tolerance, ct);
        if (context.ToleranceSupplyBy is not { } supplyBy || context.Owed.Count == 0 || context.Today <= supplyBy) return;
        var endOn = context.ToleranceGraceEndsOn!.Value;
        var now = clock.Now();
        if (CaseMachine.RowFor(c, CaseAction.TerminateForTolerance, actor, context) is { } row)
        {
            await EndAsync(c, row, actor, $"容缺受理承诺的材料逾期未补交（承诺 {supplyBy:yyyy-MM-dd} 前补交，宽限至 {endOn:yyyy-MM-dd}）", ct);
            return;
        }
        if (!CaseStatusLabels.Running.Contains(c.Status)) return;
        var commitment = await db.Set<CaseCommitment>()
            .FirstAsync(x => x.CaseId == c.Id && x.Kind == CommitmentKind.Tolerance && x.FulfilledAt == null, ct);
        if (commitment.WarnedAt is not null) return;
        commitment.WarnedAt = now;
        await NoteAsync(c, actor, CaseActions.ToleranceOverdue,
            $"承诺 {supplyBy:yyyy-MM-dd} 前补交的容缺材料尚未补交；{endOn:yyyy-MM-dd} 前仍未补交的，终止审查", now, ct);
    }, ct);

    /// <summary>超时默认 (seed 003): an item so configured is deemed approved when its limit passes without a decision.</summary>
    public Task ApproveAsDeemedAsync(Guid caseId, CancellationToken ct) => db.InTransactionAsync(async () =>
    {
        var actor = SystemActor.Instance;
        var (c, row) = await BeginAsync(caseId, CaseAction.DeemApprove, actor, null, ct);
        var now = clock.Now();
        var note = $"办结期限 {c.DueDate:yyyy-MM-dd} 届满未作决定，依本事项超时默认规定视为准予许可";
        await RecordDecisionAsync(c, actor, approve: true, note, now, ct);
        AddEvent(c, actor, CaseActions.DeemedApproved, note, c.Status, now);
        await IssueApprovalAsync(c, row, actor, note, now, ct, [KeyValuePair.Create("备注", "超时默认准予")]);
    }, ct);
}
