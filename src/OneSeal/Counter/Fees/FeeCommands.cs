using Microsoft.EntityFrameworkCore;
using OneSeal.Hall;
using OneSeal.Hall.Seats;
using OneSeal.Organisation;
using OneSeal.Platform.Audit;
using OneSeal.Platform.Database;
using OneSeal.Platform.Http;
using OneSeal.Platform.Security;
using OneSeal.Platform.Time;

namespace OneSeal.Counter.Fees;

public sealed record PaymentInput(decimal? Amount, string? Method, string? ReceiptNumber);
public sealed record RefundInput(string? Reason);

/// <summary>
/// 集中收费 at the fee window: only a fee clerk (<see cref="Roles.FeeClerk"/>) signed in at a window of kind Fee records a
/// payment or a refund. Every refusal is audited (<see cref="HallRefusals"/>) and writes nothing else.
/// </summary>
public sealed class FeeCommands(OneSealDb db, WindowSeats seats, Cases.CaseCommands cases, TimeProvider clock)
{
    public static readonly IReadOnlyDictionary<string, PaymentMethod> WindowMethods = new Dictionary<string, PaymentMethod>
    {
        ["cash"] = PaymentMethod.Cash, ["card"] = PaymentMethod.Card, ["scan"] = PaymentMethod.Scan,
    };

    public async Task<FeePayment> PayAsync(Actor actor, Guid caseId, PaymentInput input, CancellationToken ct)
    {
        return await HallRefusals.InTransactionAuditedAsync(db, actor, "fee.payment-refused", "case", caseId.ToString(), clock, async () =>
        {
            var seat = await EnsureFeeWindowAsync(actor, ct);
            if (input.Amount is not { } amount) throw new InvalidInputException("amount", "required", "请填写缴款金额（amount）。");
            if (input.Method is null || !WindowMethods.TryGetValue(input.Method, out var method))
                throw new InvalidInputException("method", "one-of", "缴款方式（method）应为 cash（现金）、card（银行卡）或 scan（扫码）。");
            var receipt = input.ReceiptNumber?.Trim();
            if (string.IsNullOrEmpty(receipt)) throw new InvalidInputException("receiptNumber", "required", "请填写收据号或电子票据号（receiptNumber）。");
            if (receipt.Length > 64) throw new InvalidInputException("receiptNumber", "max-length", "收据号不能超过64个字符。");

            var demand = await LockDemandAsync(d => d.CaseId == caseId, ct) ?? throw new NotFoundException("该办件没有待缴费用。");
            await EnsureScopeAsync(actor, seat, demand, ct);
            if (demand.Status != FeeDemandStatus.Unpaid)
                throw new ConflictException("fee-not-unpaid", $"办件 {demand.CaseNumber} 的费用{FeeLabels.Of(demand.Status)}，不能重复收费。");
            if (amount != demand.Amount)
                throw new InvalidInputException("amount", "amount-mismatch", $"缴款金额应为 {Rmb.Figures(demand.Amount)}，与缴款通知书不符。");
            var now = clock.Now();
            var payment = await RecordAsync(demand, method, receipt, null, seat.Window, actor, now, ct);
            db.Audit(actor, "fee.paid", "case", demand.CaseId.ToString(),
                $"{seat.Window.Number} 收费 {Rmb.Figures(amount)}（{FeeLabels.Of(method)}），票据号 {receipt}，缴款码 {demand.PaymentCode}", now);
            await db.CommitAsync(ct);
            return payment;
        }, ct);
    }

    public async Task<FeePayment> RefundAsync(Actor actor, Guid paymentId, RefundInput input, CancellationToken ct)
    {
        return await HallRefusals.InTransactionAuditedAsync(db, actor, "fee.refund-refused", "fee-payment", paymentId.ToString(), clock, async () =>
        {
            var seat = await EnsureFeeWindowAsync(actor, ct);
            var reason = input.Reason?.Trim();
            if (string.IsNullOrEmpty(reason)) throw new InvalidInputException("reason", "required", "退费须说明理由（reason）。");
            if (reason.Length > 500) throw new InvalidInputException("reason", "max-length", "退费理由不能超过500字。");
            var payment = await db.Set<FeePayment>().FirstOrDefaultAsync(p => p.Id == paymentId, ct) ?? throw new NotFoundException("缴款记录不存在。");
            var demand = await LockDemandAsync(d => d.Id == payment.DemandId, ct) ?? throw new NotFoundException("缴款记录不存在。");
            await EnsureScopeAsync(actor, seat, demand, ct);
            if (payment.RefundedAt is not null || demand.Status != FeeDemandStatus.Paid)
                throw new ConflictException("already-refunded", "该笔缴款已退费。");
            var now = clock.Now();
            payment.RefundedAt = now;
            payment.RefundedOn = LegalDates.ToLegalDate(now);
            payment.RefundReason = reason;
            payment.RefundedById = actor.Id;
            demand.Status = FeeDemandStatus.Refunded;
            db.Audit(actor, "fee.refund", "case", demand.CaseId.ToString(), $"退费 {Rmb.Figures(payment.Amount)}：{reason}", now);
            await cases.AddLineAsync(demand.CaseId, actor, Cases.CaseActions.FeeRefunded,
                $"已退费 {Rmb.Figures(payment.Amount)}（{seat.Window.Number} 收费窗口，缴款码{FeeLabels.CodeTail(demand.PaymentCode)}）：{reason}", now, ct);
            await db.CommitAsync(ct);
            return payment;
        }, ct);
    }

    /// <summary>The fee clerk's role first (403 role), then the seat (403 not-at-window / 409 window-kind).</summary>
    public async Task<Seat> EnsureFeeWindowAsync(Actor actor, CancellationToken ct)
    {
        if (!actor.Has(Roles.FeeClerk)) throw new ForbiddenException("role", "只有集中收费窗口人员（收费员）可以办理收费和退费。");
        return await seats.EnsureAtAsync(actor, "window", ct, WindowKind.Fee);
    }

    /// <summary>
    /// 集中收费: the fee window collects for its own organisation's cases and for every department that has a window in
    /// the same hall; a clerk with the data scope All collects for all.
    /// </summary>
    public async Task EnsureScopeAsync(Actor actor, Seat seat, FeeDemand demand, CancellationToken ct)
    {
        if (actor.Reaches(Roles.FeeClerk, demand.DepartmentId)) return;
        if (await db.Set<Window>().AnyAsync(w => w.HallId == seat.Window.HallId && w.DepartmentId == demand.DepartmentId && w.ClosedAt == null, ct)) return;
        throw new ForbiddenException("data-scope", "该费用不属于本收费窗口代收的部门。");
    }

    /// <summary>
    /// The payment, the demand paid, and the case's timeline line “已缴费 ¥…” by whoever recorded it (the fee clerk at
    /// <paramref name="window"/>, or the payment platform when it is null); the payment code shows its last digits only.
    /// </summary>
    internal async Task<FeePayment> RecordAsync(FeeDemand demand, PaymentMethod method, string? receipt, string? transactionId, Window? window, Actor actor,
        DateTimeOffset now, CancellationToken ct)
    {
        var payment = new FeePayment
        {
            Id = Guid.NewGuid(), DemandId = demand.Id, CaseId = demand.CaseId, DepartmentId = demand.DepartmentId, Amount = demand.Amount,
            Method = method, ReceiptNumber = receipt, PlatformTransactionId = transactionId, WindowId = window?.Id,
            RecordedById = actor.Id == Guid.Empty ? null : actor.Id, PaidAt = now, PaidOn = LegalDates.ToLegalDate(now),
        };
        db.Add(payment);
        demand.Status = FeeDemandStatus.Paid;
        demand.PaidAt = now;
        var where = window is null ? FeeLabels.Of(method) : $"{FeeLabels.Of(method)}，{window.Number} 收费窗口";
        await cases.AddLineAsync(demand.CaseId, actor, Cases.CaseActions.FeePaid,
            $"已缴费 {Rmb.Figures(demand.Amount)}（{where}，缴款码{FeeLabels.CodeTail(demand.PaymentCode)}）", now, ct);
        return payment;
    }

    /// <summary>The demand, its row locked on PostgreSQL so two payments of one demand queue (SQLite's write lock already does).</summary>
    internal async Task<FeeDemand?> LockDemandAsync(System.Linq.Expressions.Expression<Func<FeeDemand, bool>> which, CancellationToken ct)
    {
        var found = await db.Set<FeeDemand>().AsNoTracking().Where(which).Select(d => d.Id).FirstOrDefaultAsync(ct);
        if (found == Guid.Empty) return null;
        var rows = db.Database.IsNpgsql() ? db.Set<FeeDemand>().FromSql($"SELECT * FROM fee_demands WHERE id = {found} FOR UPDATE") : db.Set<FeeDemand>();
        return await rows.FirstAsync(d => d.Id == found, ct);
    }
}

public static class FeeLabels
{
    public static string Of(FeeDemandStatus s) => s switch
    {
        FeeDemandStatus.Unpaid => "待缴费",
        FeeDemandStatus.Paid => "已缴费",
        FeeDemandStatus.Refunded => "已退费",
        FeeDemandStatus.Waived => "已免收",
        _ => s.ToString(),
    };

    public static string Of(PaymentMethod m) => m switch
    {
        PaymentMethod.Cash => "现金",
        PaymentMethod.Card => "银行卡",
        PaymentMethod.Scan => "扫码",
        PaymentMethod.Platform => "缴款平台",
        _ => m.ToString(),
    };

    /// <summary>A payment code as the timeline shows it to everyone who reads the case: its last four digits.</summary>
    public static string CodeTail(string code) => code.Length <= 4 ? "尾号 " + code : $"尾号 {code[^4..]}";
}
