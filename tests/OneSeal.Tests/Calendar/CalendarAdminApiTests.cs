using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using OneSeal.Platform.Database;
using OneSeal.Tests.Api;
using OneSeal.Tests.Infrastructure;

namespace OneSeal.Tests.Calendar;

/// <summary>
/// The app on a fake clock at Wednesday 2026-12-30, 10:00 Beijing time. 2027's holidays are not announced yet,
/// so a 3-working-day promise accepted today runs 12-31, 1-01 (a Friday), 1-04: due 2027-01-04 — until the
/// administrator enters 2027 and New Year's Day stops counting.
/// </summary>
public abstract class CalendarAdminApiTests(OneSealFactory app) : CaseApiTestBase(app)
{
    public static readonly DateTimeOffset Start = new(2026, 12, 30, 2, 0, 0, TimeSpan.Zero);

    public static readonly IReadOnlyDictionary<string, string?> Settings = new Dictionary<string, string?>
    {
        ["Deadlines:SweepSeconds"] = "0",
        ["Calendar:RefreshSeconds"] = "0",
    };

    private static object Year2027(string notice = "国务院办公厅关于2027年部分节假日安排的通知（试算）") => new
    {
        notice,
        holidays = new[] { new { name = "元旦", from = "2027-01-01", to = "2027-01-01" } },
        workdays = Array.Empty<object>(),
    };

    [Fact]
    public async Task Announcing_a_year_reschedules_running_cases_and_notes_it_on_their_timelines()
    {
        var id = await AcceptedCaseAsync();
        (await GetCaseAsync(await As("applicant"), id)).DueDate.ShouldBe(new DateOnly(2027, 1, 4));

        using (var put = await (await As("admin")).PutAsJsonAsync("/api/v1/calendar/years/2027", Year2027()))
            await ShouldBeAsync(put, HttpStatusCode.NoContent);

        var after = await GetCaseAsync(await As("applicant"), id);
        after.DueDate.ShouldBe(new DateOnly(2027, 1, 5));
        after.Timeline.Count(t => t.Action == "rescheduled").ShouldBe(1);
        after.Timeline.Last(t => t.Action == "rescheduled").Note!.ShouldContain("2027-01-05");

        var due = await Anonymous().GetFromJsonAsync<JsonElement>("/api/v1/calendar/add-working-days?from=2026-12-31&days=1");
        due.GetProperty("due").GetString().ShouldBe("2027-01-04");

        // Saving the same announcement again moves nothing, so nothing more is noted.
        using (var again = await (await As("admin")).PutAsJsonAsync("/api/v1/calendar/years/2027", Year2027()))
            await ShouldBeAsync(again, HttpStatusCode.NoContent);
        (await GetCaseAsync(await As("applicant"), id)).Timeline.Count(t => t.Action == "rescheduled").ShouldBe(1);
    }

    [Fact]
    public async Task Only_an_administrator_may_change_the_calendar()
    {
        using var put = await (await As("clerk")).PutAsJsonAsync("/api/v1/calendar/years/2028", Year2027());
        await ShouldBeProblemAsync(put, HttpStatusCode.Forbidden, rule: "role");
        (await YearsAsync()).ShouldNotContain(2028);
    }

    [Fact]
    public async Task A_make_up_working_day_on_a_weekday_is_refused_naming_it_and_nothing_is_saved()
    {
        var body = new
        {
            notice = "通知",
            holidays = new[] { new { name = "春节", from = "2029-02-12", to = "2029-02-18" } },
            workdays = new[] { new { name = "春节调休上班", date = "2029-02-20" } },
        };
        using var put = await (await As("admin")).PutAsJsonAsync("/api/v1/calendar/years/2029", body);
        await ShouldBeProblemAsync(put, HttpStatusCode.BadRequest, field: "workdays[0].date", rule: "weekend");
        (await YearsAsync()).ShouldNotContain(2029);
    }

    [Fact]
    public async Task A_year_without_its_notice_is_refused_naming_notice()
    {
        using var put = await (await As("admin")).PutAsJsonAsync("/api/v1/calendar/years/2030", new { notice = " ", holidays = Array.Empty<object>() });
        await ShouldBeProblemAsync(put, HttpStatusCode.BadRequest, field: "notice", rule: "required");
    }

    [Theory]
    [InlineData("/api/v1/calendar/add-working-days?from=2026-13-01&days=1", "from")]
    [InlineData("/api/v1/calendar/add-working-days?from=2026-12-01&days=-1", "days")]
    [InlineData("/api/v1/calendar/working-days?from=2026-12-10&to=2026-12-01", "to")]
    public async Task Calendar_arithmetic_names_the_bad_parameter(string url, string field)
    {
        using var response = await Anonymous().GetAsync(url);
        await ShouldBeProblemAsync(response, HttpStatusCode.BadRequest, field: field);
    }

    [Fact]
    public async Task Working_days_between_two_dates_skip_the_announced_holidays()
    {
        var count = await Anonymous().GetFromJsonAsync<JsonElement>("/api/v1/calendar/working-days?from=2026-02-13&to=2026-02-28");
        count.GetProperty("count").GetInt32().ShouldBe(6);
    }

    private async Task<List<int>> YearsAsync()
    {
        var years = await (await As("admin")).GetFromJsonAsync<JsonElement>("/api/v1/calendar/years");
        return years.EnumerateArray().Select(y => y.GetProperty("year").GetInt32()).ToList();
    }
}

public sealed class CalendarAdminSqliteApp() : OneSealFactory(DatabaseProvider.Sqlite, ApiApps.Options(CalendarAdminApiTests.Settings, new FakeTimeProvider(CalendarAdminApiTests.Start)));
public sealed class CalendarAdminPostgresApp() : OneSealFactory(DatabaseProvider.Postgres, ApiApps.Options(CalendarAdminApiTests.Settings, new FakeTimeProvider(CalendarAdminApiTests.Start)));

[Trait("Provider", "Sqlite")]
public sealed class CalendarAdminApiTests_Sqlite(CalendarAdminSqliteApp app) : CalendarAdminApiTests(app), IClassFixture<CalendarAdminSqliteApp>;

[Trait("Provider", "Postgres")]
public sealed class CalendarAdminApiTests_Postgres(CalendarAdminPostgresApp app) : CalendarAdminApiTests(app), IClassFixture<CalendarAdminPostgresApp>;
