using Microsoft.EntityFrameworkCore;
using OneSeal.Catalog.Versions;
using OneSeal.Organisation;
using OneSeal.Platform.Database;
using OneSeal.Platform.Http;
using OneSeal.Platform.Time;

namespace OneSeal.Catalog.Reform;

/// <summary>One row of a clean-up list: the item, its competent department, and (materials list only) the material.</summary>
public sealed record WorklistRow(string Code, string Name, string DepartmentCode, string Department, ItemKind Kind,
    int StatutoryDays, int PromisedDays, int Visits, int OnlineDepth, string? MaterialCode = null, string? MaterialName = null);

public sealed record DepartmentCount(string DepartmentCode, string Department, int Count);

public sealed record Worklist(string Key, IReadOnlyList<WorklistRow> Rows)
{
    public int Count => Rows.Count;

    public IReadOnlyList<DepartmentCount> ByDepartment => Rows.GroupBy(r => (r.DepartmentCode, r.Department))
        .Select(g => new DepartmentCount(g.Key.DepartmentCode, g.Key.Department, g.Count()))
        .OrderByDescending(d => d.Count).ThenBy(d => d.DepartmentCode, StringComparer.Ordinal).ToList();
}

public sealed record Worklists(DateOnly Today, string? Department, Worklist NotCompressed, Worklist MaterialsWithoutBasis,
    Worklist TwoOrMoreVisits, Worklist NotOnline)
{
    public IEnumerable<Worklist> All => [NotCompressed, MaterialsWithoutBasis, TwoOrMoreVisits, NotOnline];
}

/// <summary>
/// 清理清单 (seed 001: "无法律法规依据的一律取消"): over the versions in force today, the items whose promised limit is
/// not shorter than the statutory one, the materials asked for without a legal basis, the items needing two or more
/// visits and the items not yet online (网办深度 below 3: not 在线预审 or 全程网办). One set-based query per list.
/// </summary>
public sealed class CatalogWorklists(OneSealDb db, TimeProvider clock)
{
    /// <summary>网办深度 3 (在线预审) and 4 (全程网办) count as online.</summary>
    public const int OnlineDepthOnline = 3;

    public async Task<Worklists> BuildAsync(string? departmentCode, CancellationToken ct)
    {
        var today = LegalDates.Today(clock);
        var items = db.Set<Item>().AsNoTracking().InForce(db, today);
        var department = departmentCode?.Trim();
        if (!string.IsNullOrEmpty(department))
        {
            var id = await db.Set<Agency>().Where(a => a.Code == department).Select(a => (Guid?)a.Id).FirstOrDefaultAsync(ct)
                ?? throw new InvalidInputException("department", "unknown-agency", $"没有编码为 {department} 的部门。");
            items = items.Where(i => i.CompetentDepartmentId == id);
        }
        else department = null;

        // 即办件 promise 0 days, so only items with a limit to compress can be "not compressed".
        var notCompressed = await Rows(items.Where(i => i.Kind != ItemKind.Immediate && i.StatutoryDays > 0 && i.PromisedDays >= i.StatutoryDays), ct);
        var visits = await Rows(items.Where(i => i.Visits >= 2), ct);
        var offline = await Rows(items.Where(i => i.OnlineDepth < OnlineDepthOnline), ct);
        var materials = await (
            from m in db.Set<ItemMaterial>()
            join i in items on m.ItemId equals i.Id
            join d in db.Set<Agency>() on i.CompetentDepartmentId equals d.Id
            where m.LegalBasis == null || m.LegalBasis.Trim() == ""
            orderby d.Code, i.Code, m.SortOrder
            select new WorklistRow(i.Code, i.Name, d.Code, d.Name, i.Kind, i.StatutoryDays, i.PromisedDays, i.Visits, i.OnlineDepth, m.Code, m.Name))
            .ToListAsync(ct);

        return new Worklists(today, department, new("notCompressed", notCompressed), new("materialsWithoutBasis", materials),
            new("twoOrMoreVisits", visits), new("notOnline", offline));
    }

    private Task<List<WorklistRow>> Rows(IQueryable<Item> items, CancellationToken ct) => (
        from i in items
        join d in db.Set<Agency>() on i.CompetentDepartmentId equals d.Id
        orderby d.Code, i.Code
        select new WorklistRow(i.Code, i.Name, d.Code, d.Name, i.Kind, i.StatutoryDays, i.PromisedDays, i.Visits, i.OnlineDepth, null, null))
        .ToListAsync(ct);

    /// <summary>The departments competent for some item (any version): the ones worth filtering the lists by.</summary>
    public async Task<IReadOnlyList<Agency>> DepartmentsAsync(CancellationToken ct) =>
        await db.Set<Agency>().AsNoTracking()
            .Where(a => db.Set<Item>().Any(i => i.CompetentDepartmentId == a.Id))
            .OrderBy(a => a.Code).ToListAsync(ct);
}
