using System.Security.Claims;
using OneSeal.Platform.Database;

namespace OneSeal.Organisation.Accounts;

/// <summary>
/// The claims a new session (cookie or bearer token) carries, with the account's work unit resolved from the organisation
/// tree once, at sign-in, so no request has to walk the tree to know whose cases the account handles.
/// </summary>
public sealed class SessionPrincipals(OneSealDb db, AgencyDirectory agencies)
{
    public async Task<ClaimsPrincipal> PrincipalAsync(Account account, string scheme, CancellationToken ct)
    {
        var unit = account.OrganisationId is { } org ? await agencies.ApprovingOrganisationAsync(db, org, ct) : null;
        // Region scope reaches the area of the account's own organisation (a township service point: that township).
        var own = account.OrganisationId is { } placed ? await agencies.FindAsync(db, placed, ct) : null;
        // Section scope reaches the cases of the section the account is placed in, if it is placed in one.
        return AccountPrincipal.Of(account, scheme, unit?.Id, own?.RegionCode, own?.Kind == OrganisationKind.Section ? own.Id : null);
    }
}
