using Microsoft.EntityFrameworkCore;
using OneSeal.Cases;
using OneSeal.Cases.Rules;
using OneSeal.Counter.Fees;
using OneSeal.Platform.Database;
using OneSeal.Platform.Http;
using OneSeal.Platform.Security;

namespace OneSeal.Counter.Results;

/// <summary>
/// What a decided case's applicant needs to collect the result: the fee due (amount, payment code, notice) and the
/// pick-up code — the code in clear only for the applicant, never for staff.
/// </summary>
public sealed record CaseCollectionView(Guid CaseId, string? PickupCode, bool PickupCodeIssued, bool PickupCodeLocked, bool PickedUp,
    DateOnly? DeliveryDueDate, FeeDemandView? Fee);

public sealed class CaseCollection(OneSealDb db, FeeQueries fees, PickupCodes codes)
{
    public async Task<CaseCollectionView> ForAsync(Actor actor, Guid caseId, CancellationToken ct)
    {
        var c = await db.Set<Case>().AsNoTracking().FirstOrDefaultAsync(x => x.Id == caseId, ct) ?? throw new NotFoundException("办件不存在或无权查看。");
        if (!CaseAccess.CanView(actor, c)) throw new NotFoundException("办件不存在或无权查看。");
        var row = await db.Set<PickupCode>().AsNoTracking().FirstOrDefaultAsync(p => p.CaseId == caseId, ct);
        var mine = c.ApplicantAccountId == actor.Id;
        var show = mine && row is { UsedAt: null, LockedAt: null } && c.Status is CaseStatus.CertificateIssued or CaseStatus.Denied;
        return new CaseCollectionView(c.Id, show ? codes.Reveal(row!) : null, row is not null, row?.LockedAt is not null, row?.UsedAt is not null,
            c.DeliveryDueDate, await fees.ForCaseAsync(actor, c, ct));
    }
}
