using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Localization;
using OneSeal.Organisation.Applicants;
using OneSeal.Platform.Security;
using OneSeal.Resources;

namespace OneSeal.Pages.Account;

/// <summary>The second step of registering: the code from the SMS proves the phone; then the applicant signs in.</summary>
[AllowAnonymous]
[EnableRateLimiting(SignInRateLimit.Policy)]
public sealed class VerifyPhoneModel(ApplicantAccounts accounts, IStringLocalizer<Ui> t) : CodePageModel(accounts, t)
{
    /// <summary>Came from the login page: the password was right but the phone is not proved yet.</summary>
    [BindProperty(SupportsGet = true)] public bool Unverified { get; set; }

    public void OnGet()
    {
        ClearErrors();
        Phone = TempData[RegisterModel.PhoneKey] as string;
    }

    public Task<IActionResult> OnPostAsync(CancellationToken ct) => CompleteAsync(async () =>
    {
        var username = await Accounts.VerifyPhoneAsync(new VerifyPhoneRequest(Phone, Code), ct);
        return T["手机号码已验证，注册完成。请用登录名 {0} 和密码登录。", username];
    }, ct);

    public Task<IActionResult> OnPostResendAsync(CancellationToken ct) =>
        SendCodeAsync("register", T["如该手机号码有待验证的注册，新的验证码已发送，10 分钟内有效。"], ct);
}
