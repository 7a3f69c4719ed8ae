using Microsoft.EntityFrameworkCore;
using OneSeal.Cases;
using OneSeal.Cases.Rules;
using OneSeal.Hall;
using OneSeal.Hall.Chief;
using OneSeal.Platform.Audit;
using OneSeal.Platform.Database;
using OneSeal.Platform.Http;
using OneSeal.Platform.Security;
using OneSeal.Platform.Time;

namespace OneSeal.Counter.Fees;

public sealed record FeeReliefInput(decimal? Amount, string? Basis);

/// <summary>
/// 收费事项的执行权 (seed 003, the window chief's fifth power, granted as <see cref="WindowChiefPower.EnforceFees"/>): a
/// window chief applies the government's preferential fee policy (招商引资优惠政策) to an unpaid fee — reduces it, with a
/// new sealed 缴款通知书 for the new amount, or waives it (0), after which the result may be delivered. The first amount
/// and the policy stay on the demand; the audit trail and the case timeline say who did it. Refusals are audited.
/// </summary>
public sealed class FeeRelief(OneSealDb db, WindowChiefPowers powers, FeeCommands fees, FeeDemands demands, CaseCommands cases, TimeProvider clock)
{
    public async Task<FeeDemand> RelieveAsync(Actor actor, Guid caseId, FeeReliefInput input, CancellationToken ct)
    {
        await powers.EnsureAsync(actor, WindowChiefPower.EnforceFees, ct);
        return await HallRefusals.InTransactionAuditedAsync(db, actor, "fee.relief-refused", "case", caseId.ToString(), clock, async () =>
        {
            if (input.Amount is not { } amount) throw new InvalidInputException("amount", "required", "请填写减免后的应缴金额（amount，免收填0）。");
            if (amount < 0 || decimal.Round(amount, 2) != amount)
                throw new InvalidInputException("amount", "money", "应缴金额应为不小于0、最多两位小数的金额。");
            var basis = input.Basis?.Trim();
            if (string.IsNullOrEmpty(basis)) throw new InvalidInputException("basis", "required", "请填写所执行的优惠政策依据（basis）。");
            if (basis.Length > 500) throw new InvalidInputException("basis", "max-length", "优惠政策依据不能超过500字。");

            var c = await db.Set<Case>().AsNoTracking().FirstOrDefaultAsync(x => x.Id == caseId, ct);
            if (c is null || !CaseAccess.CanView(actor, c)) throw new NotFoundException("办件不存在或无权查看。");
            var demand = await fees.LockDemandAsync(d => d.CaseId == caseId, ct) ?? throw new NotFoundException("该办件没有缴款通知。");
            if (demand.Status != FeeDemandStatus.Unpaid)
                throw new ConflictException("fee-not-unpaid", $"办件 {demand.CaseNumber} 的费用{FeeLabels.Of(demand.Status)}，不能再减免。");
            if (amount >= demand.Amount)
                throw new InvalidInputException("amount", "not-lower", $"减免后的金额应低于现应缴金额 {Rmb.Figures(demand.Amount)}。");

            var now = clock.Now();
            var before = demand.Amount;
            demand.OriginalAmount ??= before;
            demand.ReliefBasis = basis;
            demand.Amount = amount;
            if (amount == 0) demand.Status = FeeDemandStatus.Waived;
            else demand.NoticeId = (await demands.NoticeAsync(c, amount, demand.PaymentCode, demand.Basis, actor, now, ct)).Id;
            var what = amount == 0 ? $"免收 {Rmb.Figures(before)}" : $"应缴金额由 {Rmb.Figures(before)} 减为 {Rmb.Figures(amount)}";
            db.Audit(actor, "fee.relief", "case", caseId.ToString(), $"{what}，依据：{basis}", now);
            await cases.AddLineAsync(caseId, actor, CaseActions.FeeRelieved, $"{what}（执行优惠政策：{basis}）", now, ct);
            await db.CommitAsync(ct);
            return demand;
        }, ct);
    }
}
