using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Localization;
using OneSeal.Organisation.Applicants;
using OneSeal.Organisation.Identifiers;
using OneSeal.Platform.Http;
using OneSeal.Platform.Security;
using OneSeal.Resources;

namespace OneSeal.Pages.Account;

/// <summary>注册: a citizen or an enterprise account; the code sent to the phone is entered on the next step.</summary>
[AllowAnonymous]
[EnableRateLimiting(SignInRateLimit.Policy)]
public sealed class RegisterModel(ApplicantAccounts accounts, IStringLocalizer<Ui> t) : OneSealPageModel(t)
{
    /// <summary>TempData key carrying the phone to the verify step (not the URL: it would reach logs and history).</summary>
    public const string PhoneKey = "verify-phone";

    [BindProperty(SupportsGet = true)] public string Kind { get; set; } = "citizen";
    [BindProperty] public string? Name { get; set; }
    [BindProperty] public string? IdNumber { get; set; }
    [BindProperty] public string? Uscc { get; set; }
    [BindProperty] public string? LegalRepresentative { get; set; }
    [BindProperty] public string? Phone { get; set; }
    [BindProperty] public string? Password { get; set; }
    [BindProperty] public string? Username { get; set; }

    public bool Enterprise => Kind == "enterprise";

    public void OnGet()
    {
        ClearErrors();
        Kind = Kind == "enterprise" ? "enterprise" : "citizen";
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        ClearErrors();
        Kind = Kind == "enterprise" ? "enterprise" : "citizen";
        try
        {
            var done = await accounts.RegisterAsync(new RegisterRequest(Kind, Name, Enterprise ? null : IdNumber, Enterprise ? Uscc : null,
                Phone, Password, Username, Enterprise ? LegalRepresentative : null), ct, legalRepresentativeRequired: true);
            MobilePhone.Problem(Phone, out var phone);
            TempData[PhoneKey] = phone;
            Notify(T["注册信息已提交，验证码已发送至 {0}，10 分钟内有效。", done.PhoneMasked]);
            return RedirectToPage("/Account/VerifyPhone");
        }
        catch (DomainException e)
        {
            AddDomainError(e);
            Password = null;
            return Page();
        }
    }

    /// <summary>Masked, for the hint under the phone field once the form came back with errors.</summary>
    public string? PhoneMasked => string.IsNullOrWhiteSpace(Phone) ? null : Masking.MaskPhone(Phone);
}
