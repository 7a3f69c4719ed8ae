using Microsoft.EntityFrameworkCore;
using OneSeal.Catalog.Guides;
using OneSeal.Catalog.Search;
using OneSeal.Catalog.Versions;
using OneSeal.Organisation;
using OneSeal.Platform.Database;
using OneSeal.Platform.Http;
using OneSeal.Platform.Time;

namespace OneSeal.Catalog;

/// <summary>Public reads of the published catalog.</summary>
public sealed class CatalogQueries(OneSealDb db, TimeProvider clock, GuideCache guides)
{
    public sealed record ItemSummary(string Code, string Name, string Category, ItemKind Kind, ServiceObject ServiceObject,
        string DepartmentName, int StatutoryDays, int PromisedDays, int Visits);

    /// <summary>
    /// One version's guide. The content (the version, names it refers to) is that of a published version and cached;
    /// <see cref="InForce"/>, <see cref="Parent"/> and <see cref="SubItems"/> are looked up on every request.
    /// </summary>
    public sealed record ItemGuide(Item Item, string CompetentDepartment, string ImplementingBody, string SupervisingDepartment,
        IReadOnlyList<ItemMaterial> Materials, IReadOnlyList<ItemFormField> FormFields)
    {
        /// <summary>受委托组织, if the implementing body entrusts one.</summary>
        public string? EntrustedBody { get; init; }
        /// <summary>联办部门.</summary>
        public IReadOnlyList<string> JointDepartments { get; init; } = [];
        public IReadOnlyList<ItemStep> Steps { get; init; } = [];
        public IReadOnlyList<ThemeRef> Themes { get; init; } = [];
        /// <summary>Material type code → name.</summary>
        public IReadOnlyDictionary<string, string> MaterialTypes { get; init; } = new Dictionary<string, string>();
        /// <summary>The version of this item in force today (null when none is).</summary>
        public VersionRef? InForce { get; init; }
        /// <summary>The item this one is a sub-item of (its version in force), if any.</summary>
        public ItemRef? Parent { get; init; }
        /// <summary>The item's sub-items in force.</summary>
        public IReadOnlyList<ItemRef> SubItems { get; init; } = [];
        /// <summary>This guide is of the version in force (not an older or a future one).</summary>
        public bool IsInForce => InForce?.Version == Item.Version;
    }

    public sealed record ThemeRef(string Code, string Name, ServiceObject Audience);
    public sealed record ItemRef(string Code, string Name);
    public sealed record VersionRef(int Version, DateOnly EffectiveFrom);

    /// <summary>A published version in the public history: in force from, until (when a newer one took effect), why.</summary>
    public sealed record VersionEntry(int Version, DateOnly EffectiveFrom, DateOnly? Until, string? ChangeNote,
        DateTimeOffset? PublishedAt, string? TransferDocument, VersionState State);

    public enum VersionState { InForce, Superseded, Upcoming }

    /// <summary>What the list's filter controls offer.</summary>
    public sealed record FilterOptions(IReadOnlyList<ThemeRef> Themes, IReadOnlyList<(string Code, string Name)> Departments);

    /// <summary>
    /// Published items matching <paramref name="q"/>: a Chinese query (one character or more) is a substring of the
    /// name; letters and digits are also a substring of the pinyin initials ("spjy"), of the full pinyin from a
    /// syllable on ("jingying") or of the code; a mixed query ("食品jy") is tried as pinyin too. Ranked: exact match,
    /// starts with, the rest; then by code. Served by the suffix index of docs/decisions/0005-chinese-search.md.
    /// </summary>
    public async Task<(List<ItemSummary> Items, int Total)> SearchAsync(string? q, int page, int pageSize, CancellationToken ct,
        ItemFilter? filter = null)
    {
        filter ??= ItemFilter.None;
        if (q?.Length > 100) throw new InvalidInputException("q", "max-length", "搜索词不能超过100个字符。");
        if (page < 1) throw new InvalidInputException("page", "min", "page 应从 1 开始。");
        if (pageSize is < 1 or > 100) throw new InvalidInputException("pageSize", "range", "pageSize 应在 1 到 100 之间。");
        var departmentId = await CheckAsync(filter, ct);
        var search = SearchKeys.Parse(q);
        if (search is null)
        {
            var query = Filtered(db.Set<Item>().AsNoTracking().InForce(db, LegalDates.Today(clock)), filter, departmentId);
            var count = await query.CountAsync(ct);
            var all = await query.OrderBy(i => i.Code).Skip((page - 1) * pageSize).Take(pageSize)
                .Join(db.Set<Agency>(), i => i.CompetentDepartmentId, a => a.Id, (i, a) => new ItemSummary(
                    i.Code, i.Name, i.Category, i.Kind, i.ServiceObject, a.Name, i.StatutoryDays, i.PromisedDays, i.Visits))
                .ToListAsync(ct);
            return (all, count);
        }

        var skip = (page - 1) * pageSize;
        var (sql, args) = SearchSql.Page(search, filter, db.IsPostgres, skip, pageSize);
        var rows = await db.Database.SqlQueryRaw<SearchSql.Row>(sql, args).ToListAsync(ct);
        var total = rows.Count > 0 ? rows[0].Total : 0;
        if (rows.Count == 0 && skip > 0)
        {
            var (countSql, countArgs) = SearchSql.Count(search, filter, db.IsPostgres);
            total = await db.Database.SqlQueryRaw<int>(countSql, countArgs).SingleAsync(ct);
        }
        var items = rows.Select(r => new ItemSummary(r.Code, r.Name, r.Category, Enum.Parse<ItemKind>(r.Kind),
            Enum.Parse<ServiceObject>(r.ServiceObject), r.DepartmentName, r.StatutoryDays, r.PromisedDays, r.Visits)).ToList();
        return (items, total);
    }

    /// <summary>Checks the filter's theme and department exist (400 naming the field); returns the department's id.</summary>
    private async Task<Guid?> CheckAsync(ItemFilter filter, CancellationToken ct)
    {
        if (filter.Theme is { } theme && (theme.Length > 32 || !await db.Set<Theme>().AnyAsync(t => t.Code == theme, ct)))
            throw new InvalidInputException("theme", "unknown", $"没有编码为“{theme}”的主题。");
        if (filter.Department is not { } department) return null;
        var id = department.Length > 32 ? null
            : await db.Set<Agency>().Where(a => a.Code == department).Select(a => (Guid?)a.Id).FirstOrDefaultAsync(ct);
        return id ?? throw new InvalidInputException("department", "unknown", $"没有编码为“{department}”的部门。");
    }

    private static IQueryable<Item> Filtered(IQueryable<Item> items, ItemFilter f, Guid? departmentId)
    {
        if (departmentId is { } d) items = items.Where(i => i.CompetentDepartmentId == d || i.ImplementingOrganisationId == d);
        if (f.Theme is { } theme) items = items.Where(i => i.Themes.Any(t => t.ThemeCode == theme));
        if (f.Category is { } category) items = items.Where(i => i.Category == category);
        if (f.Level is { } level) items = items.Where(i => i.Level == level);
        if (f.Kind is { } kind) items = items.Where(i => i.Kind == kind);
        if (f.ServiceObject is ServiceObject.Both) items = items.Where(i => i.ServiceObject == ServiceObject.Both);
        else if (f.ServiceObject is { } so) items = items.Where(i => i.ServiceObject == so || i.ServiceObject == ServiceObject.Both);
        return items;
    }

    /// <summary>Every theme (by audience, then order), and the departments that are competent for or implement an item in force.</summary>
    public async Task<FilterOptions> FilterOptionsAsync(CancellationToken ct)
    {
        var themes = await db.Set<Theme>().AsNoTracking().OrderBy(t => t.Audience).ThenBy(t => t.SortOrder)
            .Select(t => new ThemeRef(t.Code, t.Name, t.Audience)).ToListAsync(ct);
        var inForce = db.Set<Item>().InForce(db, LegalDates.Today(clock));
        var departments = await db.Set<Agency>().AsNoTracking()
            .Where(a => inForce.Any(i => i.CompetentDepartmentId == a.Id || i.ImplementingOrganisationId == a.Id))
            .OrderBy(a => a.Code).Select(a => new { a.Code, a.Name }).ToListAsync(ct);
        return new FilterOptions(themes, departments.Select(d => (d.Code, d.Name)).ToList());
    }

    /// <summary>
    /// The guide of the version of <paramref name="code"/> in force today, or of published (or superseded)
    /// <paramref name="version"/>. Per request: one query for the item's published versions (which is in force, which
    /// is asked for) and one for its parent and sub-items in force; the version's content comes from <see cref="GuideCache"/>.
    /// </summary>
    public async Task<ItemGuide> GuideAsync(string code, CancellationToken ct, int? version = null)
    {
        var today = LegalDates.Today(clock);
        var versions = await db.Set<Item>().AsNoTracking()
            .Where(i => i.Code == code && (i.Status == ItemVersionStatus.Published || i.Status == ItemVersionStatus.Superseded))
            .Select(i => new { i.Id, i.Version, i.Status, i.EffectiveFrom, i.ParentCode }).ToListAsync(ct);
        var inForce = ItemVersions.InForceAmong(versions, today, v => (v.Status, v.EffectiveFrom, v.Version));
        var target = version is null ? inForce : versions.FirstOrDefault(v => v.Version == version);
        if (target is null)
            throw new NotFoundException(version is null ? $"事项“{code}”不存在或未发布。" : $"事项“{code}”没有已发布的第{version}版。");

        var guide = await guides.GetOrLoadAsync(target.Id, () => GuideLoader.LoadAsync(db, target.Id, ct));
        var parentCode = target.ParentCode;
        var related = await db.Set<Item>().AsNoTracking().InForce(db, today)
            .Where(i => i.ParentCode == code || (parentCode != null && i.Code == parentCode))
            .OrderBy(i => i.Code).Select(i => new { i.Code, i.Name, i.ParentCode }).ToListAsync(ct);
        return guide with
        {
            InForce = inForce is null ? null : new VersionRef(inForce.Version, inForce.EffectiveFrom!.Value),
            Parent = related.Where(r => r.Code == parentCode).Select(r => new ItemRef(r.Code, r.Name)).FirstOrDefault(),
            SubItems = related.Where(r => r.ParentCode == code).Select(r => new ItemRef(r.Code, r.Name)).ToList(),
        };
    }

    /// <summary>The public history of <paramref name="code"/>: its published versions, newest first, with the name in force (or latest).</summary>
    public async Task<(string Name, IReadOnlyList<VersionEntry> Versions)> VersionsAsync(string code, CancellationToken ct)
    {
        var today = LegalDates.Today(clock);
        var rows = await db.Set<Item>().AsNoTracking()
            .Where(i => i.Code == code && (i.Status == ItemVersionStatus.Published || i.Status == ItemVersionStatus.Superseded))
            .GroupJoin(db.Set<Transfers.TransferBatch>(), i => i.TransferBatchId, b => b.Id, (i, b) => new { i, b })
            .SelectMany(x => x.b.DefaultIfEmpty(), (x, b) => new
            {
                x.i.Version, x.i.Name, x.i.Status, x.i.EffectiveFrom, x.i.SupersededOn, x.i.ChangeNote, x.i.PublishedAt,
                Document = b == null ? null : b.DocumentNumber,
            })
            .ToListAsync(ct);
        if (rows.Count == 0) throw new NotFoundException($"事项“{code}”不存在或未发布。");
        var inForce = ItemVersions.InForceAmong(rows, today, r => (r.Status, r.EffectiveFrom, r.Version));
        var entries = rows.OrderByDescending(r => r.Version).Select(r =>
        {
            // Until the first newer version that has taken effect (exact even before CatalogActivation marks it superseded).
            var until = rows.Where(n => n.Version > r.Version && n.EffectiveFrom <= today).Min(n => n.EffectiveFrom) ?? r.SupersededOn;
            var state = r.Version == inForce?.Version ? VersionState.InForce : r.EffectiveFrom > today ? VersionState.Upcoming : VersionState.Superseded;
            return new VersionEntry(r.Version, r.EffectiveFrom!.Value, state == VersionState.InForce ? null : until, r.ChangeNote,
                r.PublishedAt, r.Document, state);
        }).ToList();
        return ((inForce ?? rows.MaxBy(r => r.Version)!).Name, entries);
    }
}
