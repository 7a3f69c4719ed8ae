using Microsoft.EntityFrameworkCore;
using OneSeal.Cases;
using OneSeal.Cases.Rules;
using OneSeal.Organisation;
using OneSeal.Platform.Database;
using OneSeal.Platform.Http;
using OneSeal.Platform.Security;

using OneSeal.Hall;

namespace OneSeal.Counter.Fees;

public sealed record PaymentView(Guid Id, decimal Amount, string Method, string MethodLabel, string? ReceiptNumber, string? PlatformTransactionId,
    DateTimeOffset PaidAt, DateTimeOffset? RefundedAt, string? RefundReason);

/// <summary>A fee demand as the fee window and the applicant read it: amounts in figures and capitals, never raw codes.</summary>
public sealed record FeeDemandView(Guid Id, Guid CaseId, string CaseNumber, string ItemName, string DepartmentName, string ApplicantName,
    decimal Amount, string AmountText, string AmountInWords, string PaymentCode, string? Basis, string Status, string StatusLabel,
    Guid? NoticeId, DateTimeOffset CreatedAt, IReadOnlyList<PaymentView> Payments);

public sealed class FeeQueries(OneSealDb db, FeeCommands fees, AgencyDirectory agencies)
{
    /// <summary>The fee window finds a demand by its payment code or the case number (fee clerk at the fee window).</summary>
    public async Task<FeeDemandView> FindAsync(Actor actor, string? query, CancellationToken ct)
    {
        var seat = await fees.EnsureFeeWindowAsync(actor, ct);
        var q = query?.Trim() ?? "";
        if (q.Length is 0 or > 32) throw new InvalidInputException("q", "required", "请输入20位非税缴款码或办件编号（q）。");
        var demand = await db.Set<FeeDemand>().AsNoTracking().FirstOrDefaultAsync(d => d.PaymentCode == q || d.CaseNumber == q, ct)
            ?? throw new NotFoundException($"没有找到缴款码或办件编号为“{q}”的缴款通知。");
        await fees.EnsureScopeAsync(actor, seat, demand, ct);
        return await ViewAsync(demand, ct);
    }

    /// <summary>The demand of a case for whoever may see the case (its applicant, its handling staff), or null when it owes no fee.</summary>
    public async Task<FeeDemandView?> ForCaseAsync(Actor actor, Case c, CancellationToken ct)
    {
        if (!CaseAccess.CanView(actor, c)) throw new NotFoundException("办件不存在或无权查看。");
        var demand = await db.Set<FeeDemand>().AsNoTracking().FirstOrDefaultAsync(d => d.CaseId == c.Id, ct);
        return demand is null ? null : await ViewAsync(demand, ct);
    }

    /// <summary>Today's payments recorded at the reader's fee window, newest first (the page's list).</summary>
    public async Task<IReadOnlyList<FeeDemandView>> TodayAsync(Actor actor, DateOnly today, CancellationToken ct)
    {
        var seat = await fees.EnsureFeeWindowAsync(actor, ct);
        var demandIds = await db.Set<FeePayment>().AsNoTracking()
            .Where(p => (p.PaidOn == today || p.RefundedOn == today) && p.WindowId == seat.Window.Id)
            .Select(p => p.DemandId).Distinct().ToListAsync(ct);
        var demands = await db.Set<FeeDemand>().AsNoTracking().Where(d => demandIds.Contains(d.Id)).ToListAsync(ct);
        var views = new List<FeeDemandView>();
        foreach (var d in demands) views.Add(await ViewAsync(d, ct));
        return views.OrderByDescending(v => v.Payments.Max(p => p.RefundedAt ?? p.PaidAt)).ToList();
    }

    private async Task<FeeDemandView> ViewAsync(FeeDemand d, CancellationToken ct)
    {
        var payments = await db.Set<FeePayment>().AsNoTracking().Where(p => p.DemandId == d.Id).ToListAsync(ct);
        var applicant = await db.Set<Case>().AsNoTracking().Where(c => c.Id == d.CaseId).Select(c => c.ApplicantName).FirstAsync(ct);
        var department = (await agencies.GetAsync(db, d.DepartmentId, ct)).Name;
        return new FeeDemandView(d.Id, d.CaseId, d.CaseNumber, d.ItemName, department, applicant, d.Amount, Rmb.Figures(d.Amount),
            "人民币" + Rmb.Capitals(d.Amount), d.PaymentCode, d.Basis, d.Status.ToString().ToLowerInvariant(), FeeLabels.Of(d.Status), d.NoticeId, d.CreatedAt,
            payments.OrderBy(p => p.PaidAt).Select(p => new PaymentView(p.Id, p.Amount, p.Method.ToString().ToLowerInvariant(), FeeLabels.Of(p.Method),
                p.ReceiptNumber, p.PlatformTransactionId, p.PaidAt, p.RefundedAt, p.RefundReason)).ToList());
    }
}
