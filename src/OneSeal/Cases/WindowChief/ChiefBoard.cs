using Microsoft.EntityFrameworkCore;
using OneSeal.Cases;
using OneSeal.Hall.Chief;
using OneSeal.Hall.StandIn;
using OneSeal.Organisation;
using OneSeal.Platform.Database;
using OneSeal.Platform.Http;
using OneSeal.Platform.Security;

namespace OneSeal.Cases.WindowChief;

public sealed record ChiefCase(Guid Id, string CaseNumber, string ItemName, string ApplicantName, CaseStatus Status, DateTimeOffset CreatedAt,
    DateOnly? DueDate, string? AssigneeName);
public sealed record ChiefChoice(string Value, string Label);

/// <summary>
/// What the window chief's page (<c>/hall/chief</c>) shows: the work each power acts on, in the role's reach.
/// <see cref="Joinable"/>: the running cases the case machine lets this chief send to a joint review (联合审查).
/// </summary>
public sealed record ChiefBoardView(
    IReadOnlyList<PowerView> Powers,
    IReadOnlyList<ChiefCase> Drafts,
    IReadOnlyList<ChiefCase> Running,
    IReadOnlyList<ChiefCase> Joinable,
    IReadOnlyList<JointReviewView> JointReviews,
    IReadOnlyList<ChiefChoice> Departments,
    IReadOnlyList<ChiefChoice> Staff,
    IReadOnlyList<ChiefChoice> Windows,
    IReadOnlyList<AbsenceView> Absences);

public sealed class ChiefBoard(OneSealDb db, Machine.CaseContexts contexts, Organisation.Staff.StaffRoster roster, WindowChiefPowers powers, JointReviewQueries joint, WindowAbsences absences, Hall.WindowQueries windowQueries)
{
    public async Task<ChiefBoardView> LoadAsync(Actor actor, CancellationToken ct)
    {
        if (!actor.Has(Roles.WindowChief)) throw new ForbiddenException("role", "窗口负责人工作台仅供窗口负责人使用。");
        // The cases the role reaches (Rules.CaseAccess, the rule the single-case check uses).
        var reach = db.Set<Case>().AsNoTracking().Where(Rules.CaseAccess.HandledWithinReach(actor, [Roles.WindowChief]));
        CaseStatus[] running = [CaseStatus.Submitted, CaseStatus.Accepted, CaseStatus.Reviewed, CaseStatus.Suspended];
        var drafts = await reach.Where(c => c.Status == CaseStatus.Draft).OrderByDescending(c => c.CreatedAt).Take(50).ToListAsync(ct);
        var open = await reach.Where(c => running.Contains(c.Status)).OrderBy(c => c.DueDate).Take(200).ToListAsync(ct);
        var assignees = open.Where(c => c.AssigneeId is not null).Select(c => c.AssigneeId!.Value).Distinct().ToList();
        var names = await db.Set<Account>().AsNoTracking().Where(a => assignees.Contains(a.Id)).ToDictionaryAsync(a => a.Id, a => a.DisplayName, ct);
        ChiefCase View(Case c) => new(c.Id, c.CaseNumber, c.ItemName, c.ApplicantName, c.Status, c.CreatedAt, c.DueDate,
            c.AssigneeId is { } a ? names.GetValueOrDefault(a) : null);

        var departments = await db.Set<Agency>().AsNoTracking().Where(a => a.Kind == OrganisationKind.Department && a.ClosedAt == null)
            .OrderBy(a => a.Code).Select(a => new ChiefChoice(a.Id.ToString(), a.Name)).ToListAsync(ct);
        string[] handling = [Roles.Clerk, Roles.Reviewer, Roles.Chief];
        var staff = await roster.HoldingAsync(handling, 300, ct);
        var windows = (await windowQueries.ViewsAsync(null, ct)).Where(w => !w.Closed && w.APostId != null)
            .OrderBy(w => w.Number).Select(w => new ChiefChoice(w.Id.ToString(), $"{w.Number} {w.Name}（A岗 {w.APostName}）")).ToList();
        return new ChiefBoardView(
            await powers.ListAsync(actor, actor.Id, ct),
            drafts.Select(View).ToList(),
            open.Select(View).ToList(),
            (await JoinableAsync(open, actor, ct)).Select(View).ToList(),
            await joint.ListAsync(actor, false, ct),
            departments,
            staff.Select(a => new ChiefChoice(a.Id.ToString(),
                $"{a.DisplayName}（{string.Join("、", a.Roles.Where(handling.Contains).Select(RoleLabels.Of))}）")).ToList(),
            windows,
            await absences.UpcomingAsync(ct));
    }

    /// <summary>The machine says which cases a joint review may start from (its rows, roles and guards), so the page re-spells no rule.</summary>
    private async Task<IEnumerable<Case>> JoinableAsync(List<Case> open, Actor actor, CancellationToken ct)
    {
        var needs = open.Select(c => c.Status).Distinct()
            .Aggregate(Machine.ContextNeeds.None, (n, s) => n | Machine.CaseMachine.Needs(Machine.CaseAction.JointReview, s));
        var context = await contexts.ForAsync(open, needs, ct, actor);
        return open.Where(c => Machine.CaseMachine.Allows(c, Machine.CaseAction.JointReview, actor, context[c.Id]));
    }
}
