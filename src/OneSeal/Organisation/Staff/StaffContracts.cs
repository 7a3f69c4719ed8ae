namespace OneSeal.Organisation.Staff;

/// <summary><c>POST /api/v1/admin/staff</c>: a new staff account with its first roles (each at data scope Organisation).</summary>
public sealed record CreateStaffRequest(
    string? Username, string? DisplayName, Guid? OrganisationId, IReadOnlyList<string?>? Roles, string? Password,
    string? StaffNumber = null, string? Phone = null);

/// <summary><c>PUT /api/v1/admin/staff/{id}</c>: what the system administrator may change (not the roles).</summary>
public sealed record EditStaffRequest(string? DisplayName, Guid? OrganisationId, string? StaffNumber, string? Phone);

/// <summary>One role with its data scope (<c>section</c>, <c>organisation</c>, <c>region</c>, <c>all</c>; organisation when absent).</summary>
public sealed record RoleGrant(string? Role, string? Scope);

/// <summary><c>PUT /api/v1/admin/staff/{id}/roles</c> (security administrator).</summary>
public sealed record SetRolesRequest(IReadOnlyList<RoleGrant?>? Roles);

public sealed record StaffRoleView(string Role, string Label, string Scope, string ScopeLabel);

/// <summary>A staff account as the administrators see it: the phone masked, no password, no identity code.</summary>
public sealed record StaffView(
    Guid Id, string Username, string DisplayName, Guid? OrganisationId, string? OrganisationName, string? StaffNumber,
    string? PhoneMasked, bool Disabled, bool HasPhoto, bool MustChangePassword, DateTimeOffset CreatedAt, IReadOnlyList<StaffRoleView> Roles);

public sealed record StaffPage(IReadOnlyList<StaffView> Items, int Total, int Page, int PageSize);

/// <summary>The list's filters: organisation, role, disabled (null: both), a page of 1–100 rows.</summary>
public sealed record StaffFilter(Guid? OrganisationId = null, string? Role = null, bool? Disabled = null, int Page = 1, int PageSize = 20, string? Query = null);
