using Microsoft.EntityFrameworkCore;
using OneSeal.Organisation;
using OneSeal.Platform.Database;
using OneSeal.Platform.Time;

namespace OneSeal.Catalog.Transfers;

public sealed record TransferCandidate(string Code, string Name, string DepartmentCode, string Department,
    string ImplementingBody, string? EntrustedBody, string? Window, DateOnly? EffectiveFrom);

/// <summary>
/// The items a new batch may move, for the admin form: latest published version not at the bureau and not already in a
/// batch still to take effect. One query; the command checks the same rules again on submit.
/// </summary>
public sealed class TransferCandidates(OneSealDb db, TimeProvider clock)
{
    public async Task<IReadOnlyList<TransferCandidate>> ListAsync(CancellationToken ct)
    {
        var today = LegalDates.Today(clock);
        var bureau = await db.Set<Agency>().Where(a => a.Kind == OrganisationKind.Bureau).Select(a => (Guid?)a.Id).FirstOrDefaultAsync(ct);
        var agencies = db.Set<Agency>();
        var rows = await (
            from i in db.Set<Item>().AsNoTracking()
            where i.Status == ItemVersionStatus.Published
                && !db.Set<Item>().Any(n => n.Code == i.Code && n.Status == ItemVersionStatus.Published && n.Version > i.Version)
                && i.ImplementingOrganisationId != bureau
                && !db.Set<TransferBatchItem>().Any(t => t.ItemCode == i.Code && db.Set<TransferBatch>().Any(b => b.Id == t.BatchId && b.EffectiveOn > today))
            join d in agencies on i.CompetentDepartmentId equals d.Id
            join impl in agencies on i.ImplementingOrganisationId equals impl.Id
            join e in agencies on i.EntrustedBodyId equals e.Id into entrusted
            from e in entrusted.DefaultIfEmpty()
            orderby d.Code, i.Code
            select new TransferCandidate(i.Code, i.Name, d.Code, d.Name, impl.Name, e == null ? null : e.Name, i.Window, i.EffectiveFrom))
            .ToListAsync(ct);
        return rows;
    }

    /// <summary>Organisations an item can be entrusted to in a batch: every one but the bureau itself.</summary>
    public async Task<IReadOnlyList<Agency>> EntrustableAsync(CancellationToken ct) =>
        await db.Set<Agency>().AsNoTracking().Where(a => a.Kind != OrganisationKind.Bureau).OrderBy(a => a.Code).ToListAsync(ct);
}
