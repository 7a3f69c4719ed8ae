using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Localization;
using OneSeal.Organisation.Applicants;
using OneSeal.Platform.Http;
using OneSeal.Platform.Security;
using OneSeal.Resources;

namespace OneSeal.Pages.Account;

/// <summary>The second step of registering: the code from the SMS proves the phone; then the applicant signs in.</summary>
[AllowAnonymous]
[EnableRateLimiting(SignInRateLimit.Policy)]
public sealed class VerifyPhoneModel(ApplicantAccounts accounts, IStringLocalizer<Ui> t) : OneSealPageModel(t)
{
    [BindProperty] public string? Phone { get; set; }
    [BindProperty] public string? Code { get; set; }
    /// <summary>Came from the login page: the password was right but the phone is not proved yet.</summary>
    [BindProperty(SupportsGet = true)] public bool Unverified { get; set; }
    public string? Sent { get; private set; }

    public void OnGet()
    {
        ClearErrors();
        Phone = TempData[RegisterModel.PhoneKey] as string;
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        ClearErrors();
        try
        {
            var username = await accounts.VerifyPhoneAsync(new VerifyPhoneRequest(Phone, Code), ct);
            Notify(T["手机号码已验证，注册完成。请用登录名 {0} 和密码登录。", username]);
            return Redirect("/account/login");
        }
        catch (DomainException e)
        {
            AddDomainError(e);
            return Page();
        }
    }

    public async Task<IActionResult> OnPostResendAsync(CancellationToken ct)
    {
        ClearErrors();
        try
        {
            await accounts.SendCodeAsync(new SendCodeRequest(Phone, "register"), ct);
            Sent = T["如该手机号码有待验证的注册，新的验证码已发送，10 分钟内有效。"];
        }
        catch (DomainException e)
        {
            AddDomainError(e);
        }
        return Page();
    }
}
