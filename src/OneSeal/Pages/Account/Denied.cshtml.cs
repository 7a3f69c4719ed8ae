using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace OneSeal.Pages.Account;

/// <summary>The signed-in account lacks the role a page needs (cookie scheme's access-denied path).</summary>
public sealed class DeniedModel : PageModel
{
    [BindProperty(SupportsGet = true)] public string? ReturnUrl { get; set; }

    public string LoginUrl => "/account/login" + (Url.IsLocalUrl(ReturnUrl) ? "?returnUrl=" + Uri.EscapeDataString(ReturnUrl!) : "");

    public void OnGet() => Response.StatusCode = StatusCodes.Status403Forbidden;
}
