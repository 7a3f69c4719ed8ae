using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace OneSeal.Platform.Security;

/// <summary>
/// Two ways in: a cookie for the server-rendered pages (with antiforgery on every form) and an opaque
/// bearer token (<c>POST /api/v1/auth/token</c>) for the API. API routes accept only the bearer token,
/// so a browser's cookie can never drive the API across sites. Both are checked against the account's security
/// stamp on every request (<see cref="ISessionCheck"/>, answered by the owner of accounts).
/// </summary>
public static class AuthSetup
{
    public const string Cookie = CookieAuthenticationDefaults.AuthenticationScheme;
    public const string Bearer = BearerTokenDefaults.AuthenticationScheme;
    public const string ApiPolicy = "api";

    /// <summary>An access token lives an hour; a client keeps going with its refresh token (<c>POST /api/v1/auth/refresh</c>).</summary>
    public static readonly TimeSpan AccessTokenLifetime = TimeSpan.FromHours(1);

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
                o.Events.OnValidatePrincipal = async context =>
                {
                    if (await SessionOf(context.HttpContext).IsCurrentAsync(context.Principal, context.HttpContext.RequestAborted)) return;
                    context.RejectPrincipal();
                    await context.HttpContext.SignOutAsync(Cookie);
                };
            })
            .AddBearerToken(Bearer, o =>
            {
                o.BearerTokenExpiration = AccessTokenLifetime;
                o.Events.OnMessageReceived = async context =>
                {
                    // The handler would accept any unexpired token it can decrypt; a token whose session ended is refused here.
                    var token = BearerTokenOf(context.Request);
                    if (token is null || context.Options.BearerTokenProtector.Unprotect(token) is not { } ticket) return;
                    if (!await SessionOf(context.HttpContext).IsCurrentAsync(ticket.Principal, context.HttpContext.RequestAborted))
                        context.Fail("The session of this token has ended.");
                };
            });

        services.AddAuthorizationBuilder()
            .AddPolicy(ApiPolicy, p => p.AddAuthenticationSchemes(Bearer).RequireAuthenticatedUser());
        return services;
    }

    private static ISessionCheck SessionOf(HttpContext http) => http.RequestServices.GetRequiredService<ISessionCheck>();

    private static string? BearerTokenOf(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        return header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? header["Bearer ".Length..].Trim() : null;
    }
}
