using System.Security.Claims;
using OneSeal.Platform.Security;

namespace OneSeal.Organisation.Accounts;

/// <summary>The claims an account signs in with; <see cref="Actor.From"/> reads them back on every request.</summary>
public static class AccountPrincipal
{
    public static ClaimsPrincipal Of(Account account, string scheme, Guid? workUnitId = null, string? regionCode = null, Guid? sectionId = null)
    {
        var claims = new List<Claim>
        {
            new(ClaimTypes.NameIdentifier, account.Id.ToString()),
            new(ClaimTypes.Name, account.Username),
            new(Actor.DisplayNameClaim, account.DisplayName),
            new(Actor.KindClaim, account.Kind.ToString()),
            new(Actor.StampClaim, account.SecurityStamp),
        };
        if (account.OrganisationId is { } org) claims.Add(new(Actor.OrganisationClaim, org.ToString()));
        if (workUnitId is { } unit) claims.Add(new(Actor.UnitClaim, unit.ToString()));
        if (!string.IsNullOrEmpty(regionCode)) claims.Add(new(Actor.RegionClaim, regionCode));
        if (sectionId is { } section) claims.Add(new(Actor.SectionClaim, section.ToString()));
        if (account.MustChangePassword) claims.Add(new(Actor.MustChangePasswordClaim, "1"));
        claims.AddRange(account.Roles.Select(r => new Claim(ClaimTypes.Role, r.Role)));
        claims.AddRange(account.Roles.Select(r => new Claim(Actor.ScopeClaim, $"{r.Role}={r.Scope}")));
        return new ClaimsPrincipal(new ClaimsIdentity(claims, scheme));
    }
}
