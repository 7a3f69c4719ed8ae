using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using OneSeal.Platform.Security;

namespace OneSeal.Pages.Account;

/// <summary>Signing out is a POST (with the antiforgery token); a GET only shows the button.</summary>
public sealed class LogoutModel : PageModel
{
    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync()
    {
        await HttpContext.SignOutAsync(AuthSetup.Cookie);
        return LocalRedirect("/");
    }
}
