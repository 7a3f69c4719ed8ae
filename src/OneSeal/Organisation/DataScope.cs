namespace OneSeal.Organisation;

/// <summary>
/// How far a role reaches (数据权限): the account's own section, its organisation (the bureau or department it belongs to),
/// the region (the organisation's region and the regions under it), or everything. Stored per role in <c>account_roles</c>.
/// </summary>
public enum DataScope
{
    Section,
    Organisation,
    Region,
    All,
}
