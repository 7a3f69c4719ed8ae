using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using OneSeal.Platform.Audit;
using OneSeal.Tests.Api;
using OneSeal.Tests.Infrastructure;

namespace OneSeal.Tests.Hall;

/// <summary>
/// Issue 11 §7, A/B岗: an A post marked absent for the day; the B post seated at that window then works the A post's
/// queue, and every line B writes says “B（代 A）”. Before the absence B has no stand-in queue and writes under their own name.
/// </summary>
public abstract class StandInTests(OneSealFactory app) : CaseApiTestBase(app)
{
    private async Task<Guid> WindowIdAsync(string number) =>
        await InDb(db => db.Set<OneSeal.Hall.Window>().Where(w => w.Number == number).Select(w => w.Id).SingleAsync());

    [Fact]
    public async Task B_acts_for_absent_A_at_the_window_and_the_timeline_says_so_but_not_before_A_is_marked_absent()
    {
        var a01 = await WindowIdAsync("A01");
        var a = await As("clerk");
        var b = await As("clerk2");
        using (var seat = await b.PostAsync($"/api/v1/windows/{a01}/sign-in", null)) await ShouldBeAsync(seat, HttpStatusCode.OK);
        var acceptedByA = await AcceptedCaseAsync("clerk");

        // A is at work: no stand-in queue, and B's own work is B's.
        using (var early = await b.GetAsync($"/api/v1/windows/{a01}/stand-in"))
            await ShouldBeProblemAsync(early, HttpStatusCode.Forbidden, rule: "a-post-present");
        var before = await SubmittedCaseAsync();
        await StepAsync(b, before, "accept");
        (await GetCaseAsync(b, before)).Timeline.Last().Actor.ShouldBe("王窗口");

        using (var marked = await a.PostAsJsonAsync($"/api/v1/windows/{a01}/absence", new { reason = "参加业务培训" }))
        {
            await ShouldBeAsync(marked, HttpStatusCode.Created);
            var absence = await marked.Content.ReadFromJsonAsync<JsonElement>();
            (absence.GetProperty("accountName").GetString(), absence.GetProperty("standInName").GetString()).ShouldBe(("李窗口", "王窗口"));
        }
        using (var queue = await b.GetAsync($"/api/v1/windows/{a01}/stand-in"))
        {
            await ShouldBeAsync(queue, HttpStatusCode.OK);
            (await queue.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("cases").EnumerateArray()
                .ShouldContain(c => c.GetProperty("id").GetGuid() == acceptedByA);
        }
        var after = await SubmittedCaseAsync();
        await StepAsync(b, after, "accept");
        (await GetCaseAsync(b, after)).Timeline.Last().Actor.ShouldBe("王窗口（代 李窗口）");
        var audit = await InDb(db => db.Set<AuditEntry>().Where(e => e.Action == "window.a-post-absent" && e.EntityId == a01.ToString()).ToListAsync());
        audit.ShouldHaveSingleItem();
        using var browser = await Organisation.SignInTestKit.CookieBrowserAsync(App, "clerk2");
        var page = await browser.GetStringAsync("/hall/windows");
        page.ShouldContain("代岗：李窗口 今日缺岗");
    }

    [Fact]
    public async Task Only_the_A_post_or_a_window_chief_marks_an_absence_once_a_day_with_a_reason_and_a_valid_date()
    {
        var a02 = await WindowIdAsync("A02");
        var tomorrow = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8)).AddDays(1).ToString("yyyy-MM-dd");
        using (var stranger = await (await As("reviewer")).PostAsJsonAsync($"/api/v1/windows/{a02}/absence", new { date = tomorrow, reason = "病假" }))
            await ShouldBeProblemAsync(stranger, HttpStatusCode.Forbidden, rule: "not-a-post");
        var chief = await As("winchief");
        using (var noReason = await chief.PostAsJsonAsync($"/api/v1/windows/{a02}/absence", new { date = tomorrow }))
            await ShouldBeProblemAsync(noReason, HttpStatusCode.BadRequest, field: "reason");
        using (var badDate = await chief.PostAsJsonAsync($"/api/v1/windows/{a02}/absence", new { date = "2020-01-01", reason = "病假" }))
            await ShouldBeProblemAsync(badDate, HttpStatusCode.BadRequest, field: "date");
        using (var ok = await chief.PostAsJsonAsync($"/api/v1/windows/{a02}/absence", new { date = tomorrow, reason = "病假" }))
            await ShouldBeAsync(ok, HttpStatusCode.Created);
        using (var twice = await chief.PostAsJsonAsync($"/api/v1/windows/{a02}/absence", new { date = tomorrow, reason = "病假" }))
            await ShouldBeProblemAsync(twice, HttpStatusCode.Conflict, rule: "already-absent");
        // Tomorrow's absence gives no stand-in today.
        using (var today = await (await As("clerk")).GetAsync($"/api/v1/windows/{a02}/stand-in"))
            await ShouldBeProblemAsync(today, HttpStatusCode.Forbidden, rule: "a-post-present");
    }
}

[Trait("Provider", "Sqlite")]
public sealed class StandInTests_Sqlite(SqliteApp app) : StandInTests(app), IClassFixture<SqliteApp>;

[Trait("Provider", "Postgres")]
public sealed class StandInTests_Postgres(PostgresApp app) : StandInTests(app), IClassFixture<PostgresApp>;
