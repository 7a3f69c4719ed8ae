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
    /// <summary>行政主管部门工作人员.</summary>
    public const string DepartmentStaff = "dept";
    /// <summary>电子监察人员.</summary>
    public const string Monitor = "monitor";
    /// <summary>系统管理员.</summary>
    public const string Admin = "admin";

    /// <summary>The roles that handle cases (窗口、审查、决定). The administrator is not one: it keeps the catalog and never sees applicants' cases.</summary>
    public static readonly IReadOnlyList<string> CaseHandling = [Clerk, Reviewer, Chief];

    public static readonly IReadOnlyList<string> All = [Applicant, Clerk, Reviewer, Chief, DepartmentStaff, Monitor, Admin];
}
