using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using OneSeal.Organisation;
using OneSeal.Organisation.Admin;
using OneSeal.Platform.Http;
using OneSeal.Resources;

namespace OneSeal.Pages.Admin;

/// <summary>组织机构: the organisation tree and the region tree; create, edit (rename), move and close organisations, add regions.</summary>
[Authorize(Roles = Roles.Admin)]
public sealed class OrganisationsModel(OrganisationAdmin admin, OrganisationQueries queries, IStringLocalizer<Ui> t) : OneSealPageModel(t)
{
    public IReadOnlyList<OrganisationNode> Tree { get; private set; } = [];
    public IReadOnlyList<RegionNode> Regions { get; private set; } = [];
    /// <summary>The organisation being edited (<c>?edit=</c>), or null on the create form.</summary>
    public OrganisationNode? Editing { get; private set; }

    [BindProperty(SupportsGet = true)] public Guid? Edit { get; set; }
    [BindProperty] public string? Kind { get; set; }
    [BindProperty] public Guid? ParentId { get; set; }
    [BindProperty] public string? Code { get; set; }
    [BindProperty] public string? Name { get; set; }
    [BindProperty] public string? ShortName { get; set; }
    [BindProperty] public string? Uscc { get; set; }
    [BindProperty] public string? Address { get; set; }
    [BindProperty] public string? Phone { get; set; }
    [BindProperty] public string? RegionCode { get; set; }
    [BindProperty] public string? Reason { get; set; }
    [BindProperty] public string? NewRegionCode { get; set; }
    [BindProperty] public string? NewRegionName { get; set; }

    public static readonly IReadOnlyList<OrganisationKind> Kinds = Enum.GetValues<OrganisationKind>();

    public async Task OnGetAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        if (Editing is { } e)
        {
            (Name, ShortName, Uscc, Address, Phone, RegionCode, ParentId) = (e.Name, e.ShortName, e.Uscc, e.Address, e.Phone, e.RegionCode, e.ParentId);
        }
    }

    public Task<IActionResult> OnPostCreateAsync(CancellationToken ct) => RunAsync(async () =>
    {
        var a = await admin.CreateAsync(Me, new OrganisationInput(Code, Name, ShortName, Kind, ParentId, Uscc, Address, Phone, RegionCode), ct);
        Notify(T["已新增机构“{0}”。", a.Name].Value);
        Edit = null;
    }, ct);

    public Task<IActionResult> OnPostEditAsync(CancellationToken ct) => RunAsync(async () =>
    {
        var a = await admin.EditAsync(Me, Edit ?? Guid.Empty, new OrganisationEdit(Name, ShortName, Uscc, Address, Phone, RegionCode), ct);
        Notify(T["已保存“{0}”的信息。", a.Name].Value);
    }, ct);

    public Task<IActionResult> OnPostMoveAsync(CancellationToken ct) => RunAsync(async () =>
    {
        var a = await admin.MoveAsync(Me, Edit ?? Guid.Empty, ParentId, ct);
        Notify(T["已调整“{0}”的隶属关系。", a.Name].Value);
    }, ct);

    public Task<IActionResult> OnPostCloseAsync(CancellationToken ct) => RunAsync(async () =>
    {
        var a = await admin.CloseAsync(Me, Edit ?? Guid.Empty, Reason, ct);
        Notify(T["已撤销“{0}”。", a.Name].Value);
        Edit = null;
    }, ct);

    public Task<IActionResult> OnPostRegionAsync(CancellationToken ct) => RunAsync(async () =>
    {
        var r = await admin.CreateRegionAsync(Me, new RegionInput(NewRegionCode, NewRegionName), ct);
        Notify(T["已新增行政区划“{0}”。", r.Name].Value);
    }, ct, region: true);

    /// <summary>Runs a command; on success back to the page (GET), else the form again with the messages beside the fields.</summary>
    private async Task<IActionResult> RunAsync(Func<Task> command, CancellationToken ct, bool region = false)
    {
        ClearErrors();
        try
        {
            await command();
            return RedirectToPage(new { edit = Edit });
        }
        catch (DomainException e)
        {
            AddDomainError(e, key => region
                ? key switch { "code" => nameof(NewRegionCode), "name" => nameof(NewRegionName), _ => key }
                : key switch
                {
                    "code" => nameof(Code), "name" => nameof(Name), "shortName" => nameof(ShortName), "kind" => nameof(Kind),
                    "parentId" => nameof(ParentId), "uscc" => nameof(Uscc), "address" => nameof(Address), "phone" => nameof(Phone),
                    "regionCode" => nameof(RegionCode), "reason" => nameof(Reason), _ => key,
                });
        }
        await LoadAsync(ct);
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        Tree = await queries.TreeAsync(Me, ct);
        Regions = await queries.RegionsAsync(Me, ct);
        Editing = Edit is { } id ? Tree.FirstOrDefault(n => n.Id == id) : null;
    }

    /// <summary>Organisations that may be chosen as a parent: open ones, never the one being edited nor any below it.</summary>
    public IEnumerable<OrganisationNode> ParentChoices()
    {
        var excluded = new HashSet<Guid>();
        if (Editing is { } e)
        {
            excluded.Add(e.Id);
            foreach (var n in Tree) if (n.ParentId is { } p && excluded.Contains(p)) excluded.Add(n.Id);
        }
        return Tree.Where(n => !n.Closed && !excluded.Contains(n.Id));
    }

    public static string Indent(int depth) => new('\u3000', depth * 2);
}
