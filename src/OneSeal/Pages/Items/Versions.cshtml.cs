using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using OneSeal.Catalog;
using OneSeal.Platform.Http;
using OneSeal.Resources;

namespace OneSeal.Pages.Items;

/// <summary>历史版本: the item's published versions with the dates they were in force and what each changed (read-only).</summary>
public sealed class VersionsModel(CatalogQueries catalog, IStringLocalizer<Ui> t) : OneSealPageModel(t)
{
    public string Code { get; private set; } = "";
    public string Name { get; private set; } = "";
    public IReadOnlyList<CatalogQueries.VersionEntry> Versions { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string code, CancellationToken ct)
    {
        try
        {
            (Name, Versions) = await catalog.VersionsAsync(code, ct);
        }
        catch (NotFoundException e)
        {
            return NotFoundPage(e.Message);
        }
        Code = code;
        return Page();
    }
}
