using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using OneSeal.Organisation;
using OneSeal.Platform.Audit;
using OneSeal.Platform.Database;
using OneSeal.Platform.Http;
using OneSeal.Platform.Security;
using OneSeal.Platform.Time;

namespace OneSeal.Hall.Intake;

public sealed record ThemeInput(string? Code, string? Name, int? SortOrder, IReadOnlyList<Guid>? DepartmentIds);
public sealed record ThemeDepartmentView(Guid Id, string Name);
public sealed record ThemeView(string Code, string Name, int SortOrder, IReadOnlyList<ThemeDepartmentView> Departments);
public sealed record ThemeSetup(IReadOnlyList<ThemeView> Themes, IReadOnlyList<ThemeDepartmentView> Departments);

/// <summary>
/// 领域与部门 (<c>/admin/themes</c>): the system administrator keeps the hall themes (name, order; new ones) and, per theme,
/// the competent departments whose items it takes (<see cref="HallThemeDepartment"/>, read by <see cref="WindowIntake"/>).
/// Codes never change (windows refer to them); one transaction and one audit line per command.
/// </summary>
public sealed partial class ThemeAdmin(OneSealDb db, TimeProvider clock)
{
    public const int MaxSortOrder = 999;

    [GeneratedRegex("^[a-z][a-z0-9-]{1,31}$")]
    private static partial Regex CodePattern();

    public async Task<ThemeSetup> ListAsync(Actor actor, CancellationToken ct)
    {
        WindowAdmin.EnsureAdmin(actor);
        var departments = (await db.Set<Agency>().AsNoTracking().Where(a => a.Kind == OrganisationKind.Department && a.ClosedAt == null)
            .Select(a => new { a.Id, a.Code, a.Name }).ToListAsync(ct))
            .OrderBy(a => a.Code, StringComparer.Ordinal).Select(a => new ThemeDepartmentView(a.Id, a.Name)).ToList();
        var names = await db.Set<Agency>().AsNoTracking().Where(a => a.Kind == OrganisationKind.Department).ToDictionaryAsync(a => a.Id, a => a.Name, ct);
        var links = await db.Set<HallThemeDepartment>().AsNoTracking().ToListAsync(ct);
        var themes = await db.Set<HallTheme>().AsNoTracking().OrderBy(t => t.SortOrder).ThenBy(t => t.Code).ToListAsync(ct);
        return new ThemeSetup(themes.Select(t => new ThemeView(t.Code, t.Name, t.SortOrder, links.Where(l => l.ThemeCode == t.Code)
            .Select(l => new ThemeDepartmentView(l.DepartmentId, names.GetValueOrDefault(l.DepartmentId) ?? ""))
            .OrderBy(d => d.Name, StringComparer.Ordinal).ToList())).ToList(), departments);
    }

    public async Task<ThemeView> CreateAsync(Actor actor, ThemeInput input, CancellationToken ct)
    {
        WindowAdmin.EnsureAdmin(actor);
        var errors = new FieldErrors();
        var code = errors.Text(input.Code, "code", "领域编码", 32, required: true);
        if (code.Length > 0 && !errors.Has("code") && !CodePattern().IsMatch(code))
            errors.Add("code", "pattern", "领域编码应为2至32位小写英文字母、数字或连字符，以字母开头（如 culture-tourism）。");
        var (name, order) = Check(errors, input);
        errors.ThrowIfAny();
        return await db.InTransactionAsync(async () =>
        {
            if (await db.Set<HallTheme>().AnyAsync(t => t.Code == code, ct)) throw new ConflictException("duplicate-code", $"领域编码“{code}”已存在。");
            await EnsureNameFreeAsync(name, null, ct);
            var theme = new HallTheme { Code = code, Name = name, SortOrder = order ?? (await db.Set<HallTheme>().MaxAsync(t => (int?)t.SortOrder, ct) ?? 0) + 1 };
            db.Add(theme);
            var departments = await LinkAsync(code, input.DepartmentIds ?? [], ct);
            db.Audit(actor, "hall-theme.created", "hall-theme", code,
                $"{name}（序号 {theme.SortOrder}）{(departments.Added.Count > 0 ? "，受理部门：" + string.Join("、", departments.Added) : "")}", clock.Now());
            await db.CommitAsync(ct);
            return (await ListAsync(actor, ct)).Themes.First(t => t.Code == code);
        }, ct);
    }

    /// <summary>Renames or reorders a theme and, when <see cref="ThemeInput.DepartmentIds"/> is given, sets exactly those departments.</summary>
    public async Task<ThemeView> EditAsync(Actor actor, string code, ThemeInput input, CancellationToken ct)
    {
        WindowAdmin.EnsureAdmin(actor);
        var errors = new FieldErrors();
        var (name, order) = Check(errors, input);
        errors.ThrowIfAny();
        return await db.InTransactionAsync(async () =>
        {
            var theme = await db.Set<HallTheme>().FirstOrDefaultAsync(t => t.Code == code, ct) ?? throw new NotFoundException("受理领域不存在。");
            await EnsureNameFreeAsync(name, code, ct);
            var changes = new List<string>();
            if (theme.Name != name) changes.Add($"名称 {theme.Name} → {name}");
            if (order is { } o && theme.SortOrder != o) changes.Add($"序号 {theme.SortOrder} → {o}");
            theme.Name = name;
            theme.SortOrder = order ?? theme.SortOrder;
            if (input.DepartmentIds is { } ids)
            {
                var (added, removed) = await LinkAsync(code, ids, ct);
                if (added.Count > 0) changes.Add("增加受理部门：" + string.Join("、", added));
                if (removed.Count > 0) changes.Add("移除受理部门：" + string.Join("、", removed));
            }
            if (changes.Count > 0)
            {
                db.Audit(actor, "hall-theme.edited", "hall-theme", code, $"{name}：{string.Join("；", changes)}", clock.Now());
                await db.CommitAsync(ct);
            }
            return (await ListAsync(actor, ct)).Themes.First(t => t.Code == code);
        }, ct);
    }

    private static (string Name, int? Order) Check(FieldErrors errors, ThemeInput input)
    {
        var name = errors.Text(input.Name, "name", "领域名称", 64, required: true);
        if (input.SortOrder is { } o && (o < 0 || o > MaxSortOrder)) errors.Add("sortOrder", "range", $"排序序号应为0至{MaxSortOrder}。");
        if (input.DepartmentIds is { Count: > 500 }) errors.Add("departmentIds", "max-count", "受理部门不能超过500个。");
        return (name, input.SortOrder);
    }

    private async Task EnsureNameFreeAsync(string name, string? except, CancellationToken ct)
    {
        if (await db.Set<HallTheme>().AnyAsync(t => t.Name == name && t.Code != except, ct))
            throw new InvalidInputException("name", "duplicate", $"已有名为“{name}”的受理领域。");
    }

    /// <summary>Sets the theme's departments to exactly <paramref name="wanted"/>: each an open department.</summary>
    private async Task<(List<string> Added, List<string> Removed)> LinkAsync(string code, IReadOnlyList<Guid> wanted, CancellationToken ct)
    {
        var ids = wanted.Distinct().ToList();
        var found = await db.Set<Agency>().AsNoTracking().Where(a => ids.Contains(a.Id) && a.Kind == OrganisationKind.Department && a.ClosedAt == null)
            .ToDictionaryAsync(a => a.Id, a => a.Name, ct);
        for (var i = 0; i < wanted.Count; i++)
            if (!found.ContainsKey(wanted[i]))
                throw new InvalidInputException($"departmentIds[{i}]", "department", "受理部门应为未撤销的行政主管部门。");
        var current = await db.Set<HallThemeDepartment>().Where(d => d.ThemeCode == code).ToListAsync(ct);
        var removed = current.Where(d => !found.ContainsKey(d.DepartmentId)).ToList();
        var added = ids.Where(id => current.All(d => d.DepartmentId != id)).ToList();
        db.RemoveRange(removed);
        foreach (var id in added) db.Add(new HallThemeDepartment { ThemeCode = code, DepartmentId = id });
        var names = await db.Set<Agency>().AsNoTracking().Where(a => removed.Select(r => r.DepartmentId).Contains(a.Id)).ToDictionaryAsync(a => a.Id, a => a.Name, ct);
        return (added.Select(id => found[id]).ToList(), removed.Select(r => names.GetValueOrDefault(r.DepartmentId) ?? "").ToList());
    }
}
