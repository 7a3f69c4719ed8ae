using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using OneSeal.Hall;
using OneSeal.Organisation;
using OneSeal.Platform.Http;
using OneSeal.Resources;

namespace OneSeal.Pages.Admin;

/// <summary>窗口设置: the halls' windows (number, zone, kind, themes or department, A/B posts); create, edit, close.</summary>
[Authorize(Roles = Roles.Admin)]
public sealed class WindowsModel(WindowAdmin admin, WindowQueries queries, IStringLocalizer<Ui> t) : OneSealPageModel(t)
{
    public IReadOnlyList<WindowView> Windows { get; private set; } = [];
    public IReadOnlyList<WindowChoice> Halls { get; private set; } = [];
    public IReadOnlyList<WindowChoice> Departments { get; private set; } = [];
    public IReadOnlyList<WindowChoice> Themes { get; private set; } = [];
    public IReadOnlyList<WindowChoice> Staff { get; private set; } = [];
    public WindowView? Editing { get; private set; }

    [BindProperty(SupportsGet = true)] public Guid? Edit { get; set; }
    [BindProperty] public Guid? HallId { get; set; }
    [BindProperty] public string? Number { get; set; }
    [BindProperty] public string? Name { get; set; }
    [BindProperty] public string? Zone { get; set; }
    [BindProperty] public string? Kind { get; set; }
    [BindProperty] public List<string> SelectedThemes { get; set; } = [];
    [BindProperty] public Guid? DepartmentId { get; set; }
    [BindProperty] public Guid? APostId { get; set; }
    [BindProperty] public Guid? BPostId { get; set; }
    [BindProperty] public string? CloseReason { get; set; }

    public static readonly IReadOnlyList<WindowKind> Kinds = Enum.GetValues<WindowKind>();

    public async Task OnGetAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        if (Editing is { } w)
        {
            (HallId, Number, Name, Zone, Kind, SelectedThemes, DepartmentId, APostId, BPostId) =
                (w.HallId, w.Number, w.Name, w.Zone, w.Kind, w.Themes, w.DepartmentId, w.APostId, w.BPostId);
        }
        else if (Halls.Count == 1) HallId = Guid.Parse(Halls[0].Value);
    }

    public Task<IActionResult> OnPostSaveAsync(CancellationToken ct) => RunAsync(async () =>
    {
        var input = new WindowInput(HallId, Number, Name, Zone, Kind, SelectedThemes,
            Kind == nameof(WindowKind.Department) ? DepartmentId : null, APostId, BPostId);
        var w = Edit is { } id ? await admin.EditAsync(Me, id, input, ct) : await admin.CreateAsync(Me, input, ct);
        Notify(T[Edit is null ? "已新增 {0} 窗口。" : "已保存 {0} 窗口。", w.Number].Value);
        Edit = null;
    }, ct);

    public Task<IActionResult> OnPostCloseAsync(CancellationToken ct) => RunAsync(async () =>
    {
        var w = await admin.CloseAsync(Me, Edit ?? Guid.Empty, CloseReason, ct);
        Notify(T["已撤销 {0} 窗口。", w.Number].Value);
        Edit = null;
    }, ct);

    private async Task<IActionResult> RunAsync(Func<Task> command, CancellationToken ct)
    {
        ClearErrors();
        try
        {
            await command();
            return RedirectToPage(new { edit = Edit });
        }
        catch (DomainException e)
        {
            AddDomainError(e, key => key switch
            {
                "hallId" => nameof(HallId), "number" => nameof(Number), "name" => nameof(Name), "zone" => nameof(Zone), "kind" => nameof(Kind),
                "themes" => nameof(SelectedThemes), "departmentId" => nameof(DepartmentId), "aPostId" => nameof(APostId), "bPostId" => nameof(BPostId), "reason" => nameof(CloseReason),
                _ => key,
            });
        }
        await LoadAsync(ct);
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        Windows = await queries.ListAsync(Me, null, ct);
        Halls = await queries.OrganisationsAsync(OrganisationKind.Hall, ct);
        Departments = await queries.OrganisationsAsync(OrganisationKind.Department, ct);
        Themes = await queries.ThemesAsync(ct);
        Staff = await queries.StaffAsync(ct);
        Editing = Edit is { } id ? Windows.FirstOrDefault(w => w.Id == id && !w.Closed) : null;
    }
}
