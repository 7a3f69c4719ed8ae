using OneSeal.Platform.Security;

namespace OneSeal.Organisation;

/// <summary>
/// Whether a role an actor holds reaches work handled by an organisation (数据权限). <see cref="DataScope.All"/> reaches
/// everything; <see cref="DataScope.Organisation"/> the account's work unit; <see cref="DataScope.Region"/> that too and
/// work handled in the region of the account's own organisation and the regions under it (county → township → village,
/// <see cref="Regions.RegionCodes"/>) when the caller gives the work's region code. <see cref="DataScope.Section"/> held by
/// an account placed in a section (<see cref="Actor.SectionId"/>) reaches only work whose handling section (承办科室) is
/// that section; held by an account placed in the bureau or a department itself it reaches as organisation
/// (docs/decisions/0011-administration-and-accounts.md). The single-case check is <see cref="Reaches"/>; queries use the
/// same parts (<see cref="OrganisationReach"/>, <see cref="SectionReach"/>, <see cref="RegionArea"/>).
/// </summary>
public static class DataReach
{
    public static DataScope ScopeOf(this Actor actor, string role) =>
        actor.Scopes.TryGetValue(role, out var name) && Enum.TryParse<DataScope>(name, out var scope) && Enum.IsDefined(scope)
            ? scope : DataScope.Organisation;

    /// <param name="regionCode">The region code of the organisation handling the work (a case's <c>HandlingRegionCode</c>).</param>
    /// <param name="sectionId">The section handling the work (a case's <c>HandlingSectionId</c>); null when it names none.</param>
    public static bool Reaches(this Actor actor, string role, Guid organisationId, string? regionCode = null, Guid? sectionId = null)
    {
        if (!actor.Has(role)) return false;
        var scope = actor.ScopeOf(role);
        if (scope == DataScope.All) return true;
        if (scope == DataScope.Section && actor.SectionId is { } own) return sectionId == own;
        return actor.WorkUnitId == organisationId
               || (scope == DataScope.Region && Regions.RegionCodes.Within(actor.RegionCode, regionCode));
    }

    /// <summary>
    /// The work unit whose work one of <paramref name="roles"/> reaches as a whole (scope organisation or region, or section
    /// held by an account not placed in a section); null when none does.
    /// </summary>
    public static Guid? OrganisationReach(this Actor actor, IEnumerable<string> roles) =>
        roles.Any(r => actor.Has(r) && actor.ScopeOf(r) switch
        {
            DataScope.Section => actor.SectionId is null,
            DataScope.All => false,
            _ => true,
        }) ? actor.WorkUnitId : null;

    /// <summary>The section whose work one of <paramref name="roles"/> reaches with section scope; null when none does.</summary>
    public static Guid? SectionReach(this Actor actor, IEnumerable<string> roles) =>
        roles.Any(r => actor.Has(r) && actor.ScopeOf(r) == DataScope.Section) ? actor.SectionId : null;

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
