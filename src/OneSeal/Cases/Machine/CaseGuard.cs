using OneSeal.Catalog;
using OneSeal.Platform.Http;
using OneSeal.Platform.Security;

namespace OneSeal.Cases.Machine;

public sealed record GuardInput(Case Case, Actor Actor, CaseContext Context);

/// <summary>
/// A named condition a transition needs beyond its from-state. <see cref="Name"/> says it in English (the table and its
/// diagram), <see cref="Rule"/> is what a refusal's problem+json names, and <see cref="RefusalOf"/> returns the Chinese
/// message when the condition does not hold. <see cref="Status"/> 403 for who-may rules (separation of duties), else 409.
/// </summary>
public sealed record CaseGuard(string Name, string Rule, ContextNeeds Needs, Func<GuardInput, string?> RefusalOf, int Status = 409)
{
    public DomainException? Check(GuardInput input) => RefusalOf(input) is not { } message ? null
        : Status == 403 ? new ForbiddenException(Rule, message) : new ConflictException(Rule, message);
}

/// <summary>The guards of the case machine, each a rule with a name.</summary>
public static class CaseGuards
{
    /// <summary>
    /// 即办件: decided in the same visit straight after acceptance. For any other item deciding an accepted case is no
    /// transition at all, so the refusal keeps the rule every client already knows, <c>invalid-transition</c>.
    /// </summary>
    public static readonly CaseGuard ImmediateItemMaySkipReview = new("an immediate item may skip review", "invalid-transition", ContextNeeds.Item,
        x => x.Context.ItemKind == ItemKind.Immediate ? null : "本事项不是即办件，须经审查后才能作出决定。");

    public static readonly CaseGuard AcceptorCannotReview = new("the acceptor may not review", Rules.SeparationOfDuties.Rule, ContextNeeds.None,
        x => x.Case.AcceptedById == x.Actor.Id ? Rules.SeparationOfDuties.AcceptorReviewing : null, 403);

    public static readonly CaseGuard AcceptorCannotDecide = new("the acceptor may not decide", Rules.SeparationOfDuties.Rule, ContextNeeds.None,
        x => x.Case.AcceptedById == x.Actor.Id ? Rules.SeparationOfDuties.AcceptorDeciding : null, 403);

    public static readonly CaseGuard ReviewerCannotDecide = new("the reviewer may not decide", Rules.SeparationOfDuties.Rule, ContextNeeds.None,
        x => x.Case.ReviewedById == x.Actor.Id ? Rules.SeparationOfDuties.ReviewerDeciding : null, 403);

    /// <summary>容缺受理: no result is issued before the promised materials arrive.</summary>
    public static readonly CaseGuard NoResultBeforeToleratedMaterials = new("no result before tolerated materials are supplied", "tolerance-outstanding",
        ContextNeeds.Tolerance,
        x => x.Context.Owed.Count == 0 ? null : "容缺受理的材料尚未补齐，不能出具审批结果：" + string.Join("、", x.Context.Owed.Select(m => m.Name)));

    /// <summary>While a case runs, the applicant supplies only what a tolerance commitment still owes.</summary>
    public static readonly CaseGuard OnlyOwedMaterials = new("only owed tolerated materials while running", "tolerance-owed", ContextNeeds.Tolerance,
        x => x.Context.Owed.Count > 0 ? null : "办件已受理，只能补交容缺受理承诺补交的材料。");

    /// <summary>Art. 42: the limit may be extended once.</summary>
    public static readonly CaseGuard ExtendOnce = new("the limit is extended once", "extension-once", ContextNeeds.None,
        x => x.Case.ExtensionDays > 0 ? "审批期限只能延长一次（《行政许可法》第四十二条）。" : null);

    public static readonly CaseGuard ExtendWithinLimit = new("an extension is approved within the limit", "extension-after-due", ContextNeeds.None,
        x => x.Case.DueDate is { } due && x.Context.Today > due ? $"办结期限已于 {due:yyyy-MM-dd} 届满，延期须在期限内批准。" : null);

    /// <summary>Art. 32: deemed accepted only when no answer came within 5 working days of receipt.</summary>
    public static readonly CaseGuard AnswerPeriodOver = new("the 5-working-day answer period is over", "answer-period-running", ContextNeeds.Clock,
        x => x.Context.AnswerDueOn is { } due && x.Context.Today > due ? null : "收到申请材料之日起5个工作日尚未届满，不能视为受理。");

    /// <summary>超时默认 (seed 003) is a per-item setting.</summary>
    public static readonly CaseGuard ItemDeemsApproval = new("the item deems approval on timeout", "deemed-approval-off", ContextNeeds.Item,
        x => x.Context.DeemedApprovalOnTimeout ? null : "本事项未规定超时默认准予。");

    public static readonly CaseGuard LimitPassed = new("the limit has passed without a decision", "limit-running", ContextNeeds.None,
        x => x.Case.DueDate is { } due && x.Context.Today > due ? null : "办结期限尚未届满。");

    public static readonly CaseGuard ToleranceGraceOver = new("tolerated materials are overdue past the grace days", "tolerance-grace", ContextNeeds.Tolerance,
        x => x.Context.Owed.Count > 0 && x.Context.ToleranceGraceEndsOn is { } end && x.Context.Today > end ? null : "容缺材料补交宽限期尚未届满。");

    /// <summary>A suspended case resumes to the status it was suspended from (each its own row).</summary>
    public static CaseGuard PausedFrom(CaseStatus status) => new($"paused from {status}", "stale-version", ContextNeeds.Pause,
        // No open pause while suspended means someone resumed or ended it in between: a stale page, not a crash.
        x => x.Context.PausedFrom == status ? null : "该办件已被他人更新，请刷新后重试。");

    // issue 11 — walk-in applications: the clerk uploads and submits for the applicant only on a case filed at a window,
    // while sitting at a window that takes its item.
    /// <summary>Online cases stay the applicant's: staff act for the applicant only on a case filed at a window.</summary>
    public static readonly CaseGuard FiledAtWindow = new("filed at a window", "applicant-only", ContextNeeds.None,
        x => x.Case.Channel == CaseChannel.Window ? null : "网上申请的办件只有申请人本人可以办理此操作。", 403);

    public static readonly CaseGuard AtWindowTakingItem = new("the clerk sits at a window that takes the item", "not-at-window", ContextNeeds.Seat,
        x => x.Context.SeatRefusal, 403);

    // issue 11 — results and fees
    /// <summary>集中收费: the result of an item with a fee is handed out only after the fee is paid.</summary>
    public static readonly CaseGuard FeePaid = new("no delivery before the fee is paid", "fee-unpaid", ContextNeeds.Fee,
        x => x.Context.FeeUnpaid ? "本件审批收费尚未缴纳，请先到集中收费窗口或通过非税缴款平台缴清费用后再送达。" : null);
}
