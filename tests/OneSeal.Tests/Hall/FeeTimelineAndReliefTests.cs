using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using OneSeal.Counter.Fees;
using OneSeal.Tests.Infrastructure;

namespace OneSeal.Tests.Hall;

/// <summary>
/// Issue 11 gaps, fees: payments and refunds on the case timeline (who, the amount, the payment code's last digits only),
/// and the window chief's fee power (收费事项的执行权, seed 003): with the grant, reduce or waive an unpaid fee under a
/// preferential policy — a new 缴款通知书 for a reduced amount, delivery allowed once waived; without it, refused and audited.
/// </summary>
public abstract class FeeTimelineAndReliefTests(OneSealFactory app) : ResultsAndFeesTestBase(app)
{
    private async Task<OneSeal.Cases.CaseEvent> LastLineAsync(Guid caseId) =>
        await InDb(db => db.Set<OneSeal.Cases.CaseEvent>().AsNoTracking().Where(e => e.CaseId == caseId).OrderBy(e => e.Id).LastAsync());

    private async Task<HttpResponseMessage> RelieveAsync(Guid caseId, object body) =>
        await (await As("winchief")).PostAsJsonAsync($"/api/v1/cases/{caseId}/fee-relief", body);

    [Fact]
    public async Task Payments_at_the_window_and_by_the_platform_and_refunds_are_on_the_timeline_with_the_code_masked()
    {
        var id = await DecidedCaseAsync();
        var code = (await DemandAsync(id)).PaymentCode;
        await SitAsync("cashier", "D01");
        var cashier = await As("cashier");
        Guid payment;
        using (var paid = await PayAsync(cashier, id, Fee, "scan", "E-INV-7001"))
        {
            await ShouldBeAsync(paid, HttpStatusCode.Created);
            payment = (await paid.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("paymentId").GetGuid();
        }
        var cashierName = await InDb(db => db.Set<OneSeal.Organisation.Account>().Where(a => a.Username == "cashier").Select(a => a.DisplayName).SingleAsync());
        var line = (await GetCaseAsync(await As("applicant"), id)).Timeline.Last();
        line.Actor.ShouldBe(cashierName);
        line.Note!.ShouldContain("已缴费 ¥300.00");
        line.Note!.ShouldContain("D01");
        line.Note!.ShouldContain("尾号 " + code[^4..]);
        line.Note!.ShouldNotContain(code);

        using (var refunded = await cashier.PostAsJsonAsync($"/api/v1/payments/{payment}/refund", new { reason = "申请人多缴，原路退回" }))
            await ShouldBeAsync(refunded, HttpStatusCode.OK);
        var refund = await LastLineAsync(id);
        (refund.Action, refund.ActorName).ShouldBe((OneSeal.Cases.CaseActions.FeeRefunded, cashierName));
        refund.Note!.ShouldContain("已退费 ¥300.00");
        refund.Note!.ShouldContain("申请人多缴");

        var online = await DecidedCaseAsync();
        var onlineCode = (await DemandAsync(online)).PaymentCode;
        using (var ok = await CallbackAsync(new { transactionId = Unique("PAY"), paymentCode = onlineCode, amount = Fee, receiptNumber = "EI-1" }))
            await ShouldBeAsync(ok, HttpStatusCode.OK);
        var platform = await LastLineAsync(online);
        (platform.Action, platform.ActorName, platform.ActorId).ShouldBe((OneSeal.Cases.CaseActions.FeePaid, "缴款平台", (Guid?)null));
        platform.Note!.ShouldContain("已缴费 ¥300.00（缴款平台");
        platform.Note!.ShouldNotContain(onlineCode);
    }

    [Fact]
    public async Task A_window_chief_with_the_fee_power_reduces_or_waives_an_unpaid_fee_and_without_it_is_refused()
    {
        var reduced = await DecidedCaseAsync();
        var first = await DemandAsync(reduced);
        var secadmin = await As("secadmin");
        var powers = $"/api/v1/admin/staff/{await AccountIdAsync("winchief")}/powers";
        using (var revoke = await secadmin.PutAsJsonAsync(powers, new { powers = Array.Empty<string>() })) await ShouldBeAsync(revoke, HttpStatusCode.OK);
        using (var ungranted = await RelieveAsync(reduced, new { amount = 100m, basis = "招商引资优惠政策" }))
            await ShouldBeProblemAsync(ungranted, HttpStatusCode.Forbidden, rule: "power-not-granted");
        using (var cashier = await (await As("cashier")).PostAsJsonAsync($"/api/v1/cases/{reduced}/fee-relief", new { amount = 0m, basis = "x" }))
            await ShouldBeProblemAsync(cashier, HttpStatusCode.Forbidden, rule: "role");
        using (var grant = await secadmin.PutAsJsonAsync(powers, new { powers = new[] { "enforce-fees" } }))
            await ShouldBeAsync(grant, HttpStatusCode.OK);

        using (var higher = await RelieveAsync(reduced, new { amount = 300m, basis = "招商引资优惠政策" }))
            await ShouldBeProblemAsync(higher, HttpStatusCode.BadRequest, field: "amount", rule: "not-lower");
        using (var cents = await RelieveAsync(reduced, new { amount = 1.005m, basis = "招商引资优惠政策" }))
            await ShouldBeProblemAsync(cents, HttpStatusCode.BadRequest, field: "amount", rule: "money");
        using (var noBasis = await RelieveAsync(reduced, new { amount = 100m }))
            await ShouldBeProblemAsync(noBasis, HttpStatusCode.BadRequest, field: "basis");
        (await DemandAsync(reduced)).Amount.ShouldBe(Fee);
        (await AuditCountAsync("fee.relief-refused", reduced)).ShouldBe(3);

        using (var ok = await RelieveAsync(reduced, new { amount = 100m, basis = "青政发〔2026〕3号 招商引资项目行政事业性收费减半" }))
        {
            await ShouldBeAsync(ok, HttpStatusCode.OK);
            (await ok.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("amountText").GetString().ShouldBe("¥100.00");
        }
        var after = await DemandAsync(reduced);
        (after.Amount, after.OriginalAmount, after.Status).ShouldBe((100m, (decimal?)Fee, FeeDemandStatus.Unpaid));
        after.NoticeId.ShouldNotBe(first.NoticeId);
        (await LastLineAsync(reduced)).Note!.ShouldContain("由 ¥300.00 减为 ¥100.00");
        (await AuditCountAsync("fee.relief", reduced)).ShouldBe(1);
        await SitAsync("cashier", "D01");
        using (var old = await PayAsync(await As("cashier"), reduced, Fee))
            await ShouldBeProblemAsync(old, HttpStatusCode.BadRequest, field: "amount", rule: "amount-mismatch");
        using (var paid = await PayAsync(await As("cashier"), reduced, 100m)) await ShouldBeAsync(paid, HttpStatusCode.Created);
        using (var late = await RelieveAsync(reduced, new { amount = 0m, basis = "招商引资优惠政策" }))
            await ShouldBeProblemAsync(late, HttpStatusCode.Conflict, rule: "fee-not-unpaid");

        // Waived: nothing to pay, the result is delivered.
        var waived = await DecidedCaseAsync();
        using var browser = await Organisation.SignInTestKit.CookieBrowserAsync(App, "winchief");
        (await browser.GetStringAsync($"/hall/cases/{waived}")).ShouldContain("fee-relief-form");
        using (var ok = await RelieveAsync(waived, new { amount = 0m, basis = "重点招商项目免收" })) await ShouldBeAsync(ok, HttpStatusCode.OK);
        (await DemandAsync(waived)).Status.ShouldBe(FeeDemandStatus.Waived);
        (await browser.GetStringAsync($"/hall/cases/{waived}")).ShouldNotContain("fee-relief-form");
        (await StepAsync(await As("clerk"), waived, "deliver", new { mode = "post", trackingNumber = "EMS1187654321036" })).ShouldBe("delivered");
    }

    [Fact]
    public async Task The_hall_case_page_shows_the_clerks_nothing_to_accept_line_to_clerks_only()
    {
        var id = await ReviewedCaseAsync();
        using var chief = await Organisation.SignInTestKit.CookieBrowserAsync(App, "winchief");
        (await chief.GetStringAsync($"/hall/cases/{id}")).ShouldNotContain("无需受理操作");
        using var clerk = await Organisation.SignInTestKit.CookieBrowserAsync(App, "clerk");
        (await clerk.GetStringAsync($"/hall/cases/{id}")).ShouldContain("无需受理操作");
    }
}

[Trait("Provider", "Sqlite")]
public sealed class FeeTimelineAndReliefTests_Sqlite(FeeSqliteApp app) : FeeTimelineAndReliefTests(app), IClassFixture<FeeSqliteApp>;

[Trait("Provider", "Postgres")]
public sealed class FeeTimelineAndReliefTests_Postgres(FeePostgresApp app) : FeeTimelineAndReliefTests(app), IClassFixture<FeePostgresApp>;
