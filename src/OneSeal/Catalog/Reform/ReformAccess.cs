using OneSeal.Organisation;
using OneSeal.Platform.Http;
using OneSeal.Platform.Security;

namespace OneSeal.Catalog.Reform;

/// <summary>Who may read the reform's lists and figures: the worklists are the administrator's to-do; leaders and monitors read the figures too.</summary>
public static class ReformAccess
{
    public static readonly string[] StatsRoles = [Roles.Admin, Roles.Monitor, Roles.Chief];

    public static void EnsureWorklists(Actor actor)
    {
        if (!actor.Has(Roles.Admin)) throw new ForbiddenException("role", "只有系统管理员可以查看清理清单。");
    }

    public static void EnsureStats(Actor actor)
    {
        if (!StatsRoles.Any(actor.Has)) throw new ForbiddenException("role", "只有系统管理员、电子监察人员和科长可以查看改革成效。");
    }
}
