using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using OneSeal.Organisation.Accounts;
using OneSeal.Platform.Security;

namespace OneSeal.Pages.Account;

/// <summary>
/// Signing out is a POST (with the antiforgery token); a GET only shows the button. It ends every session of the
/// account (a new security stamp), so a copy of the cookie taken before stops working too.
/// </summary>
public sealed class LogoutModel(SignIn signIn) : PageModel
{
    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (Actor.From(User) is { } actor)
            await signIn.SignOutEverywhereAsync(actor, ct);
        await HttpContext.SignOutAsync(AuthSetup.Cookie);
        return LocalRedirect("/");
    }
}
