using Microsoft.EntityFrameworkCore;
using OneSeal.Cases;
using OneSeal.Cases.Decision;
using OneSeal.Catalog;
using OneSeal.Notices;
using OneSeal.Organisation;
using OneSeal.Platform.Audit;
using OneSeal.Platform.Database;
using OneSeal.Platform.Security;
using OneSeal.Platform.Time;
using F = OneSeal.Notices.NoticeFields;

namespace OneSeal.Counter.Fees;

/// <summary>
/// An approval of an item version with a fee opens its <see cref="FeeDemand"/> in the decision's transaction: the payment
/// code, and the sealed 缴款通知书 queued beside the approval's own notice.
/// </summary>
public sealed class FeeDemands(OneSealDb db, INoticeIssuer notices, AgencyDirectory agencies, PaymentOptions options) : ICaseDecisionListener
{
    public async Task OnDecidedAsync(Case decided, Actor actor, DateTimeOffset now, CancellationToken ct)
    {
        if (decided.Approved != true) return;
        var item = await db.Set<Item>().AsNoTracking().Where(i => i.Id == decided.ItemId)
            .Select(i => new { i.FeeCharged, i.FeeAmount, i.FeeBasis, Themes = i.Themes.Select(t => t.ThemeCode).ToList() }).FirstAsync(ct);
        if (FeeRules.AmountOwed(item.FeeCharged, item.FeeAmount, item.Themes) is not { } amount) return;
        if (await db.Set<FeeDemand>().AnyAsync(d => d.CaseId == decided.Id, ct)) return;

        var code = await PaymentCodes.NextAsync(db, options.RegionCode, LegalDates.ToLegalDate(now), ct);
        var basis = item.FeeBasis is null ? null : Clip(item.FeeBasis);
        var notice = await NoticeAsync(decided, amount, code, basis, actor, now, ct);
        db.Add(new FeeDemand
        {
            Id = Guid.NewGuid(), CaseId = decided.Id, CaseNumber = decided.CaseNumber, ItemName = decided.ItemName, DepartmentId = decided.HandlingOrganisationId,
            PaymentCode = code, Amount = amount, Basis = basis, Status = FeeDemandStatus.Unpaid,
            NoticeId = notice.Id, CreatedAt = now,
        });
        db.Audit(actor, "fee.demand", "case", decided.Id.ToString(), $"缴款通知 {Rmb.Figures(amount)}，缴款码 {code}", now);
    }

    /// <summary>The sealed 缴款通知书 for <paramref name="amount"/> (on a decision, and again when a window chief reduces the fee).</summary>
    internal async Task<CaseNotice> NoticeAsync(Case decided, decimal amount, string code, string? basis, Actor actor, DateTimeOffset now, CancellationToken ct)
    {
        var issuer = await agencies.GetAsync(db, decided.HandlingOrganisationId, ct);
        var fields = new List<KeyValuePair<string, string>>
        {
            new(F.FeeItem, $"{decided.ItemName}行政事业性收费"),
            new(F.FeeAmount, Rmb.Figures(amount)),
            new(F.FeeAmountInWords, "人民币" + Rmb.Capitals(amount)),
            new(F.PaymentCode, code),
        };
        if (!string.IsNullOrWhiteSpace(basis)) fields.Add(new(F.FeeBasis, basis));
        return await notices.EnqueueAsync(db, new NoticeRequest(decided.Id, decided.CaseNumber, NoticeKind.FeeNotice, issuer.Id, issuer.Name,
            decided.ApplicantName, decided.ItemName, fields, decided.ApplicantKind == AccountKind.Enterprise)
        { DecidedById = actor.Id == Guid.Empty ? null : actor.Id }, now, ct);
    }

    internal static string Clip(string text) => text.Length <= 1000 ? text : text[..999] + "…";
}

/// <summary>The case machine's fee guard asks here which cases still owe their fee.</summary>
public sealed class UnpaidFees(OneSealDb db) : Cases.Machine.IUnpaidFees
{
    public async Task<IReadOnlyCollection<Guid>> UnpaidAsync(IReadOnlyCollection<Guid> caseIds, CancellationToken ct) =>
        await db.Set<FeeDemand>().AsNoTracking().Where(d => caseIds.Contains(d.CaseId) && d.Status == FeeDemandStatus.Unpaid)
            .Select(d => d.CaseId).ToListAsync(ct);
}
