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

    /// <summary>Staff pages time out after 30 minutes without a request (sliding); applicants keep 8 hours.</summary>
    public static readonly TimeSpan StaffIdleTimeout = TimeSpan.FromMinutes(30);
    public static readonly TimeSpan ApplicantIdleTimeout = TimeSpan.FromHours(8);

    /// <summary>
    /// A right password whose second factor is still owed: a short-lived cookie of its own that no page accepts as a
    /// sign-in; only the code and enrolment pages read it.
    /// </summary>
    public const string PendingSecondFactor = "OneSeal.PendingSecondFactor";
    public static readonly TimeSpan PendingLifetime = TimeSpan.FromMinutes(10);

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
                o.ExpireTimeSpan = ApplicantIdleTimeout;
                // The sliding renewal keeps the span between issue and expiry, so a staff cookie stays a 30-minute one.
                o.Events.OnSigningIn = context =>
                {
                    if (context.Principal?.FindFirst(Actor.KindClaim)?.Value == nameof(AccountKind.Staff) && context.Properties.IssuedUtc is { } issued)
                        context.Properties.ExpiresUtc = issued + StaffIdleTimeout;
                    return Task.CompletedTask;
                };
                o.Events.OnValidatePrincipal = async context =>
                {
                    if (await SessionOf(context.HttpContext).IsCurrentAsync(context.Principal, context.HttpContext.RequestAborted)) return;
                    context.RejectPrincipal();
                    await context.HttpContext.SignOutAsync(Cookie);
                };
            })
            .AddCookie(PendingSecondFactor, o =>
            {
                o.Cookie.Name = "oneseal.pending";
                o.Cookie.HttpOnly = true;
                o.Cookie.SameSite = SameSiteMode.Strict;
                o.ExpireTimeSpan = PendingLifetime;
                o.SlidingExpiration = false;
                o.LoginPath = "/account/login";
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
