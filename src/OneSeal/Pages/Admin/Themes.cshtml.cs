using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using OneSeal.Hall.Intake;
using OneSeal.Organisation;
using OneSeal.Platform.Http;
using OneSeal.Resources;

namespace OneSeal.Pages.Admin;

/// <summary>领域与部门: the hall themes (name, order, new ones) and the departments whose items each theme takes.</summary>
[Authorize(Roles = Roles.Admin)]
public sealed class ThemesModel(ThemeAdmin admin, IStringLocalizer<Ui> t) : OneSealPageModel(t)
{
    public ThemeSetup Setup { get; private set; } = new([], []);

    /// <summary>The theme whose form was posted (kept open when refused); "new" for the add form.</summary>
    public string? Open { get; private set; }

    [BindProperty] public string? Code { get; set; }
    [BindProperty] public string? Name { get; set; }
    [BindProperty] public int? SortOrder { get; set; }
    [BindProperty] public List<Guid> DepartmentIds { get; set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => Setup = await admin.ListAsync(Me, ct);

    public Task<IActionResult> OnPostCreateAsync(CancellationToken ct) => ActAsync("new", async () =>
    {
        var theme = await admin.CreateAsync(Me, new ThemeInput(Code, Name, SortOrder, DepartmentIds), ct);
        return T["已新增受理领域“{0}”。", theme.Name];
    }, ct);

    public Task<IActionResult> OnPostSaveAsync(CancellationToken ct) => ActAsync(Code ?? "", async () =>
    {
        var theme = await admin.EditAsync(Me, Code ?? "", new ThemeInput(null, Name, SortOrder, DepartmentIds), ct);
        return T["已保存受理领域“{0}”（受理 {1} 个部门的事项）。", theme.Name, theme.Departments.Count];
    }, ct);

    private async Task<IActionResult> ActAsync(string form, Func<Task<string>> action, CancellationToken ct)
    {
        ClearErrors();
        try
        {
            Notify(await action());
            return Redirect("/admin/themes");
        }
        catch (DomainException e)
        {
            Open = form;
            AddDomainError(e, key => $"{form}-{key.Split('[')[0]}");
        }
        Setup = await admin.ListAsync(Me, ct);
        return Page();
    }
}
