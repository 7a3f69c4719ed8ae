using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using OneSeal.Hall.Enquiries;
using OneSeal.Organisation;
using OneSeal.Platform.Audit;
using OneSeal.Platform.Database;
using OneSeal.Tests.Api;
using OneSeal.Tests.Infrastructure;

namespace OneSeal.Tests.Hall;

/// <summary>
/// Issue 11 §7: 首问登记 — any window records a question (who asked, about which item, the answer, referred to whom);
/// one not closed within one working day (the working-day calendar, not 24 hours) is overdue for the window chief.
/// </summary>
public abstract class EnquiryTests(OneSealFactory app) : CaseApiTestBase(app)
{
    private const string Enquiries = "/api/v1/enquiries";
    private FakeTimeProvider Clock => App.Time!;

    private async Task<HttpClient> SeatedAsync(string username, string window = "A01")
    {
        var client = await App.ClientFor(username);
        var windows = (await client.GetFromJsonAsync<List<JsonElement>>("/api/v1/windows"))!;
        var id = windows.Single(w => w.GetProperty("window").GetProperty("number").GetString() == window).GetProperty("window").GetProperty("id").GetGuid();
        using var seat = await client.PostAsync($"/api/v1/windows/{id}/sign-in", null);
        await ShouldBeAsync(seat, HttpStatusCode.OK);
        return client;
    }

    private static async Task<JsonElement> RecordAsync(HttpClient client, object body)
    {
        using var response = await client.PostAsJsonAsync(Enquiries, body);
        await ShouldBeAsync(response, HttpStatusCode.Created);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private static async Task<List<JsonElement>> ListAsync(HttpClient client, string query = "") =>
        (await client.GetFromJsonAsync<List<JsonElement>>(Enquiries + query))!;

    private static JsonElement Find(List<JsonElement> list, Guid id) => list.Single(e => e.GetProperty("id").GetGuid() == id);

    [Fact]
    public async Task A_window_records_an_enquiry_with_the_phone_encrypted_and_masked_and_closes_it_with_the_answer()
    {
        var clerk = await SeatedAsync("clerk");
        var e = await RecordAsync(clerk, new { askerName = "刘来访", askerPhone = "13912345678", itemCode = Demo.FoodLicence, question = "食品经营许可需要哪些材料？", referredTo = "市场监管局" });
        var id = e.GetProperty("id").GetGuid();
        (e.GetProperty("windowNumber").GetString(), e.GetProperty("askerPhoneMasked").GetString(), e.GetProperty("open").GetBoolean(), e.GetProperty("overdue").GetBoolean())
            .ShouldBe(("A01", "139****5678", true, false));
        e.GetProperty("itemName").GetString().ShouldNotBeNullOrEmpty();
        e.ToString().ShouldNotContain("13912345678");
        var row = await InDb(db => db.Set<Enquiry>().AsNoTracking().SingleAsync(x => x.Id == id));
        row.AskerPhoneProtected.ShouldNotBeNull();
        row.AskerPhoneProtected.ShouldNotContain("13912345678");

        using (var close = await clerk.PostAsJsonAsync($"{Enquiries}/{id}/close", new { answer = "已告知所需材料清单，并转市场监管局答复经营场所问题。" }))
        {
            await ShouldBeAsync(close, HttpStatusCode.OK);
            var closed = await close.Content.ReadFromJsonAsync<JsonElement>();
            (closed.GetProperty("open").GetBoolean(), closed.GetProperty("state").GetString()).ShouldBe((false, "已办结"));
        }
        using (var again = await clerk.PostAsJsonAsync($"{Enquiries}/{id}/close", new { answer = "再答复一次" }))
            await ShouldBeProblemAsync(again, HttpStatusCode.Conflict, rule: "enquiry-closed");

        // Answered on the spot, nobody referred to: closed as it is recorded.
        var spot = await RecordAsync(clerk, new { askerName = "陈群众", question = "大厅几点下班？", answer = "工作日 17:30。" });
        spot.GetProperty("open").GetBoolean().ShouldBeFalse();

        var trail = await InDb(db => db.Set<AuditEntry>().Where(a => a.EntityType == "enquiry" && a.EntityId == id.ToString()).Select(a => a.Action).ToListAsync());
        trail.ShouldBe(["enquiry.record", "enquiry.close"]);
    }

    [Fact]
    public async Task Bad_input_names_the_field_and_writes_nothing_and_only_staff_at_a_window_may_record()
    {
        var before = await InDb(db => db.Set<Enquiry>().CountAsync());
        var clerk = await SeatedAsync("clerk");
        using (var r = await clerk.PostAsJsonAsync(Enquiries, new { askerName = "", askerPhone = "12345", itemCode = "QS-NO-999", question = "", referredTo = new string('部', 129) }))
        {
            var problem = await ShouldBeProblemAsync(r, HttpStatusCode.BadRequest);
            var errors = problem.GetProperty("errors");
            foreach (var field in new[] { "askerName", "askerPhone", "itemCode", "question", "referredTo" })
                errors.TryGetProperty(field, out _).ShouldBeTrue($"{field} named: {problem}");
        }
        using (var r = await clerk.PostAsJsonAsync(Enquiries, new { askerName = "a\u0000b", question = "x" }))
            await ShouldBeProblemAsync(r, HttpStatusCode.BadRequest, "askerName");

        // Not signed in at a window: which window recorded it would be unknown.
        using (var r = await (await App.ClientFor("reviewer")).PostAsJsonAsync(Enquiries, new { askerName = "刘来访", question = "问题" }))
            await ShouldBeProblemAsync(r, HttpStatusCode.Forbidden, rule: "not-at-window");
        using (var r = await (await As("applicant")).PostAsJsonAsync(Enquiries, new { askerName = "刘来访", question = "问题" }))
            await ShouldBeProblemAsync(r, HttpStatusCode.Forbidden);
        using (var r = await (await As("applicant")).GetAsync(Enquiries))
            await ShouldBeProblemAsync(r, HttpStatusCode.Forbidden);
        using (var r = await clerk.PostAsJsonAsync($"{Enquiries}/{Guid.NewGuid()}/close", new { answer = "" }))
            await ShouldBeProblemAsync(r, HttpStatusCode.BadRequest, "answer");
        (await InDb(db => db.Set<Enquiry>().CountAsync())).ShouldBe(before);
    }

    [Fact]
    public async Task The_recorder_sees_their_own_another_clerk_sees_nothing_and_the_window_chief_sees_and_closes_all()
    {
        var clerk = await SeatedAsync("clerk");
        var id = (await RecordAsync(clerk, new { askerName = "王咨询", question = "个体户登记要多久？" })).GetProperty("id").GetGuid();
        var clerk2 = await App.ClientFor("clerk2");
        (await ListAsync(clerk2)).ShouldNotContain(e => e.GetProperty("id").GetGuid() == id);
        using (var r = await clerk2.PostAsJsonAsync($"{Enquiries}/{id}/close", new { answer = "不是我的" }))
            await ShouldBeProblemAsync(r, HttpStatusCode.NotFound);
        Find(await ListAsync(clerk, "?open=true"), id).GetProperty("recordedBy").GetString().ShouldBe("李窗口");

        var chief = await App.ClientFor(await OneSeal.Tests.Organisation.SignInTestKit.NewStaffAsync(App, Roles.WindowChief, displayName: "窗口负责人甲"));
        Find(await ListAsync(chief, "?open=true"), id).GetProperty("windowNumber").GetString().ShouldBe("A01");
        using (var close = await chief.PostAsJsonAsync($"{Enquiries}/{id}/close", new { answer = "5 个工作日内办结。" }))
            await ShouldBeAsync(close, HttpStatusCode.OK);
        (await ListAsync(chief, "?open=true")).ShouldNotContain(e => e.GetProperty("id").GetGuid() == id);
        Find(await ListAsync(chief), id).GetProperty("closedBy").GetString().ShouldBe("窗口负责人甲");
    }

    [Fact]
    public async Task An_enquiry_asked_before_a_weekend_and_holiday_is_overdue_only_after_the_next_working_day()
    {
        // Friday 3 April 2026; 4–6 April are 清明 (Saturday to Monday): the next working day is Tuesday 7 April.
        Clock.SetLocal(2026, 4, 3, 10);
        var id = (await RecordAsync(await SeatedAsync("clerk"), new { askerName = "赵清明", question = "节后能否办理？", referredTo = "民政局" }))
            .GetProperty("id").GetGuid();
        var chiefName = await OneSeal.Tests.Organisation.SignInTestKit.NewStaffAsync(App, Roles.WindowChief);

        async Task<JsonElement> AsChiefSees() => Find(await ListAsync(await App.ClientFor(chiefName), "?open=true"), id);

        (await AsChiefSees()).GetProperty("dueOn").GetString().ShouldBe("2026-04-07");
        Clock.SetLocal(2026, 4, 6, 16);
        (await AsChiefSees()).GetProperty("overdue").GetBoolean().ShouldBeFalse("a holiday Monday is not a working day");
        Clock.SetLocal(2026, 4, 7, 17, 59);
        (await AsChiefSees()).GetProperty("overdue").GetBoolean().ShouldBeFalse("the due working day itself");
        Clock.SetLocal(2026, 4, 8, 9);
        var late = await AsChiefSees();
        (late.GetProperty("overdue").GetBoolean(), late.GetProperty("state").GetString()).ShouldBe((true, "逾期未办结"));

        using var browser = await OneSeal.Tests.Organisation.SignInTestKit.CookieBrowserAsync(App, chiefName);
        var page = WebUtility.HtmlDecode(await browser.GetStringAsync("/hall/enquiries?show=open"));
        page.ShouldContain($"data-enquiry=\"{id}\" class=\"overdue\"");
        page.ShouldContain("逾期");
        page.ShouldContain("赵清明");
    }
}

public sealed class EnquirySqliteApp() : OneSealFactory(DatabaseProvider.Sqlite, new OneSealFactoryOptions { Time = new FakeTimeProvider() });

public sealed class EnquiryPostgresApp() : OneSealFactory(DatabaseProvider.Postgres, new OneSealFactoryOptions { Time = new FakeTimeProvider() });

[Trait("Provider", "Sqlite")]
public sealed class EnquiryTests_Sqlite(EnquirySqliteApp app) : EnquiryTests(app), IClassFixture<EnquirySqliteApp>;

[Trait("Provider", "Postgres")]
public sealed class EnquiryTests_Postgres(EnquiryPostgresApp app) : EnquiryTests(app), IClassFixture<EnquiryPostgresApp>;
