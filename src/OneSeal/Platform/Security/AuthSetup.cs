using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace OneSeal.Platform.Security;

/// <summary>
/// Two ways in: a cookie for the server-rendered pages (with antiforgery on every form) and an opaque
/// bearer token (<c>POST /api/v1/auth/token</c>) for the API. API routes accept only the bearer token,
/// so a browser's cookie can never drive the API across sites.
/// </summary>
public static class AuthSetup
{
    public const string Cookie = CookieAuthenticationDefaults.AuthenticationScheme;
    public const string Bearer = BearerTokenDefaults.AuthenticationScheme;
    public const string ApiPolicy = "api";

    public static IServiceCollection AddOneSealAuth(this IServiceCollection services)
    {
        services.AddAuthentication(Cookie)
            .AddCookie(Cookie, o =>
            {
                o.LoginPath = "/account/login";
                o.LogoutPath = "/account/logout";
                o.AccessDeniedPath = "/account/denied";
                o.Cookie.Name = "oneseal.auth";
                o.Cookie.HttpOnly = true;
                o.Cookie.SameSite = SameSiteMode.Lax;
                o.SlidingExpiration = true;
                o.ExpireTimeSpan = TimeSpan.FromHours(8);
            })
            .AddBearerToken(Bearer, o => o.BearerTokenExpiration = TimeSpan.FromHours(8));

        services.AddAuthorizationBuilder()
            .AddPolicy(ApiPolicy, p => p.AddAuthenticationSchemes(Bearer).RequireAuthenticatedUser());
        return services;
    }
}
