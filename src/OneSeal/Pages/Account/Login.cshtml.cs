using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Localization;
using OneSeal.Organisation;
using OneSeal.Organisation.Accounts;
using OneSeal.Platform.Security;
using OneSeal.Platform.Time;
using OneSeal.Resources;

namespace OneSeal.Pages.Account;

/// <summary>Sign in with username and password (then a second factor where the account has or needs one); the cookie carries the actor.</summary>
[EnableRateLimiting(SignInRateLimit.Policy)]
public sealed class LoginModel(SignIn signIn, IConfiguration config, IStringLocalizer<Ui> t) : OneSealPageModel(t)
{
    [BindProperty] public string? Username { get; set; }
    [BindProperty] public string? Password { get; set; }
    [BindProperty(SupportsGet = true)] public string? ReturnUrl { get; set; }

    public bool Demo => OneSealApp.IsDemo(config);
    public Actor? Current { get; private set; }

    public void OnGet()
    {
        ClearErrors();
        Current = Actor.From(User);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        ClearErrors();
        if (string.IsNullOrWhiteSpace(Username)) AddError("username", T["请输入用户名"]);
        if (string.IsNullOrEmpty(Password)) AddError("password", T["请输入密码"]);
        if (HasErrors) return Page();

        PasswordChecked? result;
        try
        {
            result = await signIn.CheckAsync(Username, Password, ct);
        }
        catch (PhoneNotVerifiedException)
        {
            // issue 10 — applicants: a registration whose phone is not proved yet goes to the code step.
            return RedirectToPage("/Account/VerifyPhone", new { unverified = true });
        }
        catch (AccountLockedException locked)
        {
            AddError("", T["该账号连续登录失败次数过多，已被临时锁定，请于 {0} 后再试。", LegalDates.ToLocal(locked.Until).ToString("HH:mm")]);
            Password = null;
            return Page();
        }
        if (result is null)
        {
            AddError("", T["用户名或密码不正确"]);
            Password = null;
            return Page();
        }
        // A second factor owed: the code page, or enrolment where staff must have one and have none yet.
        var returnUrl = Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : null;
        if (result.Step != SignInStep.Done) return LocalRedirect(await PendingSignIn.StartAsync(HttpContext, result, returnUrl));
        return LocalRedirect(await PendingSignIn.FinishAsync(HttpContext, result.Account, returnUrl, Url));
    }
}
