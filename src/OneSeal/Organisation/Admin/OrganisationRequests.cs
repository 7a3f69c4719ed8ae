namespace OneSeal.Organisation.Admin;

/// <summary><c>POST /api/v1/admin/organisations</c>: a new organisation. <see cref="Kind"/> is Bureau, Department, Section, ServiceCentre, Hall or ServicePoint.</summary>
public sealed record OrganisationInput(string? Code, string? Name, string? ShortName, string? Kind, Guid? ParentId,
    string? Uscc, string? Address, string? Phone, string? RegionCode);

/// <summary><c>PUT /api/v1/admin/organisations/{id}</c>: rename or correct; the kind and the code never change, the place in the tree changes by a move.</summary>
public sealed record OrganisationEdit(string? Name, string? ShortName, string? Uscc, string? Address, string? Phone, string? RegionCode);

/// <summary><c>POST …/{id}/move</c>: the new parent, or null for the top of the tree.</summary>
public sealed record OrganisationMove(Guid? ParentId);

/// <summary><c>POST …/{id}/close</c>: why (撤销文件 or reason), kept in the audit trail.</summary>
public sealed record OrganisationClose(string? Reason);

/// <summary><c>POST /api/v1/admin/regions</c>: a county, township or village by its 12-digit code.</summary>
public sealed record RegionInput(string? Code, string? Name);

/// <summary>One organisation as the tree lists it (depth-first, children after their parent).</summary>
public sealed record OrganisationNode(Guid Id, string Code, string Name, string? ShortName, string Kind, string KindLabel,
    Guid? ParentId, int Depth, string? Uscc, string? Phone, string? Address, string RegionCode, string? RegionName,
    bool Closed, DateTimeOffset? ClosedAt, int ActiveStaff);

/// <summary>One region as the tree lists it.</summary>
public sealed record RegionNode(string Code, string Name, string Level, string LevelLabel, string? ParentCode, int Depth);

/// <summary>
/// Why an organisation cannot be closed yet, as another capability sees it (the hall: its open windows). Organisation
/// defines it and asks every implementation before closing, so it never reads the other capability's tables.
/// </summary>
public interface IOrganisationClosingCheck
{
    /// <summary>The reason, in Chinese, or null when nothing of this capability keeps <paramref name="organisationId"/> open.</summary>
    Task<string?> ReasonToStayOpenAsync(Guid organisationId, CancellationToken ct);
}
