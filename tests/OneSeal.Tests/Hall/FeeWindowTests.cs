using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using OneSeal.Counter.Fees;
using OneSeal.Notices;
using OneSeal.Tests.Api;
using OneSeal.Tests.Infrastructure;

namespace OneSeal.Tests.Hall;

/// <summary>
/// Issue 11 §6, the central fee window (集中收费): a fee demand with a payment code and 缴款通知书 at approval; payment
/// only by a fee clerk at the fee window, for the exact amount, or by the platform's signed callback; no delivery while
/// unpaid; refunds; the day's reconciliation; 企业开办 items charge nothing.
/// </summary>
public abstract class FeeWindowTests(OneSealFactory app) : ResultsAndFeesTestBase(app)
{
    [Fact]
    public async Task Approval_opens_a_demand_with_the_amount_a_valid_code_and_a_fee_notice_and_the_applicant_sees_it()
    {
        var id = await DecidedCaseAsync();
        var demand = await DemandAsync(id);
        (demand.Amount, demand.Status).ShouldBe((Fee, FeeDemandStatus.Unpaid));
        PaymentCodes.IsValid(demand.PaymentCode).ShouldBeTrue(demand.PaymentCode);
        demand.PaymentCode.ShouldStartWith("360999");
        var notice = await InDb(db => db.Set<CaseNotice>().AsNoTracking().SingleAsync(n => n.Id == demand.NoticeId));
        notice.Kind.ShouldBe(NoticeKind.FeeNotice);
        notice.FieldsJson.ShouldContain("人民币叁佰元整");
        notice.FieldsJson.ShouldContain(demand.PaymentCode);

        var fee = (await CollectionAsync(id)).GetProperty("fee");
        (fee.GetProperty("amountText").GetString(), fee.GetProperty("paymentCode").GetString(), fee.GetProperty("statusLabel").GetString())
            .ShouldBe(("¥300.00", demand.PaymentCode, "待缴费"));
        // A denial owes nothing.
        var denied = await DecidedCaseAsync(approve: false);
        (await InDb(db => db.Set<FeeDemand>().AnyAsync(d => d.CaseId == denied))).ShouldBeFalse();
    }

    [Fact]
    public async Task The_fee_clerk_at_the_fee_window_records_the_exact_amount_and_delivery_is_refused_until_then()
    {
        var id = await DecidedCaseAsync();
        var clerk = await As("clerk");
        using (var refused = await ActAsync(clerk, id, "deliver", new { mode = "pickup" }))
            (await ShouldBeProblemAsync(refused, HttpStatusCode.Conflict, rule: "fee-unpaid")).GetProperty("detail").GetString()!.ShouldContain("尚未缴纳");

        await SitAsync("cashier", "D01");
        var cashier = await As("cashier");
        using (var wrong = await PayAsync(cashier, id, 299.99m))
            await ShouldBeProblemAsync(wrong, HttpStatusCode.BadRequest, field: "amount", rule: "amount-mismatch");
        using (var badMethod = await PayAsync(cashier, id, Fee, method: "cheque"))
            await ShouldBeProblemAsync(badMethod, HttpStatusCode.BadRequest, field: "method");
        (await DemandAsync(id)).Status.ShouldBe(FeeDemandStatus.Unpaid);
        (await AuditCountAsync("fee.payment-refused", id)).ShouldBe(2);

        using (var paid = await PayAsync(cashier, id, Fee, method: "scan", receipt: "E-INV-0001"))
            await ShouldBeAsync(paid, HttpStatusCode.Created);
        (await DemandAsync(id)).Status.ShouldBe(FeeDemandStatus.Paid);
        using (var again = await PayAsync(cashier, id, Fee))
            await ShouldBeProblemAsync(again, HttpStatusCode.Conflict, rule: "fee-not-unpaid");
        (await StepAsync(clerk, id, "deliver", new { mode = "post", trackingNumber = "EMS1187654321036" })).ShouldBe("delivered");
    }

    [Fact]
    public async Task No_payment_at_another_window_or_by_another_role_and_each_refusal_is_audited()
    {
        var id = await DecidedCaseAsync();
        // The clerk holds no fee-clerk role: 403 role, wherever they sit.
        await SitAsync("clerk", "C01");
        using (var clerk = await PayAsync(await As("clerk"), id, Fee))
            await ShouldBeProblemAsync(clerk, HttpStatusCode.Forbidden, rule: "role");
        // The cashier not signed in: 403 not-at-window.
        using (var signOut = await (await As("cashier")).PostAsync("/api/v1/windows/sign-out", null)) await ShouldBeAsync(signOut, HttpStatusCode.OK);
        using (var notSeated = await PayAsync(await As("cashier"), id, Fee))
            await ShouldBeProblemAsync(notSeated, HttpStatusCode.Forbidden, rule: "not-at-window");
        // The cashier signed in at another kind of window (made their A post for the test): 409 window-kind.
        var cashierId = await AccountIdAsync("cashier");
        await InDb(db => db.Set<OneSeal.Hall.Window>().Where(w => w.Number == "Q01").ExecuteUpdateAsync(u => u.SetProperty(w => w.BPostId, (Guid?)cashierId)));
        await SitAsync("cashier", "Q01");
        using (var enquiry = await PayAsync(await As("cashier"), id, Fee))
            (await ShouldBeProblemAsync(enquiry, HttpStatusCode.Conflict, rule: "window-kind")).GetProperty("detail").GetString()!.ShouldContain("“收费”窗口");
        (await DemandAsync(id)).Status.ShouldBe(FeeDemandStatus.Unpaid);
        (await InDb(db => db.Set<FeePayment>().CountAsync(p => p.CaseId == id))).ShouldBe(0);
        (await AuditCountAsync("fee.payment-refused", id)).ShouldBe(3);
    }

    [Fact]
    public async Task A_signed_callback_marks_the_demand_paid_once_and_forged_stale_or_reused_ones_write_nothing()
    {
        var id = await DecidedCaseAsync();
        var code = (await DemandAsync(id)).PaymentCode;
        var txn = Unique("PAY");
        var note = new { transactionId = txn, paymentCode = code, amount = Fee, receiptNumber = "EI-2026-0001" };

        using (var forged = await CallbackAsync(note, secret: "not-the-secret"))
            await ShouldBeProblemAsync(forged, HttpStatusCode.Unauthorized, rule: "signature");
        using (var altered = await CallbackAsync(note, tamper: b => b.Replace("300", "3")))
            await ShouldBeProblemAsync(altered, HttpStatusCode.Unauthorized, rule: "signature");
        using (var stale = await CallbackAsync(note, timestamp: PlatformNow() - 3600))
            await ShouldBeProblemAsync(stale, HttpStatusCode.Unauthorized, rule: "stale-timestamp");
        (await DemandAsync(id)).Status.ShouldBe(FeeDemandStatus.Unpaid);
        (await InDb(db => db.Set<OneSeal.Platform.Audit.AuditEntry>().CountAsync(e => e.Action == "fee.callback-refused"))).ShouldBeGreaterThanOrEqualTo(3);

        using (var ok = await CallbackAsync(note))
        {
            await ShouldBeAsync(ok, HttpStatusCode.OK);
            (await ok.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString().ShouldBe("recorded");
        }
        // The platform retries: answered as before, nothing new.
        using (var replay = await CallbackAsync(note))
            (await replay.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString().ShouldBe("already-recorded");
        (await InDb(db => db.Set<FeePayment>().CountAsync(p => p.CaseId == id))).ShouldBe(1);
        (await DemandAsync(id)).Status.ShouldBe(FeeDemandStatus.Paid);

        // The same transaction id for another code is refused.
        var other = await DecidedCaseAsync();
        using (var reused = await CallbackAsync(new { transactionId = txn, paymentCode = (await DemandAsync(other)).PaymentCode, amount = Fee }))
            await ShouldBeProblemAsync(reused, HttpStatusCode.Conflict, rule: "transaction-reused");
        (await DemandAsync(other)).Status.ShouldBe(FeeDemandStatus.Unpaid);
    }

    [Fact]
    public async Task A_refund_with_a_reason_and_the_days_reconciliation_by_department_and_method()
    {
        var before = await ReconciliationAsync();
        var a = await DecidedCaseAsync();
        var b = await DecidedCaseAsync();
        await SitAsync("cashier", "D01");
        var cashier = await As("cashier");
        Guid paymentA;
        using (var paid = await PayAsync(cashier, a, Fee, "cash", "R-1"))
        {
            await ShouldBeAsync(paid, HttpStatusCode.Created);
            paymentA = (await paid.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("paymentId").GetGuid();
        }
        using (var paid = await PayAsync(cashier, b, Fee, "card", "R-2")) await ShouldBeAsync(paid, HttpStatusCode.Created);

        using (var noReason = await cashier.PostAsJsonAsync($"/api/v1/payments/{paymentA}/refund", new { reason = " " }))
            await ShouldBeProblemAsync(noReason, HttpStatusCode.BadRequest, field: "reason");
        using (var refund = await cashier.PostAsJsonAsync($"/api/v1/payments/{paymentA}/refund", new { reason = "申请人属小微企业，依法免收" }))
            await ShouldBeAsync(refund, HttpStatusCode.OK);
        (await DemandAsync(a)).Status.ShouldBe(FeeDemandStatus.Refunded);
        using (var twice = await cashier.PostAsJsonAsync($"/api/v1/payments/{paymentA}/refund", new { reason = "再退" }))
            await ShouldBeProblemAsync(twice, HttpStatusCode.Conflict, rule: "already-refunded");

        var after = await ReconciliationAsync();
        (after.GetProperty("count").GetInt32() - before.GetProperty("count").GetInt32()).ShouldBe(2);
        (after.GetProperty("amount").GetDecimal() - before.GetProperty("amount").GetDecimal()).ShouldBe(2 * Fee);
        (after.GetProperty("refundAmount").GetDecimal() - before.GetProperty("refundAmount").GetDecimal()).ShouldBe(Fee);
        var bureau = after.GetProperty("departments").EnumerateArray().Single(d => d.GetProperty("departmentName").GetString()!.Contains("行政审批局"));
        bureau.GetProperty("byMethod").EnumerateArray().Select(m => m.GetProperty("methodLabel").GetString()).ShouldContain("银行卡");

        using var export = await cashier.GetAsync("/api/v1/payments/reconciliation/export");
        await ShouldBeAsync(export, HttpStatusCode.OK);
        export.Content.Headers.ContentType!.MediaType.ShouldBe(OneSeal.Platform.Spreadsheets.XlsxBook.ContentType);
        using (var badDate = await cashier.GetAsync("/api/v1/payments/reconciliation?date=yesterday"))
            await ShouldBeProblemAsync(badDate, HttpStatusCode.BadRequest, field: "date");
        using (var applicant = await (await As("applicant")).GetAsync("/api/v1/payments/reconciliation"))
            await ShouldBeProblemAsync(applicant, HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task A_business_start_up_item_charges_nothing_even_when_the_item_names_a_fee()
    {
        await SetFeeAsync(Demo.SoleTrader, 50m);
        try
        {
            var id = await SubmittedCaseAsync(itemCode: Demo.SoleTrader, form: Demo.SoleTraderForm());
            (await StepAsync(await As("clerk"), id, "accept")).ShouldBe("accepted");
            (await StepAsync(await As("chief"), id, "decide", new { approve = true })).ShouldBe("certificate-issued");
            (await InDb(db => db.Set<FeeDemand>().AnyAsync(d => d.CaseId == id))).ShouldBeFalse();
            (await CollectionAsync(id)).GetProperty("fee").ValueKind.ShouldBe(JsonValueKind.Null);
        }
        finally
        {
            await SetFeeAsync(Demo.SoleTrader, null);
        }
    }

    private async Task<JsonElement> ReconciliationAsync()
    {
        using var response = await (await As("cashier")).GetAsync("/api/v1/payments/reconciliation");
        await ShouldBeAsync(response, HttpStatusCode.OK);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }
}

[Trait("Provider", "Sqlite")]
public sealed class FeeWindowTests_Sqlite(FeeSqliteApp app) : FeeWindowTests(app), IClassFixture<FeeSqliteApp>;

[Trait("Provider", "Postgres")]
public sealed class FeeWindowTests_Postgres(FeePostgresApp app) : FeeWindowTests(app), IClassFixture<FeePostgresApp>;
