using OneSeal.Organisation;
using OneSeal.Platform.Http;
using OneSeal.Platform.Security;

namespace OneSeal.Supervision;

/// <summary>
/// Who may work a push or a verification: staff of the supervising department (role <see cref="Roles.DepartmentStaff"/>,
/// data scope = their work unit). Another role is 403; another department's push is 404, as for cases (nothing revealed).
/// </summary>
internal static class SupervisionScope
{
    public static Guid DepartmentOf(Actor actor)
    {
        if (actor.Kind != AccountKind.Staff || !actor.Has(Roles.DepartmentStaff))
            throw new ForbiddenException("role", $"需要“{RoleLabels.Of(Roles.DepartmentStaff)}”角色。");
        return actor.WorkUnitId ?? throw new ForbiddenException("data-scope", "您的账号未归属任何部门，不能办理监管事项。");
    }

    public static NotFoundException NotOurs(string what) => new($"{what}不存在或不属于本部门。");
}
