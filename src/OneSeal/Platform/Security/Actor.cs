using System.Security.Claims;

namespace OneSeal.Platform.Security;

/// <summary>Who is acting: taken from the signed-in principal and passed explicitly to every command.</summary>
public sealed record Actor(Guid Id, string Username, string DisplayName, AccountKind Kind, Guid? OrganisationId, IReadOnlySet<string> Roles)
{
    public const string OrganisationClaim = "oneseal:org";
    /// <summary>The approving organisation the account works for (a section's bureau or department); see <see cref="WorkUnitId"/>.</summary>
    public const string UnitClaim = "oneseal:unit";
    /// <summary>Present (value 1) while the account still has a password someone else chose.</summary>
    public const string MustChangePasswordClaim = "oneseal:must-change-password";
    public const string KindClaim = "oneseal:kind";
    public const string DisplayNameClaim = "oneseal:display";
    /// <summary>The account's security stamp the session was issued under (<see cref="ISessionCheck"/>).</summary>
    public const string StampClaim = "oneseal:stamp";
    /// <summary>One per role: <c>role=Scope</c>, how far the role reaches (Organisation.DataScope, read by Organisation.DataReach).</summary>
    public const string ScopeClaim = "oneseal:scope";
    /// <summary>The region code of the account's own organisation, which a role with region scope reaches (Organisation.DataReach).</summary>
    public const string RegionClaim = "oneseal:region";
    /// <summary>Present when the account is placed in a section (科室): its id, which a role with section scope reaches (Organisation.DataReach).</summary>
    public const string SectionClaim = "oneseal:section";

    /// <summary>Role → data scope name; a role missing here reaches its own organisation.</summary>
    public IReadOnlyDictionary<string, string> Scopes { get; init; } = new Dictionary<string, string>();

    /// <summary>
    /// The bureau or department whose cases the account handles: the nearest approving organisation at or above its own
    /// (staff placed in a section act for their bureau). Its own organisation when the sign-in did not resolve one.
    /// </summary>
    public Guid? WorkUnitId { get => _workUnitId ?? OrganisationId; init => _workUnitId = value; }

    private readonly Guid? _workUnitId;

    /// <summary>行政区划代码 of the account's own organisation (county, township or village), resolved at sign-in.</summary>
    public string? RegionCode { get; init; }

    /// <summary>
    /// The section (科室) the account is placed in, resolved at sign-in; null when it belongs to the bureau, a department or
    /// any other node itself. A role with section scope reaches the cases this section handles (Organisation.DataReach).
    /// </summary>
    public Guid? SectionId { get; init; }

    /// <summary>The account still signs in with an initial password made by an administrator's import.</summary>
    public bool MustChangePassword { get; init; }

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
            user.FindAll(ClaimTypes.Role).Select(c => c.Value).ToHashSet())
        {
            MustChangePassword = user.FindFirstValue(MustChangePasswordClaim) == "1",
            WorkUnitId = Guid.TryParse(user.FindFirstValue(UnitClaim), out var unit) ? unit : null,
            RegionCode = user.FindFirstValue(RegionClaim),
            SectionId = Guid.TryParse(user.FindFirstValue(SectionClaim), out var section) ? section : null,
            Scopes = user.FindAll(ScopeClaim).Select(c => c.Value.Split('=', 2)).Where(p => p.Length == 2)
                .DistinctBy(p => p[0]).ToDictionary(p => p[0], p => p[1]),
        };
    }
}
