using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Localization;
using OneSeal.Catalog.Editing;
using OneSeal.Organisation;
using OneSeal.Resources;

namespace OneSeal.Pages.Admin.Catalog;

/// <summary>事项清单维护: every item with the version in force and any open draft; search by code or name, filter by department.</summary>
[Authorize(Roles = Roles.Admin)]
public sealed class IndexModel(CatalogAdminQueries queries, IStringLocalizer<Ui> t) : OneSealPageModel(t)
{
    public IReadOnlyList<CatalogAdminQueries.ItemRow> Items { get; private set; } = [];
    public IReadOnlyList<Agency> Departments { get; private set; } = [];
    public string? Q { get; private set; }
    public string? Department { get; private set; }

    public async Task OnGetAsync(string? q, string? department, CancellationToken ct)
    {
        (Q, Department) = (q?.Trim(), department?.Trim());
        Items = await queries.ListAsync(Me, Q, Department, ct);
        Departments = (await queries.ChoicesAsync(ct)).Agencies;
    }
}
