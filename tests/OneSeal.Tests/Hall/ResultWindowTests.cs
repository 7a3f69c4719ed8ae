using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using OneSeal.Cases;
using OneSeal.Counter.Results;
using OneSeal.Notices;
using OneSeal.Tests.Api;
using OneSeal.Tests.Infrastructure;
using Case = OneSeal.Cases.Case;

namespace OneSeal.Tests.Hall;

/// <summary>
/// Issue 11 §5, the result window (综合窗口出件): decided cases wait with their Art. 44 date; the holder brings the
/// pick-up code and their ID (or an agent the authorisation letter); a wrong code or ID writes nothing but the audited
/// attempt, and five wrong codes lock the code until a new one is issued.
/// </summary>
public abstract class ResultWindowTests(OneSealFactory app) : ResultsAndFeesTestBase(app)
{
    [Fact]
    public async Task The_holder_with_the_right_code_and_ID_is_handed_the_result_and_the_receipt_is_printed()
    {
        var id = await DecidedCaseAsync(fee: null);
        var code = await PickupCodeAsync(id);
        code.Length.ShouldBe(6);
        // Staff never see the code in clear.
        (await CollectionAsync(id, "clerk")).GetProperty("pickupCode").ValueKind.ShouldBe(JsonValueKind.Null);
        (await InDb(db => db.Set<PickupCode>().AsNoTracking().SingleAsync(p => p.CaseId == id))).CodeHash.ShouldNotContain(code);

        await SitAsync("clerk", "C01");
        var clerk = await As("clerk");
        var ready = (await clerk.GetFromJsonAsync<List<JsonElement>>("/api/v1/results"))!.Single(r => r.GetProperty("caseId").GetGuid() == id);
        var due = await InDb(db => db.Set<Case>().Where(c => c.Id == id).Select(c => c.DeliveryDueDate).SingleAsync());
        ready.GetProperty("deliveryDueDate").GetString().ShouldBe(due!.Value.ToString("yyyy-MM-dd"));
        ready.GetProperty("urgency").GetString().ShouldBe("normal");
        ready.GetProperty("urgencyLabel").GetString()!.ShouldStartWith("剩余");

        using var response = await clerk.PostAsJsonAsync($"/api/v1/cases/{id}/pickup", new { code, idNumber = Demo.CitizenId });
        await ShouldBeAsync(response, HttpStatusCode.OK);
        var result = await response.Content.ReadFromJsonAsync<JsonElement>();
        result.GetProperty("status").GetString().ShouldBe("delivered");
        var receipt = result.GetProperty("deliveryReceiptId").GetGuid();
        result.GetProperty("printUrl").GetString().ShouldBe($"/hall/notices/{receipt}/print");
        var notice = await InDb(db => db.Set<CaseNotice>().AsNoTracking().SingleAsync(n => n.Id == receipt));
        notice.Kind.ShouldBe(NoticeKind.DeliveryReceipt);
        notice.FieldsJson.ShouldContain("窗口领取");
        notice.FieldsJson.ShouldContain("360999********1239");
        (await CollectionAsync(id)).GetProperty("pickedUp").GetBoolean().ShouldBeTrue();
        (await clerk.GetFromJsonAsync<List<JsonElement>>("/api/v1/results"))!.ShouldNotContain(r => r.GetProperty("caseId").GetGuid() == id);
    }

    [Fact]
    public async Task A_wrong_code_or_another_persons_ID_is_refused_naming_the_field_writes_nothing_and_is_audited()
    {
        var id = await DecidedCaseAsync(fee: null);
        var code = await PickupCodeAsync(id);
        await SitAsync("clerk", "C01");
        var clerk = await As("clerk");
        var before = await FootprintAsync(id);
        var wrong = code == "000000" ? "111111" : "000000";
        using (var badCode = await clerk.PostAsJsonAsync($"/api/v1/cases/{id}/pickup", new { code = wrong, idNumber = Demo.CitizenId }))
            await ShouldBeProblemAsync(badCode, HttpStatusCode.BadRequest, field: "code", rule: "pickup-code");
        using (var otherPerson = await clerk.PostAsJsonAsync($"/api/v1/cases/{id}/pickup", new { code, idNumber = "11010519491231002X" }))
            await ShouldBeProblemAsync(otherPerson, HttpStatusCode.BadRequest, field: "idNumber", rule: "holder-mismatch");
        using (var agentNoLetter = await clerk.PostAsJsonAsync($"/api/v1/cases/{id}/pickup", new { code, agentName = "李四", agentIdNumber = "11010519491231002X" }))
            await ShouldBeProblemAsync(agentNoLetter, HttpStatusCode.BadRequest, field: "agentLetterChecked");
        // Not at a result window: the comprehensive window A01 refuses with window-kind.
        await SitAsync("clerk", "A01");
        using (var atA01 = await clerk.PostAsJsonAsync($"/api/v1/cases/{id}/pickup", new { code, idNumber = Demo.CitizenId }))
            await ShouldBeProblemAsync(atA01, HttpStatusCode.Conflict, rule: "window-kind");
        // Nothing written but the four refused attempts' audit lines.
        (await FootprintAsync(id)).ShouldBe(before with { AuditEntries = before.AuditEntries + 4 });
        (await AuditCountAsync("case.pickup-refused", id)).ShouldBe(4);

        // An agent with the authorisation letter checked collects it.
        await SitAsync("clerk", "C01");
        using var agent = await clerk.PostAsJsonAsync($"/api/v1/cases/{id}/pickup",
            new { code, agentName = "李四", agentIdNumber = "11010519491231002X", agentLetterChecked = true });
        await ShouldBeAsync(agent, HttpStatusCode.OK);
        var receipt = (await agent.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("deliveryReceiptId").GetGuid();
        (await InDb(db => db.Set<CaseNotice>().AsNoTracking().SingleAsync(n => n.Id == receipt))).FieldsJson.ShouldContain("授权委托书");
    }

    [Fact]
    public async Task Five_wrong_codes_lock_the_code_until_the_result_window_issues_a_new_one()
    {
        var id = await DecidedCaseAsync(fee: null);
        var code = await PickupCodeAsync(id);
        await SitAsync("clerk", "C01");
        var clerk = await As("clerk");
        var wrong = code == "000000" ? "111111" : "000000";
        for (var i = 0; i < PickupCode.MaxFailures; i++)
            using (var r = await clerk.PostAsJsonAsync($"/api/v1/cases/{id}/pickup", new { code = wrong, idNumber = Demo.CitizenId }))
                await ShouldBeProblemAsync(r, HttpStatusCode.BadRequest, field: "code");
        using (var locked = await clerk.PostAsJsonAsync($"/api/v1/cases/{id}/pickup", new { code, idNumber = Demo.CitizenId }))
            await ShouldBeProblemAsync(locked, HttpStatusCode.Conflict, rule: "pickup-locked");
        (await CollectionAsync(id)).GetProperty("pickupCodeLocked").GetBoolean().ShouldBeTrue();

        using (var reissue = await clerk.PostAsync($"/api/v1/cases/{id}/pickup-code", null)) await ShouldBeAsync(reissue, HttpStatusCode.NoContent);
        var fresh = await PickupCodeAsync(id);
        using var ok = await clerk.PostAsJsonAsync($"/api/v1/cases/{id}/pickup", new { code = fresh, idNumber = Demo.CitizenId });
        await ShouldBeAsync(ok, HttpStatusCode.OK);
    }

    [Fact]
    public async Task The_list_warns_when_the_Art_44_date_is_near_and_when_it_has_passed_and_an_unpaid_fee_blocks_pick_up()
    {
        var near = await DecidedCaseAsync(fee: null);
        var over = await DecidedCaseAsync();
        // The legal date (Asia/Shanghai), not the machine's.
        var today = OneSeal.Platform.Time.LegalDates.Today((TimeProvider)App.Services.GetService(typeof(TimeProvider))!);
        await InDb(db => db.Set<Case>().Where(c => c.Id == near).ExecuteUpdateAsync(u => u.SetProperty(c => c.DeliveryDueDate, today)));
        await InDb(db => db.Set<Case>().Where(c => c.Id == over).ExecuteUpdateAsync(u => u.SetProperty(c => c.DeliveryDueDate, today.AddDays(-7))));
        await SitAsync("clerk", "C01");
        var clerk = await As("clerk");
        var list = (await clerk.GetFromJsonAsync<List<JsonElement>>("/api/v1/results"))!;
        list.Single(r => r.GetProperty("caseId").GetGuid() == near).GetProperty("urgency").GetString().ShouldBe("near");
        var late = list.Single(r => r.GetProperty("caseId").GetGuid() == over);
        (late.GetProperty("urgency").GetString(), late.GetProperty("fee").GetString()).ShouldBe(("overdue", "unpaid"));
        late.GetProperty("urgencyLabel").GetString()!.ShouldStartWith("已超过法定送达期限");

        using var unpaid = await clerk.PostAsJsonAsync($"/api/v1/cases/{over}/pickup", new { code = await PickupCodeAsync(over), idNumber = Demo.CitizenId });
        await ShouldBeProblemAsync(unpaid, HttpStatusCode.Conflict, rule: "fee-unpaid");
        (await InDb(db => db.Set<PickupCode>().AsNoTracking().SingleAsync(p => p.CaseId == over))).UsedAt.ShouldBeNull();
    }
}

[Trait("Provider", "Sqlite")]
public sealed class ResultWindowTests_Sqlite(SqliteApp app) : ResultWindowTests(app), IClassFixture<SqliteApp>;

[Trait("Provider", "Postgres")]
public sealed class ResultWindowTests_Postgres(PostgresApp app) : ResultWindowTests(app), IClassFixture<PostgresApp>;
