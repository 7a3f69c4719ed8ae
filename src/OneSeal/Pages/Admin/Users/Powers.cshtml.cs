using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using OneSeal.Hall.Chief;
using OneSeal.Organisation.Staff;
using OneSeal.Platform.Http;
using OneSeal.Resources;

namespace OneSeal.Pages.Admin.Users;

/// <summary>The security administrator grants or revokes a window chief's five powers (issue 11 §4), each change audited.</summary>
[Authorize(Roles = OneSeal.Organisation.Roles.SecurityAdmin)]
public sealed class PowersModel(StaffQueries queries, WindowChiefPowers powers, IStringLocalizer<Ui> t) : OneSealPageModel(t)
{
    [BindProperty] public List<string> Selected { get; set; } = [];

    public StaffView? Staff { get; private set; }
    public IReadOnlyList<PowerView> Powers { get; private set; } = [];
    public bool IsWindowChief => Staff?.Roles.Any(r => r.Role == OneSeal.Organisation.Roles.WindowChief) == true;

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFoundPage(T["工作人员账号不存在。"].Value);
        Selected = Powers.Where(p => p.Granted).Select(p => p.Power).ToList();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken ct)
    {
        ClearErrors();
        try
        {
            await powers.SetAsync(Me, id, new SetPowersRequest(WindowChiefPower.All.Where(Selected.Contains).ToList<string?>()), ct);
            Notify(T["窗口负责人权力已保存，变更已记入审计记录。"].Value);
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
            Powers = await powers.ListAsync(Me, id, ct);
            return true;
        }
        catch (NotFoundException)
        {
            return false;
        }
    }
}
