using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Localization;
using OneSeal.Organisation.Accounts;
using OneSeal.Platform.Http;
using OneSeal.Platform.Security;
using OneSeal.Resources;

namespace OneSeal.Pages.Account;

/// <summary>
/// Binding the authenticator: a QR code of the otpauth URI and the secret for typing in, then the first code confirms it
/// and the ten recovery codes are shown this once. Reached after the password where staff must enrol (the pending
/// cookie; the sign-in completes here), or from the account's security page by someone signed in.
/// </summary>
[EnableRateLimiting(SignInRateLimit.Policy)]
public sealed class EnrolModel(SecondFactor secondFactor, SignIn signIn, IStringLocalizer<Ui> t) : OneSealPageModel(t)
{
    [BindProperty] public string? Code { get; set; }

    public Enrolment? Enrolment { get; private set; }
    public string QrCode => Enrolment is null ? "" : OneSeal.Documents.QrCodes.SvgDataUri(Enrolment.OtpAuthUri);
    /// <summary>The secret in groups of four, as authenticator apps ask for it.</summary>
    public string SecretGrouped => Enrolment is null ? "" : string.Join(' ', Enrolment.Secret.Chunk(4).Select(c => new string(c)));
    public IReadOnlyList<string>? RecoveryCodes { get; private set; }
    /// <summary>Where the person goes once the codes are saved.</summary>
    public string Next { get; private set; } = "/account/security";
    public bool SigningIn { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        ClearErrors();
        var (account, _) = await WhoAsync(ct);
        if (account is null) return LocalRedirect("/account/login");
        if (account.HasSecondFactor) return LocalRedirect("/account/security");
        Enrolment = await secondFactor.BeginAsync(account, ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        ClearErrors();
        var (account, pending) = await WhoAsync(ct);
        if (account is null) return LocalRedirect("/account/login");
        if (account.HasSecondFactor) return LocalRedirect("/account/security");
        try
        {
            RecoveryCodes = await secondFactor.ConfirmAsync(account, Code, pending is null ? Me : null, ct);
        }
        catch (DomainException e)
        {
            AddError("code", e is InvalidInputException ? T["动态验证码不正确，请输入验证器上当前显示的 6 位数字"] : OneSealPageModel.ForPage(e.Message));
            Code = null;
            Enrolment = await secondFactor.BeginAsync(account, ct);
            return Page();
        }
        if (pending is not null)
        {
            // The password and the first code were both right: the sign-in completes.
            await signIn.EnrolledAsync(account, ct);
            Next = await PendingSignIn.FinishAsync(HttpContext, account, pending.ReturnUrl, Url);
            SigningIn = true;
        }
        return Page();
    }

    /// <summary>The signed-in account, else the one of a pending sign-in whose stamp still holds.</summary>
    private async Task<(OneSeal.Organisation.Account?, PendingSignIn.Pending?)> WhoAsync(CancellationToken ct)
    {
        if (Actor.From(User) is { } me) return (await secondFactor.EnrollingAccountAsync(me.Id, null, ct), null);
        if (await PendingSignIn.ReadAsync(HttpContext) is not { } pending) return (null, null);
        var account = await secondFactor.EnrollingAccountAsync(pending.AccountId, pending.Stamp, ct);
        return (account, account is null ? null : pending);
    }
}
