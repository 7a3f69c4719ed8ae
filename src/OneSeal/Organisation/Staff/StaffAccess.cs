using OneSeal.Platform.Http;
using OneSeal.Platform.Security;

namespace OneSeal.Organisation.Staff;

/// <summary>
/// Who administers staff (三员分立): the system administrator creates, edits, disables and imports accounts; the security
/// administrator changes roles; both may read the list. Nobody acts on their own account here.
/// </summary>
public static class StaffAccess
{
    public static bool MayRead(Actor actor) => actor.Has(Roles.Admin) || actor.Has(Roles.SecurityAdmin);

    public static void EnsureRead(Actor actor)
    {
        if (!MayRead(actor)) throw new ForbiddenException("role", "只有系统管理员和安全管理员可以查看工作人员账号。");
    }

    public static void EnsureAdmin(Actor actor)
    {
        if (!actor.Has(Roles.Admin)) throw new ForbiddenException("role", "只有系统管理员可以新建、修改、停用工作人员账号。");
    }

    public static void EnsureSecurityAdmin(Actor actor)
    {
        if (!actor.Has(Roles.SecurityAdmin)) throw new ForbiddenException("role", "只有安全管理员可以调整工作人员的角色。");
    }

    public static void EnsureNotSelf(Actor actor, Guid accountId, string what)
    {
        if (actor.Id == accountId) throw new ForbiddenException("self", $"不能{what}自己的账号。");
    }
}
