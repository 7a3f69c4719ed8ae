using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using OneSeal.Organisation.Accounts;
using OneSeal.Platform.Http;
using OneSeal.Platform.Security;
using OneSeal.Resources;

namespace OneSeal.Pages.Account;

/// <summary>账号安全: the second factor (bind, or switch off where optional), the password link, and 退出所有设备.</summary>
[Authorize]
public sealed class SecurityModel(AccountSecurity security, IStringLocalizer<Ui> t)
    : OneSealPageModel(t)
{
    [BindProperty] public string? CurrentPassword { get; set; }

    public SecondFactorState State { get; private set; } = new(false, null, 0, false);
    public bool Enrolled => State.Enrolled;
    public DateTimeOffset? Since => State.Since;
    public int RecoveryCodesLeft => State.RecoveryCodesLeft;
    public bool Required => State.Required;

    public async Task OnGetAsync(CancellationToken ct)
    {
        ClearErrors();
        await LoadAsync(ct);
    }

    public async Task<IActionResult> OnPostDisableAsync(CancellationToken ct)
    {
        ClearErrors();
        try
        {
            await security.DisableSecondFactorAsync(Me, CurrentPassword, ct);
        }
        catch (DomainException e)
        {
            AddDomainError(e, k => k == "currentPassword" ? "current-password" : k);
            await LoadAsync(ct);
            return Page();
        }
        // Switching it off ended every session, this one too.
        await HttpContext.SignOutAsync(AuthSetup.Cookie);
        Notify(T["动态验证码已停用，所有设备上的登录已结束，请重新登录。"]);
        return LocalRedirect("/account/login");
    }

    public async Task<IActionResult> OnPostSignOutEverywhereAsync(CancellationToken ct)
    {
        await security.SignOutEverywhereAsync(Me, ct);
        await HttpContext.SignOutAsync(AuthSetup.Cookie);
        Notify(T["已退出所有设备上的登录。"]);
        return LocalRedirect("/account/login");
    }

    private async Task LoadAsync(CancellationToken ct) => State = await security.SecondFactorStateAsync(Me, ct);
}
