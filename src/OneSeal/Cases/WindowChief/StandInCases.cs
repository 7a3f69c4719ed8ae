using Microsoft.EntityFrameworkCore;
using OneSeal.Hall;
using OneSeal.Hall.Seats;
using OneSeal.Hall.StandIn;
using OneSeal.Organisation;
using OneSeal.Platform.Database;
using OneSeal.Platform.Http;
using OneSeal.Platform.Security;

namespace OneSeal.Cases.WindowChief;

/// <summary>A case of the absent A post, as the B post standing in sees it.</summary>
public sealed record StandInCase(Guid Id, string CaseNumber, string ItemName, string ApplicantName, string Status, string StatusLabel, DateOnly? DueDate);
public sealed record StandInQueue(AbsenceView Absence, IReadOnlyList<StandInCase> Cases);

/// <summary>
/// A/B岗 (§7): the absent A post's queue for the B post standing in. Cases record no window yet on this branch, so the
/// A post's queue is what A would work on: the cases assigned to A (改派) and the cases A accepted that are still running
/// or waiting for delivery, in the reader's reach.
/// </summary>
public sealed class StandInCases(OneSealDb db, WindowQueries windows, WindowAbsences absences)
{
    /// <summary>403 <c>a-post-present</c> while the A post is not marked absent today, <c>not-b-post</c> for anyone but the window's B post (or a window chief).</summary>
    public async Task<StandInQueue> QueueAsync(Actor actor, Guid windowId, CancellationToken ct)
    {
        HallWindows.EnsureHallStaff(actor);
        var window = (await windows.ViewsAsync(null, ct)).FirstOrDefault(w => w.Id == windowId) ?? throw new NotFoundException("窗口不存在。");
        var absence = (await absences.OnAsync([windowId], null, ct)).GetValueOrDefault(windowId)
            ?? throw new ForbiddenException("a-post-present", $"{window.Number} 窗口A岗今日在岗，B岗不能代办其办件；A岗缺岗须先登记。");
        if (absence.StandInId != actor.Id && !actor.Has(Roles.WindowChief))
            throw new ForbiddenException("not-b-post", $"只有 {window.Number} 窗口的B岗可以代办A岗的办件。");
        var a = absence.AccountId;
        CaseStatus[] open = [CaseStatus.Submitted, CaseStatus.Accepted, CaseStatus.Reviewed, CaseStatus.Suspended, CaseStatus.CertificateIssued, CaseStatus.Denied];
        var cases = await db.Set<Case>().AsNoTracking()
            .Where(c => open.Contains(c.Status) && (c.AssigneeId == a || (c.AcceptedById == a && c.AssigneeId == null)))
            .OrderBy(c => c.DueDate).Take(200).ToListAsync(ct);
        return new StandInQueue(absence, cases.Where(c => Rules.CaseAccess.CanView(actor, c))
            .Select(c => new StandInCase(c.Id, c.CaseNumber, c.ItemName, c.ApplicantName, CaseStatusLabels.Api(c.Status), CaseStatusLabels.Of(c.Status), c.DueDate))
            .ToList());
    }
}
