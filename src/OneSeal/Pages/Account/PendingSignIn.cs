using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using OneSeal.Organisation;
using OneSeal.Organisation.Accounts;
using OneSeal.Platform.Security;

namespace OneSeal.Pages.Account;

/// <summary>
/// Between a right password and the second factor the browser holds only the pending cookie
/// (<see cref="AuthSetup.PendingSecondFactor"/>: the account id and security stamp, ten minutes), which no page accepts as
/// a sign-in. The code and enrolment pages read it and, once the factor is given, swap it for the real sign-in cookie.
/// </summary>
public static class PendingSignIn
{
    public sealed record Pending(Guid AccountId, string Stamp, string? ReturnUrl);

    private const string ReturnClaim = "oneseal:return";
    private const string CookieName = "oneseal.pending";

    public static async Task<string> StartAsync(HttpContext http, PasswordChecked result, string? returnUrl)
    {
        var claims = new List<Claim>
        {
            new(ClaimTypes.NameIdentifier, result.Account.Id.ToString()),
            new(Actor.StampClaim, result.Account.SecurityStamp),
        };
        if (!string.IsNullOrEmpty(returnUrl)) claims.Add(new(ReturnClaim, returnUrl));
        await http.SignInAsync(AuthSetup.PendingSecondFactor, new ClaimsPrincipal(new ClaimsIdentity(claims, AuthSetup.PendingSecondFactor)));
        return result.Step == SignInStep.NeedsEnrolment ? "/account/enrol" : "/account/second-factor";
    }

    public static async Task<Pending?> ReadAsync(HttpContext http)
    {
        var result = await http.AuthenticateAsync(AuthSetup.PendingSecondFactor);
        var user = result.Succeeded ? result.Principal : null;
        if (user is null || !Guid.TryParse(user.FindFirstValue(ClaimTypes.NameIdentifier), out var id)) return null;
        return user.FindFirstValue(Actor.StampClaim) is { } stamp ? new Pending(id, stamp, user.FindFirstValue(ReturnClaim)) : null;
    }

    /// <summary>Signs <paramref name="account"/> in for the pages; returns where to go next.</summary>
    public static async Task<string> FinishAsync(HttpContext http, OneSeal.Organisation.Account account, string? returnUrl, Microsoft.AspNetCore.Mvc.IUrlHelper url)
    {
        if (http.Request.Cookies.ContainsKey(CookieName)) await http.SignOutAsync(AuthSetup.PendingSecondFactor);
        var principal = await http.RequestServices.GetRequiredService<SessionPrincipals>().PrincipalAsync(account, AuthSetup.Cookie, http.RequestAborted);
        await http.SignInAsync(AuthSetup.Cookie, principal);
        return url.IsLocalUrl(returnUrl) ? returnUrl! : HomeOf(Actor.From(principal)!);
    }

    /// <summary>
    /// Where each user starts: applicants at their cases, clerks at the hall, reviewers and chiefs at the office, each of
    /// the three administrators at their own workbench.
    /// </summary>
    private static string HomeOf(Actor a) =>
        a.Has(Roles.Applicant) ? "/my/cases"
        : a.Has(Roles.Clerk) ? "/hall"
        : a.Has(Roles.Reviewer) || a.Has(Roles.Chief) ? "/office"
        : a.Has(Roles.SecurityAdmin) ? "/admin/security"
        : a.Has(Roles.AuditAdmin) ? "/admin/audit"
        : a.Has(Roles.Admin) ? "/admin/users"
        // issue 13 — the supervising department's workbench
        : a.Has(Roles.DepartmentStaff) ? "/dept"
        : "/";
}
