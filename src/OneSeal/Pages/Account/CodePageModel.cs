using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using OneSeal.Organisation.Applicants;
using OneSeal.Platform.Http;
using OneSeal.Resources;

namespace OneSeal.Pages.Account;

/// <summary>The pages that take an SMS code (verify the phone, reset the password): the phone, the code, and "send a code".</summary>
public abstract class CodePageModel(ApplicantAccounts accounts, IStringLocalizer<Ui> t) : OneSealPageModel(t)
{
    [BindProperty] public string? Phone { get; set; }
    [BindProperty] public string? Code { get; set; }
    /// <summary>Shown after "send a code": says a code went out if the phone has an account for it (and no more).</summary>
    public string? Sent { get; private set; }

    protected ApplicantAccounts Accounts => accounts;

    protected async Task<IActionResult> SendCodeAsync(string purpose, string sentMessage, CancellationToken ct)
    {
        ClearErrors();
        try
        {
            await accounts.SendCodeAsync(new SendCodeRequest(Phone, purpose), ct);
            Sent = sentMessage;
        }
        catch (DomainException e)
        {
            AddDomainError(e);
        }
        return Page();
    }

    /// <summary>Runs the step; on success a flash notice and the login page, else the messages at their fields.</summary>
    protected async Task<IActionResult> CompleteAsync(Func<Task<string>> step, CancellationToken ct)
    {
        ClearErrors();
        try
        {
            Notify(await step());
            return Redirect("/account/login");
        }
        catch (DomainException e)
        {
            AddDomainError(e);
            return Page();
        }
    }
}
