using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace OneSeal.Pages;

/// <summary>Switches the interface language (Simplified Chinese first, English available) with the culture cookie.</summary>
public sealed class CultureModel : PageModel
{
    private static readonly string[] Supported = ["zh-CN", "en"];

    public void OnGet() { }

    public IActionResult OnPost(string? culture, string? returnUrl)
    {
        if (culture is not null && Supported.Contains(culture))
            Response.Cookies.Append(CookieRequestCultureProvider.DefaultCookieName,
                CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(culture)),
                new CookieOptions { Expires = DateTimeOffset.UtcNow.AddYears(1), IsEssential = true, SameSite = SameSiteMode.Lax, HttpOnly = true, Secure = Request.IsHttps });
        return LocalRedirect(Url.IsLocalUrl(returnUrl) ? returnUrl! : "/");
    }
}
