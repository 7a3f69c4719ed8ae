using Microsoft.EntityFrameworkCore;
using OneSeal.Platform.Database;
using OneSeal.Platform.Security;

namespace OneSeal.Organisation;

/// <summary>
/// 三集中三到位: a line department approves its items not transferred to the bureau in one approval section (审批科/股),
/// whose staff sit at the department's window in the hall. Its cases carry the department as handling organisation,
/// and staff placed in the section act for the department (<see cref="AgencyDirectory.ApprovingOrganisationAsync"/>),
/// so they, and not the bureau's staff, reach them (<see cref="DataReach"/>).
/// </summary>
public static class ApprovalSections
{
    /// <summary>Someone can take the department's applications: an enabled clerk placed in it or in an open section under it.</summary>
    public static Task<bool> HaveClerkAsync(OneSealDb db, Guid departmentId, CancellationToken ct)
    {
        var units = db.Set<Agency>()
            .Where(a => a.Id == departmentId || (a.ParentId == departmentId && a.Kind == OrganisationKind.Section && a.ClosedAt == null))
            .Select(a => (Guid?)a.Id);
        return db.Set<Account>().AnyAsync(a => a.Kind == AccountKind.Staff && !a.Disabled && units.Contains(a.OrganisationId)
            && a.Roles.Any(r => r.Role == Roles.Clerk), ct);
    }
}
