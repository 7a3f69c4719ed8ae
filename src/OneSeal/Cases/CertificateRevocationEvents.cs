using Microsoft.EntityFrameworkCore;
using OneSeal.Platform.Database;
using OneSeal.Platform.Events;
using OneSeal.Platform.Security;
using OneSeal.Seal;

namespace OneSeal.Cases;

/// <summary>Records <c>certificate.revoked</c> in the revocation's transaction, with the department of the case's item.</summary>
public sealed class CertificateRevocationEvents(OneSealDb db, Catalog.Versions.VersionFactsCache versions) : ICertificateRevocationListener
{
    public async Task OnRevokedAsync(RevokedCertificate which, Actor actor, string reason, DateTimeOffset now, CancellationToken ct)
    {
        // Read inside the revocation's transaction: the row already says revoked, when and why.
        var revoked = await db.Set<Certificate>().AsNoTracking().FirstAsync(x => x.Number == which.Number, ct);
        var c = await db.Set<Case>().AsNoTracking().Where(x => x.Id == revoked.CaseId)
            .Select(x => new { x.CaseNumber, x.ItemName, x.ItemId }).FirstOrDefaultAsync(ct);
        Guid? department = c is null ? null : (await versions.GetAsync(db, c.ItemId, ct)).SupervisingDepartmentId;
        EventLog.Record(db, EventTypes.CertificateRevoked, revoked.Number,
            CaseCommands.CertificateData(revoked, c?.CaseNumber ?? "", c?.ItemName ?? revoked.Name), now, department, revoked.ItemCode, "revoked");
    }
}
