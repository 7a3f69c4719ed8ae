using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using OneSeal.Organisation.Accounts;
using OneSeal.Platform.Database;
using OneSeal.Platform.Security;
using OneSeal.Platform.Time;

namespace OneSeal.Pages.Account;

/// <summary>
/// Signing out is a POST (with the antiforgery token); a GET only shows the button. It ends every session of the
/// account (a new security stamp), so a copy of the cookie taken before stops working too.
/// </summary>
public sealed class LogoutModel(OneSealDb db, TimeProvider clock) : PageModel
{
    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (Actor.From(User) is { } actor)
            await AccountSessions.EndAllAsync(db, actor.Id, actor, "auth.sign-out", clock.Now(), ct);
        await HttpContext.SignOutAsync(AuthSetup.Cookie);
        return LocalRedirect("/");
    }
}
