namespace OneSeal.Organisation;

public static class RoleLabels
{
    public static string Of(string role) => role switch
    {
        Roles.Applicant => "申请人",
        Roles.Clerk => "综合窗口受理人员",
        Roles.Reviewer => "审查人员",
        Roles.Chief => "科长（首席代表）",
        Roles.DepartmentStaff => "主管部门工作人员",
        Roles.Monitor => "电子监察人员",
        Roles.Admin => "系统管理员",
        _ => role,
    };
}
