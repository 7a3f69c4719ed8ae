using Microsoft.EntityFrameworkCore;
using OneSeal.Catalog;
using OneSeal.Catalog.Versions;
using OneSeal.Hall.Intake;
using OneSeal.Platform.Database;
using OneSeal.Platform.Security;
using OneSeal.Platform.Time;

namespace OneSeal.Cases.WalkIn;

/// <summary>An item a window takes, for the workbench's choice.</summary>
public sealed record DeskItem(string Code, string Name, ItemKind Kind, ServiceObject ServiceObject);

/// <summary>
/// What the window workbench (<c>/hall/window</c>) reads: the items the clerk's window takes today (无差别受理 by theme, a
/// department window its department's own), and the current visitor's cases the clerk may see.
/// </summary>
public sealed class WindowDesk(OneSealDb db, WindowIntake intake, TimeProvider clock)
{
    public async Task<(IntakeSeat? Seat, IReadOnlyList<DeskItem> Items)> ItemsAsync(Actor actor, CancellationToken ct)
    {
        if (await intake.CurrentAsync(actor, ct) is not { } seat) return (null, []);
        var scope = seat.Scope;
        var items = db.Set<Item>().AsNoTracking().InForce(db, LegalDates.Today(clock));
        items = seat.Kind == Hall.WindowKind.Department
            ? items.Where(i => i.ImplementingOrganisationId == scope.DepartmentId)
            : items.Where(i => scope.Bureaus.Contains(i.ImplementingOrganisationId) && scope.ThemeDepartments.Contains(i.CompetentDepartmentId));
        var list = await items.OrderBy(i => i.Code).Select(i => new DeskItem(i.Code, i.Name, i.Kind, i.ServiceObject)).ToListAsync(ct);
        // A heading item (主项) takes no application: its sub-items are offered instead.
        var parents = list.Select(i => i.Code).ToList();
        var headings = await db.Set<Item>().AsNoTracking().InForce(db, LegalDates.Today(clock))
            .Where(i => i.ParentCode != null && parents.Contains(i.ParentCode)).Select(i => i.ParentCode!).Distinct().ToListAsync(ct);
        return (seat, list.Where(i => !headings.Contains(i.Code)).ToList());
    }

    /// <summary>The visitor's latest cases that <paramref name="actor"/> may see (their own organisation's), newest first.</summary>
    public async Task<IReadOnlyList<Case>> VisitorCasesAsync(Actor actor, Guid applicantId, CancellationToken ct)
    {
        var cases = await db.Set<Case>().AsNoTracking().Where(c => c.ApplicantAccountId == applicantId)
            .OrderByDescending(c => c.CreatedAt).Take(50).ToListAsync(ct);
        return cases.Where(c => Rules.CaseAccess.CanView(actor, c)).Take(20).ToList();
    }

    /// <summary>The cases a window filed while serving one visitor (from the call to the finish): what the visit's rating covers.</summary>
    public Task<List<Guid>> FiledDuringAsync(Guid windowId, Guid? staffId, DateTimeOffset from, DateTimeOffset to, CancellationToken ct) =>
        db.Set<Case>().Where(c => c.WindowId == windowId && c.CreatedAt >= from && c.CreatedAt <= to && (staffId == null || c.FiledById == staffId))
            .Select(c => c.Id).ToListAsync(ct);
}
