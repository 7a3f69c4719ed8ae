using System.Security.Claims;
using OneSeal.Organisation;

namespace OneSeal.Platform.Security;

/// <summary>Who is acting: taken from the signed-in principal and passed explicitly to every command.</summary>
public sealed record Actor(Guid Id, string Username, string DisplayName, AccountKind Kind, Guid? OrganisationId, IReadOnlySet<string> Roles)
{
    public const string OrganisationClaim = "oneseal:org";
    public const string KindClaim = "oneseal:kind";
    public const string DisplayNameClaim = "oneseal:display";

    public bool Has(string role) => Roles.Contains(role);

    public static Actor? From(ClaimsPrincipal? user)
    {
        var id = user?.FindFirstValue(ClaimTypes.NameIdentifier);
        if (user is null || !Guid.TryParse(id, out var accountId)) return null;
        var org = user.FindFirstValue(OrganisationClaim);
        return new Actor(
            accountId,
            user.FindFirstValue(ClaimTypes.Name) ?? "",
            user.FindFirstValue(DisplayNameClaim) ?? "",
            Enum.TryParse<AccountKind>(user.FindFirstValue(KindClaim), out var kind) ? kind : AccountKind.Staff,
            Guid.TryParse(org, out var orgId) ? orgId : null,
            user.FindAll(ClaimTypes.Role).Select(c => c.Value).ToHashSet());
    }

    public static ClaimsPrincipal ToPrincipal(Account account, string scheme)
    {
        var claims = new List<Claim>
        {
            new(ClaimTypes.NameIdentifier, account.Id.ToString()),
            new(ClaimTypes.Name, account.Username),
            new(DisplayNameClaim, account.DisplayName),
            new(KindClaim, account.Kind.ToString()),
            new(SessionCheck.StampClaim, account.SecurityStamp),
        };
        if (account.OrganisationId is { } org) claims.Add(new(OrganisationClaim, org.ToString()));
        claims.AddRange(account.Roles.Select(r => new Claim(ClaimTypes.Role, r.Role)));
        return new ClaimsPrincipal(new ClaimsIdentity(claims, scheme));
    }
}
