using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using OneSeal.Catalog;
using OneSeal.Platform.Http;
using OneSeal.Resources;

namespace OneSeal.Pages;

/// <summary>Portal home: search the published catalog and list its items, each linking to its service guide.</summary>
public sealed class IndexModel(CatalogQueries catalog, IStringLocalizer<Ui> t) : OneSealPageModel(t)
{
    public const int PageSize = 20;

    [BindProperty(SupportsGet = true, Name = "q")]
    public string? Query { get; set; }

    /// <summary>Page number (query <c>p</c>; <c>page</c> is taken by Razor Pages' own route value).</summary>
    [BindProperty(SupportsGet = true, Name = "p")]
    public int PageNumber { get; set; } = 1;

    public IReadOnlyList<CatalogQueries.ItemSummary> Items { get; private set; } = [];
    public int Total { get; private set; }
    public int PageCount => Math.Max(1, (Total + PageSize - 1) / PageSize);

    public async Task OnGetAsync(CancellationToken ct)
    {
        ClearErrors(); // a malformed ?p= is treated as page 1, not shown as an error
        if (PageNumber < 1) PageNumber = 1;
        try
        {
            (Items, Total) = await catalog.SearchAsync(Query, PageNumber, PageSize, ct);
            if (Items.Count == 0 && PageNumber > 1 && Total > 0)
            {
                PageNumber = PageCount;
                (Items, Total) = await catalog.SearchAsync(Query, PageNumber, PageSize, ct);
            }
        }
        catch (InvalidInputException e)
        {
            AddDomainError(e);
        }
    }

    public string PageLink(int page)
    {
        var parts = new List<string>();
        if (!string.IsNullOrWhiteSpace(Query)) parts.Add("q=" + Uri.EscapeDataString(Query));
        if (page > 1) parts.Add("p=" + page);
        return "/" + (parts.Count > 0 ? "?" + string.Join("&", parts) : "");
    }
}
