using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using OneSeal.Catalog;
using OneSeal.Catalog.Guides;
using OneSeal.Platform.Http;
using OneSeal.Resources;

namespace OneSeal.Pages;

/// <summary>
/// Portal home: search and filter (department, theme, category, level, kind, service object) the items in force and
/// list them, each linking to its service guide.
/// </summary>
public sealed class IndexModel(CatalogQueries catalog, IStringLocalizer<Ui> t) : OneSealPageModel(t)
{
    public const int PageSize = 20;

    [BindProperty(SupportsGet = true, Name = "q")]
    public string? Query { get; set; }

    /// <summary>Page number (query <c>p</c>; <c>page</c> is taken by Razor Pages' own route value).</summary>
    [BindProperty(SupportsGet = true, Name = "p")]
    public int PageNumber { get; set; } = 1;

    [BindProperty(SupportsGet = true, Name = "department")] public string? Department { get; set; }
    [BindProperty(SupportsGet = true, Name = "theme")] public string? Theme { get; set; }
    [BindProperty(SupportsGet = true, Name = "category")] public string? Category { get; set; }
    [BindProperty(SupportsGet = true, Name = "level")] public string? Level { get; set; }
    [BindProperty(SupportsGet = true, Name = "kind")] public string? Kind { get; set; }
    [BindProperty(SupportsGet = true, Name = "serviceObject")] public string? ServiceObjectFilter { get; set; }

    public ItemFilter Filter { get; private set; } = ItemFilter.None;
    public CatalogQueries.FilterOptions Options { get; private set; } = new([], []);
    public IReadOnlyList<CatalogQueries.ItemSummary> Items { get; private set; } = [];
    public int Total { get; private set; }
    public int PageCount => Math.Max(1, (Total + PageSize - 1) / PageSize);

    public async Task OnGetAsync(CancellationToken ct)
    {
        ClearErrors(); // a malformed ?p= is treated as page 1, not shown as an error
        if (PageNumber < 1) PageNumber = 1;
        Options = await catalog.FilterOptionsAsync(ct);
        try
        {
            Filter = ItemFilter.Parse(Department, Theme, Category, Level, Kind, ServiceObjectFilter);
            (Items, Total) = await catalog.SearchAsync(Query, PageNumber, PageSize, ct, Filter);
            if (Items.Count == 0 && PageNumber > 1 && Total > 0)
            {
                PageNumber = PageCount;
                (Items, Total) = await catalog.SearchAsync(Query, PageNumber, PageSize, ct, Filter);
            }
        }
        catch (InvalidInputException e)
        {
            AddDomainError(e);
        }
    }

    /// <summary>The list at <paramref name="page"/> with the current search and filter.</summary>
    public string PageLink(int page) => Link(Filter, page);

    /// <summary>The list (page 1) with the current search and <paramref name="filter"/>.</summary>
    public string Link(ItemFilter filter, int page = 1)
    {
        var parts = new List<string>();
        if (!string.IsNullOrWhiteSpace(Query)) parts.Add("q=" + Uri.EscapeDataString(Query));
        parts.AddRange(filter.QueryPairs().Select(p => p.Key + "=" + Uri.EscapeDataString(p.Value)));
        if (page > 1) parts.Add("p=" + page);
        return "/" + (parts.Count > 0 ? "?" + string.Join("&", parts) : "");
    }

    public IEnumerable<CatalogQueries.ThemeRef> ThemesFor(ServiceObject audience) => Options.Themes.Where(t => t.Audience == audience);
}
