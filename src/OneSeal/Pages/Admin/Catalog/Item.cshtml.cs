using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using OneSeal.Catalog.Editing;
using OneSeal.Catalog.Versions;
using OneSeal.Organisation;
using OneSeal.Platform.Http;
using OneSeal.Resources;

namespace OneSeal.Pages.Admin.Catalog;

/// <summary>One item's history: every version (status, effective dates, change note, who published) and the diff between any two.</summary>
[Authorize(Roles = Roles.Admin)]
public sealed class ItemModel(CatalogAdminQueries queries, IStringLocalizer<Ui> t) : OneSealPageModel(t)
{
    public string Code { get; private set; } = "";
    public IReadOnlyList<CatalogAdminQueries.VersionRow> Versions { get; private set; } = [];
    public int? From { get; private set; }
    public int? To { get; private set; }
    public IReadOnlyList<ItemChange>? Changes { get; private set; }

    public async Task<IActionResult> OnGetAsync(string code, int? from, int? to, CancellationToken ct)
    {
        Code = code;
        Versions = await queries.HistoryOrEmptyAsync(Me, code, ct);
        if (Versions.Count == 0) return NotFoundPage(T["事项“{0}”不存在。", code]);
        // By default: what the newest version changed from the one before it.
        To = to ?? Versions[0].Version;
        From = from ?? Versions.Select(v => (int?)v.Version).FirstOrDefault(v => v < To);
        if (From is { } f)
        {
            try { Changes = await queries.DiffAsync(Me, code, f, To, ct); }
            catch (DomainException e) { AddDomainError(e, _ => ""); }
        }
        RestoreFlashedErrors();
        return Page();
    }
}
