using System.Security.Claims;

namespace OneSeal.Platform.Security;

/// <summary>Who is acting: taken from the signed-in principal and passed explicitly to every command.</summary>
public sealed record Actor(Guid Id, string Username, string DisplayName, AccountKind Kind, Guid? OrganisationId, IReadOnlySet<string> Roles)
{
    public const string OrganisationClaim = "oneseal:org";
    public const string KindClaim = "oneseal:kind";
    public const string DisplayNameClaim = "oneseal:display";
    /// <summary>The account's security stamp the session was issued under (<see cref="ISessionCheck"/>).</summary>
    public const string StampClaim = "oneseal:stamp";

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
}
