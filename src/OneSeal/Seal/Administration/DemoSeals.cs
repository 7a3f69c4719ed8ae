using Microsoft.EntityFrameworkCore;
using OneSeal.Organisation;
using OneSeal.Platform.Database;
using OneSeal.Platform.Time;

namespace OneSeal.Seal.Administration;

/// <summary>
/// Demo mode only: the seals of the demo departments that approve their items not transferred at their hall windows
/// (三集中三到位), each with its own SM2 key, so their cases are sealed in their own name. The bureau's seal is left to
/// the administrator (it is created on first use, as before). A department that already has a seal is left alone.
/// </summary>
public static class DemoSeals
{
    private static readonly (string Department, string? Custodian)[] Departments =
        [("SCJGJ", null), ("MZJ", "deptchief"), ("RSJ", null), ("ZRZYJ", null), ("WSJKW", null)];

    public static async Task SeedAsync(OneSealDb db, SealKeyStore keys, TimeProvider clock, CancellationToken ct)
    {
        var codes = Departments.Select(d => d.Department).ToList();
        var agencies = await db.Set<Agency>().AsNoTracking().Where(a => codes.Contains(a.Code)).ToListAsync(ct);
        var withSeal = (await db.Set<OrganisationSeal>().Select(s => s.OrganisationId).ToListAsync(ct)).ToHashSet();
        var keyed = (await db.Set<SealKey>().Where(k => k.Active).Select(k => k.OrganisationId).ToListAsync(ct)).ToHashSet();
        var custodians = await db.Set<Account>().Where(a => a.Kind == Platform.Security.AccountKind.Staff)
            .ToDictionaryAsync(a => a.Username, a => a.Id, ct);
        var now = clock.Now();
        foreach (var (code, custodian) in Departments)
        {
            if (agencies.FirstOrDefault(a => a.Code == code) is not { } department || withSeal.Contains(department.Id)) continue;
            db.Add(new OrganisationSeal
            {
                Id = Guid.NewGuid(), OrganisationId = department.Id, Name = SealAdmin.DefaultName(department.Name), CreatedAt = now,
                CustodianAccountId = custodian is not null && custodians.TryGetValue(custodian, out var id) ? id : null,
            });
            if (!keyed.Contains(department.Id)) db.Add(keys.NewKey(department.Id));
        }
        await db.SaveChangesAsync(ct);
    }
}
