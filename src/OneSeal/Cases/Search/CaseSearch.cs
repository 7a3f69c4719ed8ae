using Microsoft.EntityFrameworkCore;
using OneSeal.Organisation;
using OneSeal.Organisation.Applicants;
using OneSeal.Organisation.Identifiers;
using OneSeal.Platform.Audit;
using OneSeal.Platform.Database;
using OneSeal.Platform.Http;
using OneSeal.Platform.Security;
using OneSeal.Platform.Time;

namespace OneSeal.Cases.Search;

/// <summary>A case found at the window: enough to recognise it and open it; the applicant masked for the result list.</summary>
public sealed record CaseSearchHit(Guid Id, string CaseNumber, string ItemCode, string ItemName, string ApplicantName, string ApplicantMasked,
    CaseStatus Status, DateOnly? DueDate, DateTimeOffset CreatedAt, DateTimeOffset? SubmittedAt, int Version);

/// <summary>
/// 办件检索 at every window. The reach is the work queue's (<see cref="CaseQueries.QueueAsync(Actor, IReadOnlyCollection{CaseStatus}, CancellationToken)"/>):
/// a case-handling role, the actor's organisation unless the role's data scope is All. Every answer is bounded (50,
/// newest first); ID numbers and phones are matched on the applicant accounts' keyed hashes, never in clear. Searches by
/// ID number or phone are personal-data look-ups and go to the audit trail (masked).
/// </summary>
public sealed class CaseSearch(OneSealDb db, LookupHash lookup, OneTimeCodes codes, TimeProvider clock)
{
    public const int Limit = 50;

    public async Task<IReadOnlyList<CaseSearchHit>> FindAsync(Actor actor, CaseSearchCriterion criterion, CancellationToken ct)
    {
        var everywhere = actor.ReachesAll(Roles.CaseHandling);
        if (!Roles.CaseHandling.Any(actor.Has) || (actor.WorkUnitId is null && !everywhere && actor.RegionArea(Roles.CaseHandling) is null))
            throw new ForbiddenException("role", "只有承办单位的窗口、审查和决定人员可以检索办件。");
        // A draft filed online is the applicant's own until submitted; one a window is filling is the window's.
        var reach = db.Set<Case>().AsNoTracking().Where(Rules.CaseAccess.HandledWithinReach(actor, Roles.CaseHandling))
            .Where(c => c.Status != CaseStatus.Draft || c.Channel == CaseChannel.Window);

        List<Case> found;
        switch (criterion.Kind)
        {
            case CaseSearchKind.Number:
                found = await reach.Where(c => c.CaseNumber == criterion.Value).ToListAsync(ct);
                if (found.Count == 0)
                    found = await Newest(reach.Where(c => c.CaseNumber.StartsWith(criterion.Value))).ToListAsync(ct);
                break;
            case CaseSearchKind.Applicant:
                found = await Newest(reach.Where(c => c.ApplicantName.Contains(criterion.Value))).ToListAsync(ct);
                break;
            default:
                var hash = criterion.Kind == CaseSearchKind.Phone ? codes.PhoneHash(criterion.Value) : lookup.Of("identity", criterion.Value);
                var accounts = criterion.Kind == CaseSearchKind.Phone
                    ? db.Set<Account>().Where(a => a.PhoneHash == hash).Select(a => a.Id)
                    : db.Set<Account>().Where(a => a.IdentityCodeHash == hash).Select(a => a.Id);
                found = await Newest(reach.Where(c => accounts.Contains(c.ApplicantAccountId))).ToListAsync(ct);
                var masked = criterion.Kind == CaseSearchKind.Phone ? Masking.MaskPhone(criterion.Value) : Masking.MaskIdentity(criterion.Value);
                db.Audit(actor, "case.search", "case", "-",
                    $"按{(criterion.Kind == CaseSearchKind.Phone ? "手机号码" : "证件号码")} {masked} 检索办件，{found.Count} 件", clock.Now());
                await db.CommitAsync(ct);
                break;
        }
        return found.Select(c => new CaseSearchHit(c.Id, c.CaseNumber, c.ItemCode, c.ItemName, c.ApplicantName,
            c.ApplicantKind == AccountKind.Enterprise ? c.ApplicantName : Masking.MaskName(c.ApplicantName),
            c.Status, c.DueDate, c.CreatedAt, c.SubmittedAt, c.Version)).ToList();
    }

    private static IQueryable<Case> Newest(IQueryable<Case> q) => q.OrderByDescending(c => c.CreatedAt).Take(Limit);

    public DateOnly Today => LegalDates.Today(clock);
}
