using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using OneSeal.Organisation.Accounts;
using OneSeal.Platform.Http;
using OneSeal.Platform.Security;
using OneSeal.Resources;

namespace OneSeal.Pages.Account;

/// <summary>修改密码: the current password and the new one twice; other sessions end, this one is signed in again.</summary>
[Authorize]
public sealed class PasswordModel(AccountSecurity security, SessionPrincipals sessions, IStringLocalizer<Ui> t) : OneSealPageModel(t)
{
    [BindProperty] public string? CurrentPassword { get; set; }
    [BindProperty] public string? NewPassword { get; set; }
    [BindProperty] public string? ConfirmPassword { get; set; }

    public bool Staff => Me.Kind == AccountKind.Staff;

    public void OnGet() => ClearErrors();

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        ClearErrors();
        try
        {
            var account = await security.ChangePasswordAsync(Me, CurrentPassword, NewPassword, ConfirmPassword, ct);
            // The new stamp ended every session; this one goes on under it.
            await HttpContext.SignInAsync(AuthSetup.Cookie, await sessions.PrincipalAsync(account, AuthSetup.Cookie, ct));
        }
        catch (DomainException e)
        {
            AddDomainError(e, Field);
            (CurrentPassword, NewPassword, ConfirmPassword) = (null, null, null);
            return Page();
        }
        Notify(T["密码已修改，其他设备上的登录已结束。"]);
        return LocalRedirect("/account/security");
    }

    private static string Field(string key) => key switch
    {
        "currentPassword" => "current-password",
        "newPassword" => "new-password",
        "confirmPassword" => "confirm-password",
        _ => key,
    };
}
