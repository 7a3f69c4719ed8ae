namespace OneSeal.Organisation;

/// <summary>Role names (claims and the <c>account_roles</c> table). Glossary: docs/glossary.md.</summary>
public static class Roles
{
    /// <summary>申请人 (citizen 自然人 or enterprise 法人).</summary>
    public const string Applicant = "applicant";
    /// <summary>综合窗口受理人员.</summary>
    public const string Clerk = "clerk";
    /// <summary>审查人员.</summary>
    public const string Reviewer = "reviewer";
    /// <summary>科长 / 首席代表: decides and signs with the bureau's seal.</summary>
    public const string Chief = "chief";
    /// <summary>窗口负责人 (首席窗口长): the window chief's powers in the hall.</summary>
    public const string WindowChief = "window-chief";
    /// <summary>收费窗口人员 (集中收费).</summary>
    public const string FeeClerk = "fee-clerk";
    /// <summary>行政主管部门工作人员.</summary>
    public const string DepartmentStaff = "dept";
    /// <summary>电子监察人员.</summary>
    public const string Monitor = "monitor";
    /// <summary>领导: reads boards and statistics, acts on nothing.</summary>
    public const string Leader = "leader";
    /// <summary>系统管理员 (三员之一): accounts, organisations, windows, seals, catalog setup. Never reads the audit trail.</summary>
    public const string Admin = "admin";
    /// <summary>安全管理员 (三员之一): roles, permissions, lockouts, second factors, password policy. Never acts on cases.</summary>
    public const string SecurityAdmin = "secadmin";
    /// <summary>安全审计员 (三员之一): reads and verifies the audit trail, changes nothing else.</summary>
    public const string AuditAdmin = "auditor";

    // issue 13 — exchange: another system's account (a department's own system, the county's exchange platform) that
    // reads the event feed; it sees every department's events and acts on nothing.
    /// <summary>系统对接账号.</summary>
    public const string Integration = "integration";

    /// <summary>The roles that handle cases (窗口、审查、决定). The administrator is not one: it keeps the catalog and never sees applicants' cases.</summary>
    public static readonly IReadOnlyList<string> CaseHandling = [Clerk, Reviewer, Chief];

    /// <summary>三员分立 (MLPS 2.0 level 3): the three administrators; no account may hold two of them.</summary>
    public static readonly IReadOnlyList<string> Administrators = [Admin, SecurityAdmin, AuditAdmin];

    /// <summary>Roles a staff account may hold (every role but the applicant's).</summary>
    public static readonly IReadOnlyList<string> Staff =
        [Clerk, Reviewer, Chief, WindowChief, FeeClerk, DepartmentStaff, Monitor, Leader, Admin, SecurityAdmin, AuditAdmin, Integration];

    public static readonly IReadOnlyList<string> All = [Applicant, .. Staff];

    /// <summary>
    /// The separation rule for a set of roles, or null when it holds: at most one of the three administrators, and an
    /// administrator holds no other role (an administrator who also handles cases would administer their own work).
    /// </summary>
    public static string? SeparationProblem(IEnumerable<string> roles)
    {
        var set = roles.ToHashSet(StringComparer.Ordinal);
        var admins = Administrators.Count(set.Contains);
        if (admins > 1) return "系统管理员、安全管理员和安全审计员三员分立，同一账号只能担任其中一个。";
        if (admins == 1 && set.Count > 1) return "管理员账号不能同时担任业务角色。";
        return null;
    }
}
