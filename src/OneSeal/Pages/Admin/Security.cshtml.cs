using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using OneSeal.Organisation;
using OneSeal.Organisation.Accounts;
using OneSeal.Platform.Http;
using OneSeal.Resources;

namespace OneSeal.Pages.Admin;

/// <summary>
/// 安全管理 (the security administrator's workbench): locked accounts with an unlock button; an account looked up by
/// username with unlock, reset of the second factor and 强制下线; the password and sign-in policy in force.
/// </summary>
[Authorize(Roles = Roles.SecurityAdmin)]
public sealed class SecurityModel(SecurityAdmin admin, SecondFactorPolicy policy, TimeProvider clock, IStringLocalizer<Ui> t) : OneSealPageModel(t)
{
    [BindProperty(SupportsGet = true)] public string? Username { get; set; }

    public IReadOnlyList<AccountSecurityState> Locked { get; private set; } = [];
    public AccountSecurityState? Found { get; private set; }
    public bool FoundLocked => Found?.LockedUntil > clock.GetUtcNow();
    public bool Searched => !string.IsNullOrWhiteSpace(Username);
    public SecurityAdminApi.PasswordPolicyView Policy => SecurityAdminApi.Policy(policy);

    public async Task OnGetAsync(CancellationToken ct)
    {
        Locked = await admin.LockedAsync(Me, ct);
        if (Searched) Found = await admin.FindAsync(Me, Username, ct);
    }

    public Task<IActionResult> OnPostUnlockAsync(Guid id, CancellationToken ct) =>
        ActAsync(id, admin.UnlockAsync, "已解锁 {0}。", ct);

    public Task<IActionResult> OnPostResetAsync(Guid id, CancellationToken ct) =>
        ActAsync(id, admin.ResetSecondFactorAsync, "已重置 {0} 的动态验证码，该账号已下线，下次登录时重新绑定。", ct);

    public Task<IActionResult> OnPostSignOutAsync(Guid id, CancellationToken ct) =>
        ActAsync(id, admin.SignOutAsync, "已结束 {0} 在所有设备上的登录。", ct);

    private async Task<IActionResult> ActAsync(Guid id, Func<OneSeal.Platform.Security.Actor, Guid, CancellationToken, Task> act, string done, CancellationToken ct)
    {
        try
        {
            var account = await admin.GetAsync(Me, id, ct);
            await act(Me, id, ct);
            Notify(T[done, account.Username]);
            return RedirectToPage(new { username = account.Username });
        }
        catch (NotFoundException e)
        {
            return NotFoundPage(e.Message);
        }
    }
}
