using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using OneSeal.Organisation;
using OneSeal.Organisation.Staff;
using OneSeal.Platform.Http;
using OneSeal.Resources;

namespace OneSeal.Pages.Admin.Users;

/// <summary>The security administrator sets a staff member's roles and each role's data scope; the person's sessions end.</summary>
[Authorize(Roles = OneSeal.Organisation.Roles.SecurityAdmin)]
public sealed class RolesModel(StaffQueries queries, StaffAdmin admin, IStringLocalizer<Ui> t) : OneSealPageModel(t)
{
    [BindProperty] public List<string> Selected { get; set; } = [];
    /// <summary>Role → scope name (<c>organisation</c>, <c>all</c>, …).</summary>
    [BindProperty] public Dictionary<string, string> Scope { get; set; } = [];

    public StaffView? Staff { get; private set; }

    /// <summary>Every staff role in the order the form shows them.</summary>
    public static IReadOnlyList<string> All => OneSeal.Organisation.Roles.Staff;

    public static IEnumerable<DataScope> Scopes => Enum.GetValues<DataScope>();

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFoundPage(T["工作人员账号不存在。"].Value);
        Selected = Staff!.Roles.Select(r => r.Role).ToList();
        Scope = Staff.Roles.ToDictionary(r => r.Role, r => r.Scope);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken ct)
    {
        ClearErrors();
        try
        {
            var grants = All.Where(Selected.Contains).Select(r => new RoleGrant(r, Scope.GetValueOrDefault(r))).ToList<RoleGrant?>();
            await admin.SetRolesAsync(Me, id, new SetRolesRequest(grants), ct);
            Notify(T["角色已调整；该工作人员需要重新登录后按新角色办理。"].Value);
            return RedirectToPage(new { id });
        }
        catch (DomainException e)
        {
            AddDomainError(e, _ => "Selected");
        }
        return await LoadAsync(id, ct) ? Page() : NotFoundPage(T["工作人员账号不存在。"].Value);
    }

    private async Task<bool> LoadAsync(Guid id, CancellationToken ct)
    {
        try
        {
            Staff = await queries.GetAsync(Me, id, ct);
            return true;
        }
        catch (NotFoundException)
        {
            return false;
        }
    }
}
