using Microsoft.EntityFrameworkCore;
using OneSeal.Platform.Database;
using OneSeal.Platform.Security;

namespace OneSeal.Organisation.Staff;

/// <summary>An active staff member and the roles they hold, as other capabilities ask for them (issue 11: who may take a case).</summary>
public sealed record StaffMember(Guid Id, string DisplayName, Guid? OrganisationId, IReadOnlyList<string> Roles);

/// <summary>
/// Who holds which role, for the capabilities that choose a person (a window chief reassigning a case, granting a power):
/// Organisation owns the roles table, so they ask here instead of reading it.
/// </summary>
public sealed class StaffRoster(OneSealDb db)
{
    /// <summary>The staff account (enabled or not: the caller decides), or null for an unknown id or an applicant.</summary>
    public async Task<(StaffMember Member, bool Disabled)?> FindAsync(Guid id, CancellationToken ct)
    {
        var a = await db.Set<Account>().AsNoTracking().Include(x => x.Roles).FirstOrDefaultAsync(x => x.Id == id && x.Kind == AccountKind.Staff, ct);
        return a is null ? null : (Of(a), a.Disabled);
    }

    /// <summary>Enabled staff holding any of <paramref name="roles"/>, by name.</summary>
    public async Task<IReadOnlyList<StaffMember>> HoldingAsync(IReadOnlyCollection<string> roles, int take, CancellationToken ct) =>
        (await db.Set<Account>().AsNoTracking().Include(a => a.Roles)
            .Where(a => a.Kind == AccountKind.Staff && !a.Disabled && a.Roles.Any(r => roles.Contains(r.Role)))
            .OrderBy(a => a.DisplayName).Take(take).ToListAsync(ct)).Select(Of).ToList();

    private static StaffMember Of(Account a) => new(a.Id, a.DisplayName, a.OrganisationId, a.Roles.Select(r => r.Role).ToList());
}
