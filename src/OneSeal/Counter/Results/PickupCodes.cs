using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using OneSeal.Cases;
using OneSeal.Cases.Decision;
using OneSeal.Counter.Fees;
using OneSeal.Organisation;
using OneSeal.Platform.Audit;
using OneSeal.Platform.Database;
using OneSeal.Platform.Security;
using OneSeal.Platform.Sms;

namespace OneSeal.Counter.Results;

/// <summary>
/// Every decision (准予 or 不予) gives its case a 取件码 in the decision's transaction, texted to the applicant's verified
/// mobile when SMS is available and shown on their case page. The result window issues a new one when the old is locked
/// or lost.
/// </summary>
public sealed class PickupCodes(OneSealDb db, LookupHash lookup, PersonalData personalData, SmsQueue sms, SmsOptions smsOptions) : ICaseDecisionListener
{
    public const int Digits = 6;

    public async Task OnDecidedAsync(Case decided, Actor actor, DateTimeOffset now, CancellationToken ct)
    {
        var code = await IssueAsync(decided.Id, now, ct);
        db.Audit(actor, "case.pickup-code", "case", decided.Id.ToString(), "生成取件码", now);
        // The fee demand of the same decision, if any (added just before by FeeDemands): the message says to pay first.
        var fee = db.ChangeTracker.Entries<FeeDemand>().Select(e => e.Entity).FirstOrDefault(d => d.CaseId == decided.Id);
        await TextAsync(decided, code, fee, now, ct);
    }

    /// <summary>A new code for the case (the old one stops working); returns it in clear for the message only.</summary>
    public async Task<string> IssueAsync(Guid caseId, DateTimeOffset now, CancellationToken ct)
    {
        var code = RandomNumberGenerator.GetInt32(0, 1_000_000).ToString("D6", System.Globalization.CultureInfo.InvariantCulture);
        var row = await db.Set<PickupCode>().FirstOrDefaultAsync(p => p.CaseId == caseId, ct);
        if (row is null)
        {
            row = new PickupCode { CaseId = caseId, CodeHash = "", CodeProtected = "" };
            db.Add(row);
        }
        row.CodeHash = HashOf(caseId, code);
        row.CodeProtected = personalData.Protect(code);
        row.FailedAttempts = 0;
        row.LockedAt = null;
        row.UsedAt = null;
        row.IssuedAt = now;
        return code;
    }

    public bool Matches(PickupCode row, string code) =>
        CryptographicOperations.FixedTimeEquals(System.Text.Encoding.ASCII.GetBytes(row.CodeHash), System.Text.Encoding.ASCII.GetBytes(HashOf(row.CaseId, code)));

    /// <summary>The code in clear, for the applicant's own case page.</summary>
    public string Reveal(PickupCode row) => personalData.Unprotect(row.CodeProtected);

    /// <summary>Keyed hash bound to the case: the same six digits of two cases hash apart.</summary>
    private string HashOf(Guid caseId, string code) => lookup.Of("pickup-code", $"{caseId:N}:{code}");

    public async Task TextAsync(Case c, string code, FeeDemand? fee, DateTimeOffset now, CancellationToken ct)
    {
        if (!smsOptions.UsesGateway && !smsOptions.Demo) return;
        var applicant = await db.Set<Account>().AsNoTracking().Where(a => a.Id == c.ApplicantAccountId)
            .Select(a => new { a.PhoneProtected, a.Phone }).FirstOrDefaultAsync(ct);
        var phone = applicant?.PhoneProtected is { } p ? personalData.Unprotect(p) : applicant?.Phone;
        if (string.IsNullOrWhiteSpace(phone)) return;
        var pay = fee is null ? "" : $"请先缴纳费用{Rmb.Figures(fee.Amount)}（非税缴款码{fee.PaymentCode}），";
        sms.Queue(phone, $"【青山县政务服务】您的办件{c.CaseNumber}（{c.ItemName}）已作出决定。{pay}取件码{code}，请携带本人身份证件到综合出件窗口领取。", now);
    }
}
