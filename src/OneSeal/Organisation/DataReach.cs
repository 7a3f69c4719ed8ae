using OneSeal.Platform.Security;

namespace OneSeal.Organisation;

/// <summary>
/// Whether a role an actor holds reaches work handled by an organisation (数据权限). <see cref="DataScope.All"/> reaches
/// everything; <see cref="DataScope.Organisation"/> the account's work unit; <see cref="DataScope.Region"/> that too and
/// work handled in the region of the account's own organisation and the regions under it (county → township → village,
/// <see cref="Regions.RegionCodes"/>) when the caller gives the work's region code. <see cref="DataScope.Section"/> reaches as
/// organisation: no item or case records a handling section (docs/decisions/0011-administration-and-accounts.md).
/// </summary>
public static class DataReach
{
    public static DataScope ScopeOf(this Actor actor, string role) =>
        actor.Scopes.TryGetValue(role, out var name) && Enum.TryParse<DataScope>(name, out var scope) && Enum.IsDefined(scope)
            ? scope : DataScope.Organisation;

    /// <param name="regionCode">The region code of the organisation handling the work (a case's <c>HandlingRegionCode</c>).</param>
    public static bool Reaches(this Actor actor, string role, Guid organisationId, string? regionCode = null) =>
        actor.Has(role) && (actor.ScopeOf(role) == DataScope.All || actor.WorkUnitId == organisationId
                            || (actor.ScopeOf(role) == DataScope.Region && Regions.RegionCodes.Within(actor.RegionCode, regionCode)));

    /// <summary>
    /// The area (significant digits of a region code) one of <paramref name="roles"/> reaches with region scope, for
    /// queries that filter by the handling region; null when no such role (or no region on the account).
    /// </summary>
    public static string? RegionArea(this Actor actor, IEnumerable<string> roles) =>
        roles.Any(r => actor.Has(r) && actor.ScopeOf(r) == DataScope.Region) ? Regions.RegionCodes.Area(actor.RegionCode) : null;

    /// <summary>The actor holds one of <paramref name="roles"/> with scope All: their queues are not limited to one organisation.</summary>
    public static bool ReachesAll(this Actor actor, IEnumerable<string> roles) =>
        roles.Any(r => actor.Has(r) && actor.ScopeOf(r) == DataScope.All);
}
