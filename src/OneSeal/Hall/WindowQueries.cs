using Microsoft.EntityFrameworkCore;
using OneSeal.Organisation;
using OneSeal.Organisation.Admin;
using OneSeal.Platform.Database;
using OneSeal.Platform.Security;

namespace OneSeal.Hall;

/// <summary>The windows and what their form offers to choose, for the administrator's page and API.</summary>
public sealed class WindowQueries(OneSealDb db)
{
    /// <summary>The windows (of one hall when given), by hall and number, open ones first.</summary>
    public async Task<List<WindowView>> ListAsync(Actor actor, Guid? hallId, CancellationToken ct)
    {
        WindowAdmin.EnsureAdmin(actor);
        return await ViewsAsync(hallId, ct);
    }

    /// <summary>The windows as anyone at the hall may see them (no personal data: names of the posts only).</summary>
    public async Task<List<WindowView>> ViewsAsync(Guid? hallId, CancellationToken ct)
    {
        var windows = await db.Set<Window>().AsNoTracking().Include(w => w.Themes)
            .Where(w => hallId == null || w.HallId == hallId).ToListAsync(ct);
        var agencyIds = windows.Select(w => w.HallId).Concat(windows.Select(w => w.DepartmentId).OfType<Guid>()).Distinct().ToList();
        var agencies = await db.Set<Agency>().Where(a => agencyIds.Contains(a.Id)).ToDictionaryAsync(a => a.Id, a => a.Name, ct);
        var accountIds = windows.SelectMany(w => new[] { w.APostId, w.BPostId }).OfType<Guid>().Distinct().ToList();
        var accounts = await db.Set<Account>().Where(a => accountIds.Contains(a.Id)).ToDictionaryAsync(a => a.Id, a => a.DisplayName, ct);
        var themes = await db.Set<HallTheme>().ToDictionaryAsync(t => t.Code, t => (t.Name, t.SortOrder), ct);
        return windows
            .OrderBy(w => w.ClosedAt != null).ThenBy(w => agencies.GetValueOrDefault(w.HallId), StringComparer.Ordinal).ThenBy(w => w.Number, StringComparer.Ordinal)
            .Select(w =>
            {
                var codes = w.Themes.Select(t => t.ThemeCode).OrderBy(c => themes.GetValueOrDefault(c).SortOrder).ToList();
                return new WindowView(w.Id, w.Number, w.Name, w.HallId, agencies.GetValueOrDefault(w.HallId) ?? "", w.Zone, w.Kind.ToString(), WindowLabels.Of(w.Kind),
                    codes, codes.Select(c => themes.GetValueOrDefault(c).Name ?? c).ToList(),
                    w.DepartmentId, w.DepartmentId is { } d ? agencies.GetValueOrDefault(d) : null,
                    w.APostId, w.APostId is { } a ? accounts.GetValueOrDefault(a) : null,
                    w.BPostId, w.BPostId is { } b ? accounts.GetValueOrDefault(b) : null,
                    w.ClosedAt is not null, w.ClosedAt);
            }).ToList();
    }

    /// <summary>One open window's number, name and hall, for the devices and screens that name their window.</summary>
    public Task<OpenWindow?> OpenAsync(Guid id, CancellationToken ct) =>
        db.Set<Window>().Where(w => w.Id == id && w.ClosedAt == null).Select(w => new OpenWindow(w.Id, w.Number, w.Name, w.HallId)).FirstOrDefaultAsync(ct);

    public async Task<WindowView?> FindAsync(Actor actor, Guid id, CancellationToken ct) =>
        (await ListAsync(actor, null, ct)).FirstOrDefault(w => w.Id == id);

    public async Task<List<WindowChoice>> ThemesAsync(CancellationToken ct) =>
        await db.Set<HallTheme>().OrderBy(t => t.SortOrder).ThenBy(t => t.Code).Select(t => new WindowChoice(t.Code, t.Name)).ToListAsync(ct);

    /// <summary>Open organisations of one kind (the halls, the departments), by code.</summary>
    public async Task<List<WindowChoice>> OrganisationsAsync(OrganisationKind kind, CancellationToken ct) =>
        (await db.Set<Agency>().Where(a => a.Kind == kind && a.ClosedAt == null).Select(a => new { a.Id, a.Code, a.Name }).ToListAsync(ct))
            .OrderBy(a => a.Code, StringComparer.Ordinal).Select(a => new WindowChoice(a.Id.ToString(), a.Name)).ToList();

    /// <summary>Enabled staff with their organisation, to choose the A and B posts from (the command checks the organisation fits).</summary>
    public async Task<List<WindowChoice>> StaffAsync(CancellationToken ct)
    {
        var staff = await (from a in db.Set<Account>()
                           join o in db.Set<Agency>() on a.OrganisationId equals o.Id
                           where a.Kind == AccountKind.Staff && !a.Disabled
                           select new { a.Id, a.DisplayName, a.Username, Organisation = o.ShortName ?? o.Name }).ToListAsync(ct);
        return staff.OrderBy(s => s.Organisation, StringComparer.Ordinal).ThenBy(s => s.Username, StringComparer.Ordinal)
            .Select(s => new WindowChoice(s.Id.ToString(), $"{s.DisplayName}（{s.Organisation}）")).ToList();
    }
}

/// <summary>A hall with open windows, or a department with an open department window, stays open until they are closed.</summary>
public sealed class HallClosingCheck(OneSealDb db) : IOrganisationClosingCheck
{
    public async Task<string?> ReasonToStayOpenAsync(Guid organisationId, CancellationToken ct)
    {
        var open = await db.Set<Window>().Where(w => w.ClosedAt == null && (w.HallId == organisationId || w.DepartmentId == organisationId))
            .Select(w => w.Number).ToListAsync(ct);
        return open.Count == 0 ? null : $"还有未撤销的窗口：{string.Join("、", open.Order(StringComparer.Ordinal).Take(8))}，请先在窗口设置中撤销。";
    }
}
