using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Localization;
using OneSeal.Cases;
using OneSeal.Cases.Machine;
using OneSeal.Organisation;
using OneSeal.Platform.Http;
using OneSeal.Platform.Time;
using OneSeal.Resources;
using OneSeal.Supervision;

namespace OneSeal.Pages.Office;

/// <summary>
/// 审批工作台: reviewers see accepted cases to review (待审查), chiefs reviewed cases and accepted 即办件 to decide
/// (待决定); both see the cases whose clock is stopped (期限中止), which wait for them to resume.
/// </summary>
[Authorize(Roles = Roles.Reviewer + "," + Roles.Chief)]
public sealed class IndexModel(CaseQueries queries, SupervisionQueries supervision, TimeProvider clock, IStringLocalizer<Ui> t) : OneSealPageModel(t)
{
    public IReadOnlyList<Case>? ToReview { get; private set; }
    public IReadOnlyList<Case>? ToDecide { get; private set; }
    public IReadOnlyList<Case> Suspended { get; private set; } = [];
    public DateOnly Today { get; private set; }
    /// <summary>issue 13 — the chief's worklist "核查不属实，待撤销".</summary>
    public IReadOnlyList<RevocationDue> RevocationsDue { get; private set; } = [];
    /// <summary>The reader, whose assigned cases the queues mark.</summary>
    public Guid ReaderId => Me.Id;
    /// <summary>Each listed case's current process step, for all three queues in one load.</summary>
    public IReadOnlyDictionary<Guid, Cases.Clock.StepStatus?> Steps { get; private set; } = new Dictionary<Guid, Cases.Clock.StepStatus?>();

    public async Task OnGetAsync(CancellationToken ct)
    {
        Today = LegalDates.Today(clock);
        try
        {
            // Each queue holds the cases on which the machine lets this user take its action (accepted 即办件 wait for the chief's decision).
            if (Me.Has(Roles.Reviewer)) ToReview = Sorted(await queries.QueueAsync(Me, [CaseAction.Review], ct));
            if (Me.Has(Roles.Chief)) ToDecide = Sorted(await queries.QueueAsync(Me, [CaseAction.Approve, CaseAction.Deny], ct));
            Suspended = Sorted(await queries.QueueAsync(Me, [CaseAction.Resume], ct));
            Steps = await queries.CurrentStepsAsync([.. ToReview ?? [], .. ToDecide ?? [], .. Suspended], ct);
            RevocationsDue = await supervision.RevocationsDueAsync(Me, ct);
        }
        catch (ForbiddenException e)
        {
            AddDomainError(e);
        }
    }

    /// <summary>Cases a window chief assigned to the reader first (issue 11, 改派), then nearest deadline first: the order the work must be done in.</summary>
    private List<Case> Sorted(List<Case> cases) =>
        cases.OrderBy(c => c.AssigneeId == Me.Id ? 0 : 1).ThenBy(c => c.DueDate ?? DateOnly.MaxValue).ThenBy(c => c.SubmittedAt).ToList();
}
