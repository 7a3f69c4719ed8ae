using Microsoft.EntityFrameworkCore;
using OneSeal.Catalog.Search;
using OneSeal.Organisation;
using OneSeal.Platform.Database;
using OneSeal.Platform.Http;

namespace OneSeal.Catalog;

/// <summary>Public reads of the published catalog.</summary>
public sealed class CatalogQueries(OneSealDb db)
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
        var published = db.Set<Item>().AsNoTracking().Where(i => i.Published);
        var search = SearchKeys.Parse(q);
        if (search is null)
        {
            var total = await published.CountAsync(ct);
            var all = await published.Join(db.Set<Agency>(), i => i.CompetentDepartmentId, a => a.Id, (i, a) => new { i, a })
                .OrderBy(x => x.i.Code).Skip((page - 1) * pageSize).Take(pageSize)
                .Select(x => new ItemSummary(x.i.Code, x.i.Name, x.i.Category, x.i.Kind, x.i.ServiceObject, x.a.Name,
                    x.i.StatutoryDays, x.i.PromisedDays, x.i.Visits))
                .ToListAsync(ct);
            return (all, total);
        }

        var text = search.Text;
        var code = search.MatchesCode;
        var roman = search.Initials is not null;
        var initials = search.Initials ?? "";
        var pinyin = search.Pinyin ?? "";
        var ids = MatchingKeyIds(search);
        var keys = db.Set<ItemSearchKey>().AsNoTracking().Where(k => ids.Contains(k.Id));
        if (search.NeedsCheck)
            keys = keys.Where(k => k.Name.Contains(text) || (code && k.Code.Contains(text))
                || (roman && (k.Initials.Contains(initials) || k.Pinyin.Contains(pinyin))));
        var matches = keys.Join(published, k => k.ItemId, i => i.Id, (k, i) => new { k, i });

        var count = await matches.CountAsync(ct);
        if (count <= (page - 1) * pageSize) return ([], count);
        var items = await matches.Join(db.Set<Agency>(), m => m.i.CompetentDepartmentId, a => a.Id, (m, a) => new { m.k, m.i, a })
            .OrderBy(x => x.k.Name == text || (code && x.k.Code == text) || (roman && (x.k.Initials == initials || x.k.Pinyin == pinyin)) ? 0
                : x.k.Name.StartsWith(text) || (code && x.k.Code.StartsWith(text))
                    || (roman && (x.k.Initials.StartsWith(initials) || x.k.Pinyin.StartsWith(pinyin))) ? 1
                : 2)
            .ThenBy(x => x.i.Code)
            .Skip((page - 1) * pageSize).Take(pageSize)
            .Select(x => new ItemSummary(x.i.Code, x.i.Name, x.i.Category, x.i.Kind, x.i.ServiceObject, x.a.Name,
                x.i.StatutoryDays, x.i.PromisedDays, x.i.Visits))
            .ToListAsync(ct);
        return (items, count);
    }

    /// <summary>Ids of the search keys with a term in one of the query's ranges: index range scans, compared byte-wise on both databases.</summary>
    private IQueryable<int> MatchingKeyIds(SearchQuery search)
    {
        var sql = new System.Text.StringBuilder("SELECT key_id AS \"Value\" FROM item_search_terms WHERE ");
        var args = new object[search.Ranges.Count * 2];
        for (var n = 0; n < search.Ranges.Count; n++)
        {
            if (n > 0) sql.Append(" OR ");
            sql.Append($"(term >= {{{2 * n}}} AND term < {{{2 * n + 1}}})");
            args[2 * n] = search.Ranges[n].From;
            args[2 * n + 1] = search.Ranges[n].To;
        }
        return db.Database.SqlQueryRaw<int>(sql.ToString(), args);
    }

    public async Task<ItemGuide> GuideAsync(string code, CancellationToken ct)
    {
        var item = await db.Set<Item>().AsNoTracking().FirstOrDefaultAsync(i => i.Code == code && i.Published, ct)
            ?? throw new NotFoundException($"事项“{code}”不存在或未发布。");
        var ids = new[] { item.CompetentDepartmentId, item.ImplementingOrganisationId, item.SupervisingDepartmentId };
        var names = await db.Set<Agency>().AsNoTracking().Where(a => ids.Contains(a.Id)).ToDictionaryAsync(a => a.Id, a => a.Name, ct);
        var materials = await db.Set<ItemMaterial>().AsNoTracking().Where(m => m.ItemId == item.Id).OrderBy(m => m.SortOrder).ToListAsync(ct);
        var fields = await db.Set<ItemFormField>().AsNoTracking().Where(f => f.ItemId == item.Id).OrderBy(f => f.SortOrder).ToListAsync(ct);
        return new ItemGuide(item, names[item.CompetentDepartmentId], names[item.ImplementingOrganisationId], names[item.SupervisingDepartmentId], materials, fields);
    }
}
