using Microsoft.AspNetCore.Authentication;
using OneSeal.Platform.Http;
using OneSeal.Platform.Security;

namespace OneSeal.Organisation.ThreeAdministrators;

/// <summary>
/// 三员分立 enforced once for every route, after authorization and before any endpoint or page runs: whatever a
/// capability's own checks say (and whatever endpoints are added later), the audit administrator changes nothing but
/// its own sign-in, and the security administrator never reaches a case. Each endpoint still checks its own roles;
/// this is the floor under them.
/// </summary>
public static class ThreeAdministratorsGuard
{
    /// <summary>What an audit administrator may still post: the audit verification, its own session and password, the language.</summary>
    private static readonly string[] AuditorWrites = ["/api/v1/audit", "/admin/audit", "/api/v1/auth", "/account", "/culture"];

    /// <summary>Checks anyone may make (a certificate's or a notice's authenticity): they read, whatever the method.</summary>
    private static readonly string[] PublicChecks = ["/api/v1/certificates/verify", "/api/v1/notices/verify", "/verify"];

    /// <summary>Where cases, their documents and their results live: closed to the security administrator.</summary>
    private static readonly string[] CaseRoutes =
        ["/api/v1/cases", "/api/v1/certificates", "/api/v1/notices", "/cases", "/hall", "/office", "/my", "/apply", "/certificates", "/notices"];

    public static IApplicationBuilder UseThreeAdministratorsGuard(this IApplicationBuilder app) =>
        app.Use(async (http, next) =>
        {
            // Endpoints open to everyone (a kiosk's ticket, a booking, a rating device) do not authenticate a bearer token
            // themselves; a token sent to them still names an administrator the separation applies to.
            var user = http.User;
            if (user.Identity?.IsAuthenticated != true && http.Request.Headers.Authorization.Count > 0
                && await http.AuthenticateAsync(AuthSetup.Bearer) is { Succeeded: true, Principal: { } bearer })
                user = bearer;
            if (Refusal(http, user) is { } refusal) throw refusal;
            await next(http);
        });

    /// <summary>The refusal for this request by <paramref name="user"/>, or null when the separation allows it.</summary>
    public static ForbiddenException? Refusal(HttpContext http, System.Security.Claims.ClaimsPrincipal user)
    {
        var actor = Actor.From(user);
        if (actor is null) return null;
        var path = http.Request.Path;
        if (PublicChecks.Any(p => path.StartsWithSegments(p))) return null;
        // An account that came to hold two administrators' roles (or one and a business role) acts on nothing until
        // the security administrator sorts it out; it can still sign out.
        if (Roles.SeparationProblem(actor.Roles) is { } problem && !path.StartsWithSegments("/account") && !path.StartsWithSegments("/api/v1/auth"))
            return new ForbiddenException("separation-of-duties", problem);
        if (actor.Has(Roles.AuditAdmin) && !IsRead(http.Request.Method) && !AuditorWrites.Any(p => path.StartsWithSegments(p)))
            return new ForbiddenException("three-administrators", "安全审计员只能查询和核验审计记录，不能修改其他数据。");
        if (actor.Has(Roles.SecurityAdmin) && CaseRoutes.Any(p => path.StartsWithSegments(p)))
            return new ForbiddenException("three-administrators", "安全管理员不能查看或办理办件。");
        return null;
    }

    private static bool IsRead(string method) => HttpMethods.IsGet(method) || HttpMethods.IsHead(method) || HttpMethods.IsOptions(method);
}
