using OneSeal.Notices;
using OneSeal.Organisation;
using OneSeal.Platform.Http;
using OneSeal.Platform.Security;
using static OneSeal.Cases.CaseStatus;

namespace OneSeal.Cases.Machine;

/// <summary>
/// One row of the machine: <see cref="Action"/> from <see cref="From"/> leads to <see cref="To"/> (the same status for
/// an action that changes no status), taken by <see cref="Party"/> (staff: any of <see cref="Roles"/>, in the handling
/// organisation), when every guard holds; it writes the timeline line <see cref="Event"/> and issues <see cref="Notice"/>.
/// </summary>
public sealed record Transition(CaseAction Action, CaseStatus From, CaseStatus To, string Event, Party Party, IReadOnlyList<string> Roles,
    NoticeKind? Notice, IReadOnlyList<CaseGuard> Guards, string? Audit = null)
{
    /// <summary>The audit line's action (the strings of existing rows: <c>case.submit</c>, <c>case.material-upload</c>, else <c>case.{event}</c>).</summary>
    public string AuditAction => Audit ?? $"case.{Event}";
    public ContextNeeds Needs => Guards.Aggregate(ContextNeeds.None, (n, g) => n | g.Needs);
}

/// <summary>
/// The case state machine: every status change of a case, by a person or by the system, is a row of <see cref="Table"/>.
/// Commands ask <see cref="Ensure"/> for the row (who, state, guards — a refusal names its rule) and apply it through
/// <c>CaseCommands.ApplyAsync</c>; pages and the API ask <see cref="Available"/> which actions to offer.
/// Changes that are not transitions (no status change, no legal act): the deadline sweep's warnings and its refresh of a
/// suspended case's estimated due date, rescheduling after a calendar change, the late-tolerance warning, the draft's form.
/// </summary>
public static class CaseMachine
{
    private static readonly CaseStatus[] Running = [Accepted, Reviewed, Suspended];
    private static readonly CaseStatus[] BeforeSubmission = [Draft, CorrectionRequested];

    public static readonly IReadOnlyList<Transition> Table = Build();

    private static List<Transition> Build()
    {
        var t = new List<Transition>();
        string[] none = [], clerk = [Roles.Clerk], reviewer = [Roles.Reviewer], chief = [Roles.Chief], reviewerOrChief = [Roles.Reviewer, Roles.Chief];
        CaseGuard[] decide = [CaseGuards.AcceptorCannotDecide, CaseGuards.ReviewerCannotDecide];
        void Row(CaseAction a, CaseStatus[] from, CaseStatus? to, string ev, Party p, string[] roles, NoticeKind? notice, CaseGuard[] guards, string? audit = null) =>
            t.AddRange(from.Select(f => new Transition(a, f, to ?? f, ev, p, roles, notice, guards, audit)));

        Row(CaseAction.UploadMaterial, BeforeSubmission, null, CaseActions.MaterialUploaded, Party.Applicant, none, null, [], "case.material-upload");
        Row(CaseAction.UploadMaterial, Running, null, CaseActions.MaterialUploaded, Party.Applicant, none, null, [CaseGuards.OnlyOwedMaterials], "case.material-upload");
        Row(CaseAction.SignCommitment, BeforeSubmission, null, CaseActions.Committed, Party.Applicant, none, null, []);
        Row(CaseAction.Submit, [Draft], Submitted, CaseActions.Submitted, Party.Applicant, none, null, [], "case.submit");
        Row(CaseAction.Submit, [CorrectionRequested], Submitted, CaseActions.Resubmitted, Party.Applicant, none, null, [], "case.submit");

        Row(CaseAction.Accept, [Submitted], Accepted, CaseActions.Accepted, Party.Staff, clerk, NoticeKind.Acceptance, []);
        Row(CaseAction.DeemAccept, [Submitted], Accepted, CaseActions.DeemedAccepted, Party.System, none, NoticeKind.Acceptance, [CaseGuards.AnswerPeriodOver]);
        Row(CaseAction.RequestCorrection, [Submitted], CorrectionRequested, CaseActions.CorrectionRequested, Party.Staff, clerk, NoticeKind.CorrectionRequest, []);
        Row(CaseAction.Refuse, [Submitted], Refused, CaseActions.Refused, Party.Staff, clerk, NoticeKind.Refusal, []);

        Row(CaseAction.Review, [Accepted], Reviewed, CaseActions.Reviewed, Party.Staff, reviewer, null, [CaseGuards.AcceptorCannotReview]);
        Row(CaseAction.Approve, [Reviewed], CertificateIssued, CaseActions.CertificateIssued, Party.Staff, chief, NoticeKind.Approval,
            [.. decide, CaseGuards.NoResultBeforeToleratedMaterials]);
        Row(CaseAction.Approve, [Accepted], CertificateIssued, CaseActions.CertificateIssued, Party.Staff, chief, NoticeKind.Approval,
            [CaseGuards.ImmediateItemMaySkipReview, .. decide, CaseGuards.NoResultBeforeToleratedMaterials]);
        Row(CaseAction.Deny, [Reviewed], Denied, CaseActions.Denied, Party.Staff, chief, NoticeKind.Denial, decide);
        Row(CaseAction.Deny, [Accepted], Denied, CaseActions.Denied, Party.Staff, chief, NoticeKind.Denial, [CaseGuards.ImmediateItemMaySkipReview, .. decide]);
        Row(CaseAction.DeemApprove, [Accepted, Reviewed], CertificateIssued, CaseActions.CertificateIssued, Party.System, none, NoticeKind.Approval,
            [CaseGuards.ItemDeemsApproval, CaseGuards.LimitPassed, CaseGuards.NoResultBeforeToleratedMaterials]);

        Row(CaseAction.Suspend, [Accepted, Reviewed], Suspended, CaseActions.Suspended, Party.Staff, reviewerOrChief, NoticeKind.Suspension, []);
        Row(CaseAction.Resume, [Suspended], Accepted, CaseActions.Resumed, Party.Staff, reviewerOrChief, NoticeKind.Resumption, [CaseGuards.PausedFrom(Accepted)]);
        Row(CaseAction.Resume, [Suspended], Reviewed, CaseActions.Resumed, Party.Staff, reviewerOrChief, NoticeKind.Resumption, [CaseGuards.PausedFrom(Reviewed)]);
        Row(CaseAction.Extend, Running, null, CaseActions.Extended, Party.Staff, chief, NoticeKind.Extension, [CaseGuards.ExtendOnce, CaseGuards.ExtendWithinLimit]);

        Row(CaseAction.Withdraw, [Draft], Withdrawn, CaseActions.Withdrawn, Party.Applicant, none, null, []);
        Row(CaseAction.Withdraw, [Submitted, CorrectionRequested, .. Running], Withdrawn, CaseActions.Withdrawn, Party.Applicant, none, NoticeKind.Withdrawal, []);
        Row(CaseAction.Terminate, Running, Terminated, CaseActions.Terminated, Party.Staff, chief, NoticeKind.Termination, []);
        Row(CaseAction.TerminateForTolerance, Running, Terminated, CaseActions.Terminated, Party.System, none, NoticeKind.Termination, [CaseGuards.ToleranceGraceOver]);

        Row(CaseAction.Deliver, [CertificateIssued, Denied], Delivered, CaseActions.Delivered, Party.Staff, clerk, NoticeKind.DeliveryReceipt, [CaseGuards.FeePaid]);
        Row(CaseAction.DeliverOnDownload, [CertificateIssued], Delivered, CaseActions.Delivered, Party.Applicant, none, NoticeKind.DeliveryReceipt, [CaseGuards.FeePaid]);

        // issue 11 — walk-in applications (窗口渠道): at a window the clerk uploads and submits for the applicant in the same visit.
        CaseGuard[] atWindow = [CaseGuards.FiledAtWindow, CaseGuards.AtWindowTakingItem];
        Row(CaseAction.UploadMaterial, BeforeSubmission, null, CaseActions.MaterialUploaded, Party.Staff, clerk, null, atWindow, "case.material-upload");
        Row(CaseAction.Submit, [Draft], Submitted, CaseActions.Submitted, Party.Staff, clerk, null, atWindow, "case.submit");
        Row(CaseAction.Submit, [CorrectionRequested], Submitted, CaseActions.Resubmitted, Party.Staff, clerk, null, atWindow, "case.submit");
        // issue 11 — the window chief's powers (Hall/Chief). The grant of each power and, for a decision, the seat at a
        // window are checked by the command before it asks for the row (WindowChiefPowers, WindowSeats).
        string[] windowChief = [Roles.WindowChief];
        Row(CaseAction.ApproveAtWindow, [Accepted], CertificateIssued, CaseActions.CertificateIssued, Party.Staff, windowChief, NoticeKind.Approval,
            [CaseGuards.ImmediateItemMaySkipReview, CaseGuards.AcceptorCannotDecide, CaseGuards.NoResultBeforeToleratedMaterials]);
        Row(CaseAction.DenyAtWindow, [Accepted], Denied, CaseActions.Denied, Party.Staff, windowChief, NoticeKind.Denial,
            [CaseGuards.ImmediateItemMaySkipReview, CaseGuards.AcceptorCannotDecide]);
        Row(CaseAction.PreReview, [Draft], null, CaseActions.PreReviewed, Party.Staff, windowChief, null, []);
        Row(CaseAction.JointReview, [Accepted, Reviewed], null, CaseActions.JointReviewRequested, Party.Staff, windowChief, null, []);
        Row(CaseAction.Reassign, [Submitted, .. Running], null, CaseActions.Reassigned, Party.Staff, windowChief, null, []);
        // issue 13 — 撤销行政许可 (Art. 69): the chief revokes an approval, with its sealed decision; the certificate goes with it.
        Row(CaseAction.Revoke, [CertificateIssued, Delivered], Revoked, CaseActions.Revoked, Party.Staff, chief, NoticeKind.Revocation, []);
        return t;
    }

    /// <summary>The context facts the guards of <paramref name="action"/> from <paramref name="from"/> read.</summary>
    public static ContextNeeds Needs(CaseAction action, CaseStatus from) =>
        Table.Where(r => r.Action == action && r.From == from).Aggregate(ContextNeeds.None, (n, r) => n | r.Needs);

    /// <summary>The statuses <paramref name="action"/> can start from.</summary>
    public static IReadOnlyList<CaseStatus> From(CaseAction action) => Table.Where(r => r.Action == action).Select(r => r.From).Distinct().ToList();

    /// <summary>
    /// The row <paramref name="actor"/> takes for <paramref name="action"/>, or the refusal: who may (404 / 403 role,
    /// data-scope, applicant-only, system-only), the version the client saw (409 stale-version), the state
    /// (409 invalid-transition), then each guard in order (its own rule).
    /// </summary>
    public static Transition Ensure(Case c, CaseAction action, Actor actor, CaseContext context, int? expectedVersion = null)
    {
        var (row, refusal) = Decide(c, action, actor, context, expectedVersion);
        return row ?? throw refusal!;
    }

    /// <summary>The row <paramref name="actor"/> would take, or null when the machine refuses.</summary>
    public static Transition? RowFor(Case c, CaseAction action, Actor actor, CaseContext context) => Decide(c, action, actor, context, null).Row;

    public static bool Allows(Case c, CaseAction action, Actor actor, CaseContext context) => RowFor(c, action, actor, context) is not null;

    /// <summary>The actions <paramref name="actor"/> may take on the case now: what pages offer and the API lists as <c>availableActions</c>.</summary>
    public static IReadOnlyList<CaseAction> Available(Case c, Actor actor, CaseContext context) =>
        Enum.GetValues<CaseAction>().Where(a => Allows(c, a, actor, context)).ToList();

    private static (Transition? Row, DomainException? Refusal) Decide(Case c, CaseAction action, Actor actor, CaseContext context, int? expectedVersion)
    {
        // An action may have rows for more than one party (the applicant online, the clerk at a window): the actor's rows.
        var all = Table.Where(r => r.Action == action).ToList();
        var rows = all.Where(r => PartyRefusal(r, c, actor) is null).ToList();
        if (rows.Count == 0) return (null, PartyRefusal(all[0], c, actor));
        if (expectedVersion is { } v && v != c.Version)
            return (null, new ConflictException("stale-version", "该办件已被他人更新，请刷新后重试。"));
        var candidates = rows.Where(r => r.From == c.Status).ToList();
        // Another party's row from this state: that party's refusal (applicant-only …) says more than the state's.
        if (candidates.Count == 0 && all.FirstOrDefault(r => r.From == c.Status) is { } others)
            return (null, PartyRefusal(others, c, actor));
        if (candidates.Count == 0)
            return (null, new ConflictException("invalid-transition",
                $"办件当前状态为“{CaseStatusLabels.Of(c.Status)}”，不能执行“{CaseActionLabels.Of(action)}”。"));
        var input = new GuardInput(c, actor, context);
        DomainException? first = null;
        foreach (var row in candidates)
        {
            var refusal = row.Guards.Select(g => g.Check(input)).FirstOrDefault(r => r is not null);
            if (refusal is null) return (row, null);
            first ??= refusal;
        }
        return (null, first);
    }

    private static DomainException? PartyRefusal(Transition row, Case c, Actor actor)
    {
        if (row.Party == Party.System)
            return actor.Id == SystemActor.Instance.Id ? null : new ForbiddenException("system-only", "此操作由系统依法定规则自动执行。");
        if (!Rules.CaseAccess.CanView(actor, c)) return new NotFoundException("办件不存在或无权查看。");
        if (row.Party == Party.Applicant)
            return c.ApplicantAccountId == actor.Id ? null : new ForbiddenException("applicant-only", "只有申请人本人可以办理此操作。");
        if (!row.Roles.Any(actor.Has))
            return new ForbiddenException("role", $"需要{string.Join("或", row.Roles.Select(r => $"“{RoleLabels.Of(r)}”"))}角色。");
        return row.Roles.Any(r => actor.Reaches(r, c.HandlingOrganisationId, c.HandlingRegionCode, c.HandlingSectionId)) ? null : new ForbiddenException("data-scope", "只能办理本单位承办的办件。");
    }
}
