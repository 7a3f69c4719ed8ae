using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Localization;
using OneSeal.Organisation.Applicants;
using OneSeal.Platform.Http;
using OneSeal.Platform.Security;
using OneSeal.Resources;

namespace OneSeal.Pages.Account;

/// <summary>找回密码: a code to the registered phone, then a new password; every open session of the account ends.</summary>
[AllowAnonymous]
[EnableRateLimiting(SignInRateLimit.Policy)]
public sealed class ResetPasswordModel(ApplicantAccounts accounts, IStringLocalizer<Ui> t) : OneSealPageModel(t)
{
    [BindProperty] public string? Phone { get; set; }
    [BindProperty] public string? Code { get; set; }
    [BindProperty] public string? NewPassword { get; set; }
    public string? Sent { get; private set; }

    public void OnGet() => ClearErrors();

    public async Task<IActionResult> OnPostSendAsync(CancellationToken ct)
    {
        ClearErrors();
        try
        {
            await accounts.SendCodeAsync(new SendCodeRequest(Phone, "reset"), ct);
            Sent = T["如该手机号码已注册，验证码已发送，10 分钟内有效。"];
        }
        catch (DomainException e)
        {
            AddDomainError(e);
        }
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        ClearErrors();
        try
        {
            await accounts.ResetPasswordAsync(new ResetPasswordRequest(Phone, Code ?? "", NewPassword ?? ""), ct);
            Notify(T["密码已重置，原有登录已全部退出。请用新密码登录。"]);
            return Redirect("/account/login");
        }
        catch (DomainException e)
        {
            AddDomainError(e);
            NewPassword = null;
            return Page();
        }
    }
}
