using Microsoft.EntityFrameworkCore;
using OneSeal.Hall.Seats;
using OneSeal.Organisation;
using OneSeal.Platform.Database;
using OneSeal.Platform.Security;

namespace OneSeal.Hall.Intake;

/// <summary>The facts of an item that decide which window takes it (the case side reads the item and passes them).</summary>
public sealed record IntakeItem(string Name, Guid CompetentDepartmentId, Guid ImplementingOrganisationId);

/// <summary>
/// What a window takes (窗口受理范围). 无差别受理: a comprehensive window takes every transferred item (implemented by a
/// bureau) whose competent department belongs to one of its themes (<see cref="HallThemeDepartment"/>); 三集中三到位: a
/// department window takes the items its department still implements itself.
/// </summary>
public sealed record IntakeScope(WindowKind Kind, Guid? DepartmentId, IReadOnlyList<Guid> ThemeDepartments, IReadOnlyList<Guid> Bureaus)
{
    public bool Takes(IntakeItem item) => Kind switch
    {
        WindowKind.Department => DepartmentId == item.ImplementingOrganisationId,
        WindowKind.Comprehensive => Bureaus.Contains(item.ImplementingOrganisationId) && ThemeDepartments.Contains(item.CompetentDepartmentId),
        _ => false,
    };
}

/// <summary>The window a clerk sits at, as filing needs it: which window, and what it takes.</summary>
public sealed record IntakeSeat(Guid WindowId, string Number, string Name, WindowKind Kind, string PostLabel, IReadOnlyList<string> ThemeCodes, IntakeScope Scope);

/// <summary>Where a clerk may file a walk-in's case, and whether the window takes an item (refusal rule <see cref="Rule"/>).</summary>
public sealed class WindowIntake(OneSealDb db, WindowSeats seats)
{
    public const string Rule = "window-theme";
    public static readonly WindowKind[] Kinds = [WindowKind.Comprehensive, WindowKind.Department];

    /// <summary>The seat of <paramref name="actor"/> at a comprehensive or department window, or the seats' refusal naming <paramref name="field"/>.</summary>
    public async Task<IntakeSeat> EnsureSeatAsync(Actor actor, string field, CancellationToken ct) =>
        await SeatOfAsync(await seats.EnsureAtAsync(actor, field, ct, Kinds), ct);

    /// <summary>The actor's seat today when it is at a window that files cases; otherwise null.</summary>
    public async Task<IntakeSeat?> CurrentAsync(Actor actor, CancellationToken ct) =>
        await seats.CurrentAsync(actor, ct) is { } seat && Kinds.Contains(seat.Window.Kind) ? await SeatOfAsync(seat, ct) : null;

    private async Task<IntakeSeat> SeatOfAsync(Seat seat, CancellationToken ct)
    {
        var w = seat.Window;
        var themes = w.Themes.Select(t => t.ThemeCode).ToList();
        var departments = await db.Set<HallThemeDepartment>().AsNoTracking().Where(d => themes.Contains(d.ThemeCode)).Select(d => d.DepartmentId).Distinct().ToListAsync(ct);
        var bureaus = await db.Set<Agency>().AsNoTracking().Where(a => a.Kind == OrganisationKind.Bureau).Select(a => a.Id).ToListAsync(ct);
        return new IntakeSeat(w.Id, w.Number, w.Name, w.Kind, SeatLabels.Of(seat.Post), themes, new IntakeScope(w.Kind, w.DepartmentId, departments, bureaus));
    }

    /// <summary>Why the window of <paramref name="seat"/> does not take <paramref name="item"/> (Chinese), or null when it does.</summary>
    public async Task<string?> RefusalAsync(IntakeSeat seat, IntakeItem item, CancellationToken ct)
    {
        if (seat.Scope.Takes(item)) return null;
        if (seat.Kind == WindowKind.Department)
            return $"{seat.Number} 是部门窗口，只受理本部门自行实施的事项；“{item.Name}”不由本部门实施。";
        if (!seat.Scope.Bureaus.Contains(item.ImplementingOrganisationId))
            return $"“{item.Name}”未划转至行政审批局，由实施部门在其窗口受理，请引导申请人到部门窗口办理。";
        var served = await ThemeNamesAsync(seat.ThemeCodes, ct);
        var own = await db.Set<HallTheme>().AsNoTracking()
            .Where(t => db.Set<HallThemeDepartment>().Any(d => d.ThemeCode == t.Code && d.DepartmentId == item.CompetentDepartmentId))
            .OrderBy(t => t.SortOrder).Select(t => t.Name).ToListAsync(ct);
        return $"{seat.Number} 受理“{string.Join("、", served)}”主题的事项；“{item.Name}”属于"
            + (own.Count == 0 ? "尚未归入主题的部门" : $"“{string.Join("、", own)}”主题") + "，请引导申请人到相应窗口办理。";
    }

    public async Task<List<string>> ThemeNamesAsync(IReadOnlyList<string> codes, CancellationToken ct) =>
        await db.Set<HallTheme>().AsNoTracking().Where(t => codes.Contains(t.Code)).OrderBy(t => t.SortOrder).Select(t => t.Name).ToListAsync(ct);
}
