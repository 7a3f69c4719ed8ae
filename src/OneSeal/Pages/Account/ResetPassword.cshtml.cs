using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Localization;
using OneSeal.Organisation.Applicants;
using OneSeal.Platform.Security;
using OneSeal.Resources;

namespace OneSeal.Pages.Account;

/// <summary>找回密码: a code to the registered phone, then a new password; every open session of the account ends.</summary>
[AllowAnonymous]
[EnableRateLimiting(SignInRateLimit.Policy)]
public sealed class ResetPasswordModel(ApplicantAccounts accounts, IStringLocalizer<Ui> t) : CodePageModel(accounts, t)
{
    [BindProperty] public string? NewPassword { get; set; }

    public void OnGet() => ClearErrors();

    public Task<IActionResult> OnPostSendAsync(CancellationToken ct) =>
        SendCodeAsync("reset", T["如该手机号码已注册，验证码已发送，10 分钟内有效。"], ct);

    public Task<IActionResult> OnPostAsync(CancellationToken ct) => CompleteAsync(async () =>
    {
        var password = NewPassword ?? "";
        NewPassword = null;
        await Accounts.ResetPasswordAsync(new ResetPasswordRequest(Phone, Code ?? "", password), ct);
        return T["密码已重置，原有登录已全部退出。请用新密码登录。"];
    }, ct);
}
