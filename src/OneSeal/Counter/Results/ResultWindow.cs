using Microsoft.EntityFrameworkCore;
using OneSeal.Calendar;
using OneSeal.Cases;
using OneSeal.Counter.Fees;
using OneSeal.Hall;
using OneSeal.Hall.Seats;
using OneSeal.Notices;
using OneSeal.Organisation;
using OneSeal.Organisation.Identifiers;
using OneSeal.Platform.Audit;
using OneSeal.Platform.Database;
using OneSeal.Platform.Http;
using OneSeal.Platform.Security;
using OneSeal.Platform.Time;

namespace OneSeal.Counter.Results;

public sealed record PickupInput(string? Code, string? IdNumber, string? AgentName, string? AgentIdNumber, bool? AgentLetterChecked);
public sealed record PickupResult(Guid CaseId, string CaseNumber, string Status, string StatusLabel, Guid? DeliveryReceiptId, string? PrintUrl);

/// <summary>A decided case waiting at the result window, with its Art. 44 delivery date and how close it is.</summary>
public sealed record ReadyResult(Guid CaseId, string CaseNumber, string ItemName, string ApplicantName, bool Approved, string DecisionLabel,
    DateOnly? DecidedOn, DateOnly? DeliveryDueDate, int? WorkingDaysLeft, string Urgency, string UrgencyLabel,
    string Fee, string FeeLabel, string? FeeAmount, bool CodeLocked);

/// <summary>
/// 综合窗口出件: the results ready for pick-up (准予 or 不予, not yet delivered) and the hand-over itself: the pick-up code,
/// the holder's ID or an agent with an authorisation letter, then the case machine's Deliver row, whose 送达回证 the
/// holder signs. Only clerks signed in at a Result window. A refused pick-up writes nothing but the attempt (audited) and,
/// for a wrong code, the count that locks the code after <see cref="PickupCode.MaxFailures"/>.
/// </summary>
public sealed class ResultWindow(OneSealDb db, WindowSeats seats, CaseCommands cases, PickupCodes codes, PersonalData personalData,
    Catalog.Versions.VersionFactsCache versions, IWorkingDayCalendar calendar, TimeProvider clock)
{
    /// <summary>Working days left at or under which the list warns (yellow); past the date it is red.</summary>
    public const int NearDays = 3;

    public async Task<IReadOnlyList<ReadyResult>> ReadyAsync(Actor actor, CancellationToken ct)
    {
        await EnsureResultWindowAsync(actor, ct);
        // The clerk role's reach, the one rule the single-case checks use (data scope, issue 10).
        var list = await db.Set<Case>().AsNoTracking().Where(Cases.Rules.CaseAccess.HandledWithinReach(actor, [Roles.Clerk]))
            .Where(c => c.Status == CaseStatus.CertificateIssued || c.Status == CaseStatus.Denied)
            .OrderBy(c => c.DeliveryDueDate).ThenBy(c => c.CaseNumber).Take(500).ToListAsync(ct);
        var ids = list.Select(c => c.Id).ToList();
        var fees = await db.Set<FeeDemand>().AsNoTracking().Where(d => ids.Contains(d.CaseId)).ToDictionaryAsync(d => d.CaseId, ct);
        var locked = (await db.Set<PickupCode>().AsNoTracking().Where(p => ids.Contains(p.CaseId) && p.LockedAt != null).Select(p => p.CaseId).ToListAsync(ct)).ToHashSet();
        var today = LegalDates.Today(clock);
        return list.Select(c =>
        {
            var (left, urgency) = Urgency(c.DeliveryDueDate, today);
            var fee = fees.GetValueOrDefault(c.Id);
            return new ReadyResult(c.Id, c.CaseNumber, c.ItemName, c.ApplicantName, c.Approved == true, c.Approved == true ? "准予许可" : "不予许可",
                c.DecidedOn, c.DeliveryDueDate, left, urgency, UrgencyLabel(urgency, left),
                fee is null ? "none" : fee.Status.ToString().ToLowerInvariant(), fee is null ? "无需缴费" : FeeLabels.Of(fee.Status),
                fee is null ? null : Rmb.Figures(fee.Amount), locked.Contains(c.Id));
        }).ToList();
    }

    /// <summary>Art. 44: working days left to the delivery date; yellow at <see cref="NearDays"/> or fewer, red once past.</summary>
    public (int? Left, string Urgency) Urgency(DateOnly? due, DateOnly today) => due switch
    {
        null => (null, "normal"),
        { } d when today > d => (-calendar.CountWorkingDays(d, today), "overdue"),
        { } d => (calendar.CountWorkingDays(today, d), calendar.CountWorkingDays(today, d) <= NearDays ? "near" : "normal"),
    };

    public static string UrgencyLabel(string urgency, int? left) => urgency switch
    {
        "overdue" => $"已超过法定送达期限{-left}个工作日",
        "near" => left == 0 ? "今日届满" : $"剩余{left}个工作日",
        _ => left is null ? "—" : $"剩余{left}个工作日",
    };

    public async Task<PickupResult> PickUpAsync(Actor actor, Guid caseId, PickupInput input, CancellationToken ct)
    {
        var wrongCode = false;
        try
        {
            return await db.InTransactionAsync(async () =>
            {
                await EnsureResultWindowAsync(actor, ct);
                var code = input.Code?.Trim() ?? "";
                if (code.Length == 0) throw new InvalidInputException("code", "required", "请输入取件码（code）。");
                if (code.Length != PickupCodes.Digits || !code.All(char.IsAsciiDigit))
                    throw new InvalidInputException("code", "pickup-code", "取件码（code）为6位数字。");
                var c = await db.Set<Case>().AsNoTracking().FirstOrDefaultAsync(x => x.Id == caseId, ct) ?? throw new NotFoundException("办件不存在或无权查看。");
                Cases.Rules.CaseAccess.EnsureStaff(actor, c, Roles.Clerk);
                var row = await db.Set<PickupCode>().FirstOrDefaultAsync(p => p.CaseId == caseId, ct)
                    ?? throw new ConflictException("no-pickup-code", "该办件尚未作出决定，没有取件码。");
                if (row.UsedAt is not null) throw new ConflictException("pickup-used", "该取件码已使用，审批结果已领取。");
                if (row.LockedAt is not null)
                    throw new ConflictException("pickup-locked", $"取件码（code）已连续输错{PickupCode.MaxFailures}次被锁定，请为申请人重新生成取件码。");
                if (!codes.Matches(row, code))
                {
                    wrongCode = true;
                    var left = PickupCode.MaxFailures - row.FailedAttempts - 1;
                    throw new InvalidInputException("code", "pickup-code",
                        left > 0 ? $"取件码（code）不正确，还可尝试{left}次。" : $"取件码（code）不正确，已连续输错{PickupCode.MaxFailures}次，取件码已锁定。");
                }
                var signedBy = await HolderCheckAsync(c, input, ct);
                row.UsedAt = clock.Now();
                var delivered = await cases.DeliverAsync(actor, caseId, "pickup", null, null, ct, signedBy);
                var receipt = await db.Set<CaseNotice>().AsNoTracking().Where(n => n.CaseId == caseId && n.Kind == NoticeKind.DeliveryReceipt)
                    .OrderByDescending(n => n.IssuedAt).Select(n => (Guid?)n.Id).FirstOrDefaultAsync(ct);
                return new PickupResult(caseId, delivered.CaseNumber, CaseStatusLabels.Api(delivered.Status), CaseStatusLabels.Of(delivered.Status),
                    receipt, receipt is { } r ? $"/hall/notices/{r}/print" : null);
            }, ct);
        }
        catch (DomainException e)
        {
            var now = clock.Now();
            await HallRefusals.AuditAsync(db, actor, "case.pickup-refused", "case", caseId.ToString(), e, now, ct, wrongCode ? () => CountFailure(caseId, now) : null);
            throw;
        }
    }

    /// <summary>A new code for a lost or locked one (result window); texted to the applicant, never shown to the clerk.</summary>
    public async Task ReissueAsync(Actor actor, Guid caseId, CancellationToken ct) => await db.InTransactionAsync(async () =>
    {
        await EnsureResultWindowAsync(actor, ct);
        var c = await db.Set<Case>().AsNoTracking().FirstOrDefaultAsync(x => x.Id == caseId, ct) ?? throw new NotFoundException("办件不存在或无权查看。");
        Cases.Rules.CaseAccess.EnsureStaff(actor, c, Roles.Clerk);
        if (c.Status is not (CaseStatus.CertificateIssued or CaseStatus.Denied))
            throw new ConflictException("invalid-transition", $"办件当前状态为“{CaseStatusLabels.Of(c.Status)}”，不能重新生成取件码。");
        var now = clock.Now();
        var code = await codes.IssueAsync(caseId, now, ct);
        var fee = await db.Set<FeeDemand>().AsNoTracking().FirstOrDefaultAsync(d => d.CaseId == caseId && d.Status == FeeDemandStatus.Unpaid, ct);
        await codes.TextAsync(c, code, fee, now, ct);
        db.Audit(actor, "case.pickup-code", "case", caseId.ToString(), "重新生成取件码", now);
        await db.CommitAsync(ct);
    }, ct);

    private void CountFailure(Guid caseId, DateTimeOffset now)
    {
        // Runs inside the refusal's own small transaction: one UPDATE, so concurrent wrong guesses each count.
        var row = db.Set<PickupCode>().FirstOrDefault(p => p.CaseId == caseId);
        if (row is null) return;
        row.FailedAttempts++;
        if (row.FailedAttempts >= PickupCode.MaxFailures) row.LockedAt ??= now;
    }

    /// <summary>
    /// The holder's (or applicant's) citizen ID number, or an agent with an authorisation letter: returns who signs the
    /// 送达回证. A number that is not theirs is a 400 naming <c>idNumber</c>.
    /// </summary>
    private async Task<string> HolderCheckAsync(Case c, PickupInput input, CancellationToken ct)
    {
        var today = LegalDates.Today(clock);
        var holder = await CaseHolder.OfAsync(db, c, HolderMapping.Of(await versions.GetAsync(db, c.ItemId, ct)), Cases.Forms.CaseForm.Read(c, personalData), personalData, ct);
        if (!string.IsNullOrWhiteSpace(input.IdNumber))
        {
            if (!CitizenIdNumber.TryParse(input.IdNumber, today, out var id, out _))
                throw new InvalidInputException("idNumber", "citizen-id", "领取人身份证号（idNumber）格式不正确。");
            var applicant = await db.Set<Account>().AsNoTracking().Where(a => a.Id == c.ApplicantAccountId).Select(a => a.IdentityCodeProtected).FirstOrDefaultAsync(ct);
            var known = new List<string>();
            if (holder.CodeType == Seal.HolderCodeTypes.CitizenId) known.Add(holder.Code.Trim().ToUpperInvariant());
            if (applicant is not null) known.Add(personalData.Unprotect(applicant).Trim().ToUpperInvariant());
            if (!known.Contains(id.Value))
                throw new InvalidInputException("idNumber", "holder-mismatch", "领取人身份证号（idNumber）与申请人或持证人不一致；代领须登记代理人并核验授权委托书。");
            return $"{holder.Name}（身份证 {id.Masked}）";
        }
        var agent = input.AgentName?.Trim();
        if (string.IsNullOrEmpty(agent))
            throw new InvalidInputException("idNumber", "required", "请输入领取人身份证号（idNumber），或登记代理人姓名和身份证号。");
        if (agent.Length > 64) throw new InvalidInputException("agentName", "max-length", "代理人姓名不能超过64个字符。");
        if (!CitizenIdNumber.TryParse(input.AgentIdNumber, today, out var agentId, out _))
            throw new InvalidInputException("agentIdNumber", "citizen-id", "代理人身份证号（agentIdNumber）格式不正确。");
        if (input.AgentLetterChecked != true)
            throw new InvalidInputException("agentLetterChecked", "required", "代领须核验申请人出具的授权委托书（agentLetterChecked）。");
        return $"{agent}（代理人，身份证 {agentId.Masked}，凭授权委托书代{holder.Name}领取）";
    }

    private async Task EnsureResultWindowAsync(Actor actor, CancellationToken ct)
    {
        if (!actor.Has(Roles.Clerk)) throw new ForbiddenException("role", "只有综合窗口人员可以在出件窗口发放审批结果。");
        await seats.EnsureAtAsync(actor, "window", ct, WindowKind.Result);
    }
}
