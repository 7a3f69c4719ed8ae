using OneSeal.Platform.Security;

namespace OneSeal.Organisation;

/// <summary>
/// Whether a role an actor holds reaches work handled by an organisation (数据权限). <see cref="DataScope.All"/> reaches
/// everything; <see cref="DataScope.Organisation"/> the account's own organisation. Cases carry only their handling
/// organisation, so <see cref="DataScope.Section"/> (the account's organisation when it is a section) and
/// <see cref="DataScope.Region"/> (the organisation's region and the regions under it, for the township network) reach
/// the account's own organisation too, until cases record a section and a region.
/// </summary>
public static class DataReach
{
    public static DataScope ScopeOf(this Actor actor, string role) =>
        actor.Scopes.TryGetValue(role, out var name) && Enum.TryParse<DataScope>(name, out var scope) && Enum.IsDefined(scope)
            ? scope : DataScope.Organisation;

    public static bool Reaches(this Actor actor, string role, Guid organisationId) =>
        actor.Has(role) && (actor.ScopeOf(role) == DataScope.All || actor.WorkUnitId == organisationId);

    /// <summary>The actor holds one of <paramref name="roles"/> with scope All: their queues are not limited to one organisation.</summary>
    public static bool ReachesAll(this Actor actor, IEnumerable<string> roles) =>
        roles.Any(r => actor.Has(r) && actor.ScopeOf(r) == DataScope.All);
}
