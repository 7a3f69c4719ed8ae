using Microsoft.EntityFrameworkCore;
using OneSeal.Cases;
using OneSeal.Cases.Rules;
using OneSeal.Organisation;
using OneSeal.Platform.Database;
using OneSeal.Platform.Http;
using OneSeal.Platform.Security;
using OneSeal.Platform.Time;

namespace OneSeal.Cases.WindowChief;

/// <summary>A department's request and its answer, as the asked department and the window chief see it.</summary>
public sealed record JointReviewView(Guid Id, Guid CaseId, string CaseNumber, string ItemName, string CaseStatus, string CaseStatusLabel,
    Guid DepartmentId, string DepartmentName, string? Question, DateTimeOffset RequestedAt, DateOnly DueOn,
    string? Opinion, bool? Agree, string? AnsweredByName, DateTimeOffset? AnsweredAt, bool Answered, bool Overdue);

public sealed record OpinionRequest(string? Opinion, bool? Agree);
public sealed record JointReviewRequest(IReadOnlyList<string?>? Departments, int? DueInDays, string? Question);

/// <summary>Reads of joint reviews: the asked department's list, the window chief's list, and one case's opinions.</summary>
public sealed class JointReviewQueries(OneSealDb db, TimeProvider clock)
{
    /// <summary>
    /// Department staff: the requests to their department (open first). A window chief: the requests on the cases the role
    /// reaches. Anyone else: 403.
    /// </summary>
    public async Task<IReadOnlyList<JointReviewView>> ListAsync(Actor actor, bool openOnly, CancellationToken ct)
    {
        IQueryable<JointReview> q = db.Set<JointReview>().AsNoTracking();
        if (actor.Has(Roles.DepartmentStaff) && actor.WorkUnitId is { } unit)
            q = q.Where(j => j.DepartmentId == unit);
        else if (actor.Has(Roles.WindowChief))
        {
            // The cases the role reaches (CaseAccess, the rule the single-case check uses).
            var cases = db.Set<Case>().Where(CaseAccess.HandledWithinReach(actor, [Roles.WindowChief])).Select(c => c.Id);
            q = q.Where(j => cases.Contains(j.CaseId));
        }
        else throw new ForbiddenException("role", "会签请求仅供被征求意见部门的工作人员和窗口负责人查看。");
        if (openOnly) q = q.Where(j => j.AnsweredAt == null);
        var rows = await q.OrderBy(j => j.AnsweredAt != null).ThenBy(j => j.DueOn).Take(300).ToListAsync(ct);
        return await ViewsAsync(rows, ct);
    }

    /// <summary>Every request on one case, with its opinion (whoever may see the case).</summary>
    public async Task<IReadOnlyList<JointReviewView>> ForCaseAsync(Actor actor, Guid caseId, CancellationToken ct)
    {
        var c = await db.Set<Case>().AsNoTracking().FirstOrDefaultAsync(x => x.Id == caseId, ct) ?? throw new NotFoundException("办件不存在或无权查看。");
        CaseAccess.EnsureCanView(actor, c);
        if (c.ApplicantAccountId == actor.Id && !actor.Has(Roles.WindowChief)) return [];
        return await ViewsAsync(await db.Set<JointReview>().AsNoTracking().Where(j => j.CaseId == caseId).OrderBy(j => j.RequestedAt).ToListAsync(ct), ct);
    }

    /// <summary>The name of the staff member a window chief assigned the case to (改派), or null.</summary>
    public async Task<string?> AssigneeNameAsync(Case c, CancellationToken ct) => c.AssigneeId is { } id
        ? await db.Set<Account>().AsNoTracking().Where(a => a.Id == id).Select(a => a.DisplayName).FirstOrDefaultAsync(ct)
        : null;

    private async Task<IReadOnlyList<JointReviewView>> ViewsAsync(IReadOnlyList<JointReview> rows, CancellationToken ct)
    {
        var today = LegalDates.Today(clock);
        var caseIds = rows.Select(r => r.CaseId).Distinct().ToList();
        var cases = await db.Set<Case>().AsNoTracking().Where(c => caseIds.Contains(c.Id))
            .Select(c => new { c.Id, c.CaseNumber, c.ItemName, c.Status }).ToDictionaryAsync(c => c.Id, ct);
        var deptIds = rows.Select(r => r.DepartmentId).Distinct().ToList();
        var depts = await db.Set<Agency>().AsNoTracking().Where(a => deptIds.Contains(a.Id)).ToDictionaryAsync(a => a.Id, a => a.Name, ct);
        return rows.Select(r =>
        {
            var c = cases[r.CaseId];
            return new JointReviewView(r.Id, r.CaseId, c.CaseNumber, c.ItemName, CaseStatusLabels.Api(c.Status), CaseStatusLabels.Of(c.Status),
                r.DepartmentId, depts.GetValueOrDefault(r.DepartmentId) ?? "", r.Question, r.RequestedAt, r.DueOn,
                r.Opinion, r.Agree, r.AnsweredByName, r.AnsweredAt, r.AnsweredAt is not null, r.IsOverdue(today));
        }).ToList();
    }
}
