using Microsoft.EntityFrameworkCore;
using OneSeal.Catalog.Transfers;
using OneSeal.Catalog.Versions;
using OneSeal.Organisation;
using OneSeal.Platform.Database;
using OneSeal.Platform.Time;

namespace OneSeal.Catalog.Reform;

/// <summary>
/// Computes <see cref="ReformStats"/> with four grouped SQL aggregates (items, transferred items, materials now,
/// materials first), the same on SQLite and PostgreSQL; the county total is the sum of the departments' sums.
/// </summary>
public sealed class ReformStatsQuery(OneSealDb db, TimeProvider clock)
{
    public async Task<ReformStats> RunAsync(CancellationToken ct)
    {
        var today = LegalDates.Today(clock);
        var items = db.Set<Item>().AsNoTracking().InForce(db, today);

        var main = await items.GroupBy(i => i.CompetentDepartmentId).Select(g => new
        {
            Department = g.Key,
            Items = g.Count(),
            Immediate = g.Count(i => i.Kind == ItemKind.Immediate),
            Promised = g.Count(i => i.Kind == ItemKind.Promised),
            Joint = g.Count(i => i.Kind == ItemKind.Joint),
            ReportUp = g.Count(i => i.Kind == ItemKind.ReportUp),
            ZeroVisit = g.Count(i => i.Visits == 0),
            Limited = g.Count(i => i.StatutoryDays > 0),
            Statutory = g.Sum(i => i.StatutoryDays > 0 ? (long)i.StatutoryDays : 0L),
            Promise = g.Sum(i => i.StatutoryDays > 0 ? (long)i.PromisedDays : 0L),
        }).ToListAsync(ct);

        var bureau = await db.Set<Agency>().Where(a => a.Kind == OrganisationKind.Bureau).Select(a => (Guid?)a.Id).FirstOrDefaultAsync(ct);
        // 已划转: in force at the bureau, and moved there by a batch already in effect (not an item the bureau always held).
        var transferred = await items
            .Where(i => i.ImplementingOrganisationId == bureau && db.Set<TransferBatchItem>().Any(t => t.ItemCode == i.Code
                && db.Set<TransferBatch>().Any(b => b.Id == t.BatchId && b.EffectiveOn <= today)))
            .GroupBy(i => i.CompetentDepartmentId).Select(g => new { Department = g.Key, Count = g.Count() })
            .ToDictionaryAsync(x => x.Department, x => x.Count, ct);

        var materialsNow = await (
            from m in db.Set<ItemMaterial>()
            join i in items on m.ItemId equals i.Id
            group m by i.CompetentDepartmentId into g
            select new { Department = g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.Department, x => x.Count, ct);

        // The first published version of each item in force (version 1, or the earliest that was ever published).
        var everPublished = db.Set<Item>().Where(i => i.Status == ItemVersionStatus.Published || i.Status == ItemVersionStatus.Superseded);
        var firsts = everPublished.Where(i => !everPublished.Any(o => o.Code == i.Code && o.Version < i.Version));
        var materialsFirst = await (
            from m in db.Set<ItemMaterial>()
            join f in firsts on m.ItemId equals f.Id
            join n in items on f.Code equals n.Code
            group m by n.CompetentDepartmentId into g
            select new { Department = g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.Department, x => x.Count, ct);

        var ids = main.Select(m => m.Department).ToList();
        var agencies = await db.Set<Agency>().AsNoTracking().Where(a => ids.Contains(a.Id)).ToDictionaryAsync(a => a.Id, ct);
        var departments = main.Select(m => new ReformFigures(agencies[m.Department].Code, agencies[m.Department].Name,
                m.Items, transferred.GetValueOrDefault(m.Department), m.Immediate, m.Promised, m.Joint, m.ReportUp, m.ZeroVisit,
                m.Limited, m.Statutory, m.Promise, materialsFirst.GetValueOrDefault(m.Department), materialsNow.GetValueOrDefault(m.Department)))
            .OrderByDescending(d => d.Items).ThenBy(d => d.DepartmentCode, StringComparer.Ordinal).ToList();
        return new ReformStats(today, ReformFigures.Total(departments), departments);
    }
}
