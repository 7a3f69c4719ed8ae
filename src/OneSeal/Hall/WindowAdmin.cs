using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using OneSeal.Organisation;
using OneSeal.Platform.Audit;
using OneSeal.Platform.Database;
using OneSeal.Platform.Http;
using OneSeal.Platform.Security;
using OneSeal.Platform.Time;

namespace OneSeal.Hall;

/// <summary>
/// The system administrator sets up a hall's windows: number, name, zone, kind, the themes of a comprehensive window or
/// the department of a department window, and the A and B posts. Windows are closed, never deleted. One transaction
/// and one audit entry per command.
/// </summary>
public sealed partial class WindowAdmin(OneSealDb db, TimeProvider clock)
{
    public async Task<Window> CreateAsync(Actor actor, WindowInput input, CancellationToken ct)
    {
        EnsureAdmin(actor);
        var window = new Window { Id = Guid.NewGuid(), Number = "", Name = "", CreatedAt = clock.Now() };
        await ApplyAsync(window, input, ct);
        db.Add(window);
        db.Audit(actor, "window.created", "window", window.Id.ToString(), await DescribeAsync(window, ct), window.CreatedAt);
        await db.CommitAsync(ct);
        return window;
    }

    public async Task<Window> EditAsync(Actor actor, Guid id, WindowInput input, CancellationToken ct)
    {
        EnsureAdmin(actor);
        var window = await FindAsync(id, ct);
        if (window.ClosedAt is not null) throw new ConflictException("closed", $"{window.Number} 窗口已撤销，不能再修改。");
        var before = await DescribeAsync(window, ct);
        await ApplyAsync(window, input, ct);
        db.Audit(actor, "window.edited", "window", window.Id.ToString(), $"{before} → {await DescribeAsync(window, ct)}", clock.Now());
        await db.CommitAsync(ct);
        return window;
    }

    public async Task<Window> CloseAsync(Actor actor, Guid id, string? reason, CancellationToken ct)
    {
        EnsureAdmin(actor);
        var errors = new FieldErrors();
        var why = errors.Optional(reason, "reason", "撤销原因", 200);
        errors.ThrowIfAny();
        var window = await FindAsync(id, ct);
        if (window.ClosedAt is not null) throw new ConflictException("closed", $"{window.Number} 窗口已经撤销。");
        window.ClosedAt = clock.Now();
        db.Audit(actor, "window.closed", "window", window.Id.ToString(), $"{window.Number} {window.Name}{(why is null ? "" : "：" + why)}", window.ClosedAt.Value);
        await db.CommitAsync(ct);
        return window;
    }

    public static void EnsureAdmin(Actor actor)
    {
        if (!actor.Has(Roles.Admin)) throw new ForbiddenException("role", "只有系统管理员可以设置大厅窗口。");
    }

    /// <summary>Checks every field (all errors at once), then writes them onto <paramref name="window"/>.</summary>
    private async Task ApplyAsync(Window window, WindowInput input, CancellationToken ct)
    {
        var errors = new FieldErrors();
        var number = errors.Text(input.Number, "number", "窗口编号", 8, required: true).ToUpperInvariant();
        if (number.Length > 0 && !errors.Has("number") && !NumberPattern().IsMatch(number))
            errors.Add("number", "format", "窗口编号只能由字母、数字和连字符组成，如 A01。");
        var name = errors.Text(input.Name, "name", "窗口名称", 64, required: true);
        var zone = errors.Optional(input.Zone, "zone", "所在区域", 64);
        WindowKind? kind = null;
        if (string.IsNullOrWhiteSpace(input.Kind)) errors.Add("kind", "required", "请选择窗口类型。");
        else if (Enum.TryParse<WindowKind>(input.Kind.Trim(), true, out var k) && Enum.IsDefined(k) && !input.Kind.Trim().All(char.IsAsciiDigit)) kind = k;
        else errors.Add("kind", "unknown", "窗口类型应为 Comprehensive、Department、Result、Fee 或 Enquiry 之一。");

        var hall = input.HallId is { } hid ? await db.Set<Agency>().AsNoTracking().FirstOrDefaultAsync(a => a.Id == hid, ct) : null;
        if (input.HallId is null) errors.Add("hallId", "required", "请选择窗口所在的大厅。");
        else if (hall is null || hall.Kind != OrganisationKind.Hall) errors.Add("hallId", "not-a-hall", "所选机构不是大厅（分厅）。");
        else if (hall.ClosedAt is not null) errors.Add("hallId", "closed", $"“{hall.Name}”已撤销。");
        if (hall is not null && !errors.Has("number") && number.Length > 0
            && await db.Set<Window>().AnyAsync(w => w.HallId == hall.Id && w.Number == number && w.ClosedAt == null && w.Id != window.Id, ct))
            errors.Add("number", "duplicate", $"“{hall.Name}”已有编号为 {number} 的窗口。");

        var themes = (input.Themes ?? []).Select(t => t?.Trim() ?? "").Where(t => t.Length > 0).Distinct().ToList();
        if (themes.Count > MaxThemes) errors.Add("themes", "too-many", $"一个窗口最多选择{MaxThemes}个受理领域。");
        else if (kind == WindowKind.Comprehensive && themes.Count == 0) errors.Add("themes", "required", "综合受理窗口请至少选择一个受理领域。");
        else if (kind is not null and not WindowKind.Comprehensive && themes.Count > 0) errors.Add("themes", "not-allowed", "只有综合受理窗口按领域受理，其他窗口不选领域。");
        else if (themes.Count > 0)
        {
            var known = await db.Set<HallTheme>().Where(t => themes.Contains(t.Code)).Select(t => t.Code).ToListAsync(ct);
            if (themes.FirstOrDefault(t => !known.Contains(t)) is { } unknown)
                errors.Add("themes", "unknown-theme", $"受理领域“{(unknown.Length > 32 ? unknown[..32] + "…" : unknown)}”不存在。");
        }

        Agency? department = null;
        if (kind == WindowKind.Department)
        {
            department = input.DepartmentId is { } did ? await db.Set<Agency>().AsNoTracking().FirstOrDefaultAsync(a => a.Id == did, ct) : null;
            if (input.DepartmentId is null) errors.Add("departmentId", "required", "部门窗口请选择所属的行政主管部门。");
            else if (department is null || department.Kind != OrganisationKind.Department) errors.Add("departmentId", "not-a-department", "所选机构不是行政主管部门。");
            else if (department.ClosedAt is not null) errors.Add("departmentId", "closed", $"“{department.Name}”已撤销。");
        }
        else if (kind is not null && input.DepartmentId is not null) errors.Add("departmentId", "not-allowed", "只有部门窗口需要选择所属部门。");

        if (input.BPostId is not null && input.APostId is null) errors.Add("bPostId", "b-without-a", "请先指定A岗人员，再指定B岗。");
        else if (input.BPostId is not null && input.BPostId == input.APostId) errors.Add("bPostId", "same-person", "A岗和B岗应由不同人员担任。");
        if (kind is { } kk && hall is not null && !errors.Has("departmentId"))
        {
            await PostAsync(errors, "aPostId", "A岗", input.APostId, kk, hall, department, ct);
            if (!errors.Has("bPostId")) await PostAsync(errors, "bPostId", "B岗", input.BPostId, kk, hall, department, ct);
        }
        errors.ThrowIfAny();

        window.HallId = hall!.Id;
        window.Number = number;
        window.Name = name;
        window.Zone = zone;
        window.Kind = kind!.Value;
        window.DepartmentId = department?.Id;
        window.APostId = input.APostId;
        window.BPostId = input.BPostId;
        window.Themes.RemoveAll(t => !themes.Contains(t.ThemeCode));
        foreach (var t in themes.Where(t => window.Themes.All(x => x.ThemeCode != t)))
            window.Themes.Add(new WindowTheme { WindowId = window.Id, ThemeCode = t });
    }

    /// <summary>
    /// A post is an enabled staff account of a suitable organisation: a department window's staff belong to that
    /// department (or a section of it); the other windows' to the bureau, or to the hall's service centre or the hall.
    /// </summary>
    private async Task PostAsync(FieldErrors errors, string field, string label, Guid? accountId, WindowKind kind, Agency hall, Agency? department, CancellationToken ct)
    {
        if (accountId is not { } id) return;
        var account = await db.Set<Account>().AsNoTracking().Where(a => a.Id == id)
            .Select(a => new { a.DisplayName, a.Kind, a.Disabled, a.OrganisationId }).FirstOrDefaultAsync(ct);
        if (account is null || account.Kind != AccountKind.Staff || account.OrganisationId is null)
        {
            errors.Add(field, "not-staff", $"{label}应为工作人员账号。");
            return;
        }
        if (account.Disabled)
        {
            errors.Add(field, "disabled", $"{label}人员“{account.DisplayName}”的账号已停用。");
            return;
        }
        var chain = await ChainAsync(account.OrganisationId.Value, ct);
        var suitable = kind == WindowKind.Department
            ? department is not null && chain.Any(a => a.Id == department.Id)
            : chain.Any(a => a.Kind == OrganisationKind.Bureau || a.Id == hall.Id || a.Id == hall.ParentId);
        if (!suitable)
            errors.Add(field, "organisation", kind == WindowKind.Department
                ? $"{label}人员“{account.DisplayName}”不属于“{department?.Name}”，部门窗口应由该部门人员值守。"
                : $"{label}人员“{account.DisplayName}”不属于行政审批局或政务服务中心，不能值守该窗口。");
    }

    /// <summary>The organisation and those above it (bounded, in case the tree already holds a cycle).</summary>
    private async Task<List<Agency>> ChainAsync(Guid organisationId, CancellationToken ct)
    {
        var chain = new List<Agency>();
        Guid? next = organisationId;
        while (next is { } id && chain.Count < 16)
        {
            var agency = await db.Set<Agency>().AsNoTracking().FirstOrDefaultAsync(a => a.Id == id, ct);
            if (agency is null) break;
            chain.Add(agency);
            next = agency.ParentId;
        }
        return chain;
    }

    private async Task<Window> FindAsync(Guid id, CancellationToken ct) =>
        await db.Set<Window>().Include(w => w.Themes).FirstOrDefaultAsync(w => w.Id == id, ct) ?? throw new NotFoundException("该窗口不存在。");

    private async Task<string> DescribeAsync(Window w, CancellationToken ct)
    {
        var ids = new[] { w.APostId, w.BPostId }.OfType<Guid>().ToList();
        var names = await db.Set<Account>().Where(a => ids.Contains(a.Id)).ToDictionaryAsync(a => a.Id, a => a.Username, ct);
        string Post(Guid? id) => id is { } i ? names.GetValueOrDefault(i) ?? "?" : "无";
        return $"{w.Number} {w.Name}（{WindowLabels.Of(w.Kind)}{(w.Zone is null ? "" : "，" + w.Zone)}"
            + $"{(w.Themes.Count > 0 ? "，领域 " + string.Join("、", w.Themes.Select(t => t.ThemeCode)) : "")}，A岗 {Post(w.APostId)}，B岗 {Post(w.BPostId)}）";
    }

    /// <summary>More fields than any hall has; keeps a hostile list out of the query.</summary>
    public const int MaxThemes = 32;

    [GeneratedRegex("^[A-Z0-9][A-Z0-9-]{0,7}$")]
    private static partial Regex NumberPattern();
}
