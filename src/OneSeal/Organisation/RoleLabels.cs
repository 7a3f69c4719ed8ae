namespace OneSeal.Organisation;

public static class RoleLabels
{
    public static string Of(string role) => role switch
    {
        Roles.Applicant => "申请人",
        Roles.Clerk => "综合窗口受理人员",
        Roles.Reviewer => "审查人员",
        Roles.Chief => "科长（首席代表）",
        Roles.WindowChief => "窗口负责人",
        Roles.FeeClerk => "收费窗口人员",
        Roles.DepartmentStaff => "主管部门工作人员",
        Roles.Monitor => "电子监察人员",
        Roles.Leader => "领导",
        Roles.Admin => "系统管理员",
        Roles.SecurityAdmin => "安全管理员",
        Roles.AuditAdmin => "安全审计员",
        // issue 13 — exchange
        Roles.Integration => "系统对接账号",
        _ => role,
    };

    public static string Of(DataScope scope) => scope switch
    {
        DataScope.Section => "本科室",
        DataScope.Organisation => "本单位",
        DataScope.Region => "本辖区",
        DataScope.All => "全部",
        _ => scope.ToString(),
    };
}
