using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Localization;
using OneSeal.Organisation.Accounts;
using OneSeal.Platform.Security;
using OneSeal.Platform.Time;
using OneSeal.Resources;

namespace OneSeal.Pages.Account;

/// <summary>The second step of signing in: the six-digit code from the authenticator app, or one recovery code.</summary>
[EnableRateLimiting(SignInRateLimit.Policy)]
public sealed class SecondFactorModel(SignIn signIn, IStringLocalizer<Ui> t) : OneSealPageModel(t)
{
    [BindProperty] public string? Code { get; set; }

    public async Task<IActionResult> OnGetAsync()
    {
        ClearErrors();
        return await PendingSignIn.ReadAsync(HttpContext) is null ? LocalRedirect("/account/login") : Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        ClearErrors();
        if (await PendingSignIn.ReadAsync(HttpContext) is not { } pending) return LocalRedirect("/account/login");
        if (string.IsNullOrWhiteSpace(Code))
        {
            AddError("code", T["请输入动态验证码"]);
            return Page();
        }
        try
        {
            if (await signIn.CompleteAsync(pending.AccountId, pending.Stamp, Code, ct) is { } account)
                return LocalRedirect(await PendingSignIn.FinishAsync(HttpContext, account, pending.ReturnUrl, Url));
        }
        catch (AccountLockedException locked)
        {
            AddError("", T["该账号连续登录失败次数过多，已被临时锁定，请于 {0} 后再试。", LegalDates.ToLocal(locked.Until).ToString("HH:mm")]);
            Code = null;
            return Page();
        }
        AddError("code", T["动态验证码不正确或已使用，请输入验证器上当前显示的 6 位数字，或一个未用过的恢复码"]);
        Code = null;
        return Page();
    }
}
