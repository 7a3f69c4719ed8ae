using Microsoft.EntityFrameworkCore;
using OneSeal.Catalog.Search;
using OneSeal.Catalog.Versions;
using OneSeal.Organisation;
using OneSeal.Platform.Database;
using OneSeal.Platform.Http;
using OneSeal.Platform.Time;

namespace OneSeal.Catalog;

/// <summary>Public reads of the published catalog.</summary>
public sealed class CatalogQueries(OneSealDb db, TimeProvider clock)
{
    public sealed record ItemSummary(string Code, string Name, string Category, ItemKind Kind, ServiceObject ServiceObject,
        string DepartmentName, int StatutoryDays, int PromisedDays, int Visits);

    public sealed record ItemGuide(Item Item, string CompetentDepartment, string ImplementingBody, string SupervisingDepartment,
        IReadOnlyList<ItemMaterial> Materials, IReadOnlyList<ItemFormField> FormFields);

    /// <summary>
    /// Published items matching <paramref name="q"/>: a Chinese query (one character or more) is a substring of the
    /// name; letters and digits are also a substring of the pinyin initials ("spjy"), of the full pinyin from a
    /// syllable on ("jingying") or of the code; a mixed query ("食品jy") is tried as pinyin too. Ranked: exact match,
    /// starts with, the rest; then by code. Served by the suffix index of docs/decisions/0005-chinese-search.md.
    /// </summary>
    public async Task<(List<ItemSummary> Items, int Total)> SearchAsync(string? q, int page, int pageSize, CancellationToken ct)
    {
        if (q?.Length > 100) throw new InvalidInputException("q", "max-length", "搜索词不能超过100个字符。");
        if (page < 1) throw new InvalidInputException("page", "min", "page 应从 1 开始。");
        if (pageSize is < 1 or > 100) throw new InvalidInputException("pageSize", "range", "pageSize 应在 1 到 100 之间。");
        var search = SearchKeys.Parse(q);
        if (search is null)
        {
            var query = db.Set<Item>().AsNoTracking().InForce(db, LegalDates.Today(clock));
            var count = await query.CountAsync(ct);
            var all = await query.OrderBy(i => i.Code).Skip((page - 1) * pageSize).Take(pageSize)
                .Join(db.Set<Agency>(), i => i.CompetentDepartmentId, a => a.Id, (i, a) => new ItemSummary(
                    i.Code, i.Name, i.Category, i.Kind, i.ServiceObject, a.Name, i.StatutoryDays, i.PromisedDays, i.Visits))
                .ToListAsync(ct);
            return (all, count);
        }

        var skip = (page - 1) * pageSize;
        var (sql, args) = SearchSql.Page(search, db.IsPostgres, skip, pageSize);
        var rows = await db.Database.SqlQueryRaw<SearchSql.Row>(sql, args).ToListAsync(ct);
        var total = rows.Count > 0 ? rows[0].Total : 0;
        if (rows.Count == 0 && skip > 0)
        {
            var (countSql, countArgs) = SearchSql.Count(search, db.IsPostgres);
            total = await db.Database.SqlQueryRaw<int>(countSql, countArgs).SingleAsync(ct);
        }
        var items = rows.Select(r => new ItemSummary(r.Code, r.Name, r.Category, Enum.Parse<ItemKind>(r.Kind),
            Enum.Parse<ServiceObject>(r.ServiceObject), r.DepartmentName, r.StatutoryDays, r.PromisedDays, r.Visits)).ToList();
        return (items, total);
    }

    /// <summary>The guide of the version of <paramref name="code"/> in force today, or of published (or superseded) <paramref name="version"/>.</summary>
    public async Task<ItemGuide> GuideAsync(string code, CancellationToken ct, int? version = null)
    {
        var item = version is null
            ? await ItemVersions.InForceAsync(db, code, LegalDates.Today(clock), ct)
            : await ItemVersions.WithLists(db.Set<Item>().AsNoTracking()).FirstOrDefaultAsync(i => i.Code == code && i.Version == version
                && (i.Status == ItemVersionStatus.Published || i.Status == ItemVersionStatus.Superseded), ct);
        if (item is null)
            throw new NotFoundException(version is null ? $"事项“{code}”不存在或未发布。" : $"事项“{code}”没有已发布的第{version}版。");
        var ids = new[] { item.CompetentDepartmentId, item.ImplementingOrganisationId, item.SupervisingDepartmentId };
        var names = await db.Set<Agency>().AsNoTracking().Where(a => ids.Contains(a.Id)).ToDictionaryAsync(a => a.Id, a => a.Name, ct);
        var materials = item.Materials.OrderBy(m => m.SortOrder).ToList();
        var fields = item.FormFields.OrderBy(f => f.SortOrder).ToList();
        return new ItemGuide(item, names[item.CompetentDepartmentId], names[item.ImplementingOrganisationId], names[item.SupervisingDepartmentId], materials, fields);
    }
}
