using System.Net.Http.Json;
using System.Text.Json;
using OneSeal.Tests.Api;
using OneSeal.Tests.Infrastructure;

namespace OneSeal.Tests.Calendar;

/// <summary>
/// Defect 8.6: the demo calendar holds 2024–2026 only. A working-day count that reaches 2027 counts 元旦 as a working day
/// (only weekends are known there), so the API says so instead of answering silently.
/// </summary>
public abstract class CalendarIncompleteApiTests(OneSealFactory app) : CaseApiTestBase(app)
{
    [Theory]
    [InlineData("/api/v1/calendar/add-working-days?from=2026-12-31&days=3", true, "2027")]
    [InlineData("/api/v1/calendar/add-working-days?from=2026-12-25&days=3", false, "")]
    [InlineData("/api/v1/calendar/add-working-days?from=2026-12-31&days=0", false, "")]
    [InlineData("/api/v1/calendar/working-days?from=2026-12-30&to=2027-01-04", true, "2027")]
    [InlineData("/api/v1/calendar/working-days?from=2026-12-01&to=2026-12-31", false, "")]
    [InlineData("/api/v1/calendar/working-days?from=2026-12-31&to=2028-01-03", true, "2027,2028")]
    public async Task Defect06_a_count_reaching_a_year_without_holiday_data_says_calendarIncomplete(string url, bool incomplete, string years)
    {
        var body = await Anonymous().GetFromJsonAsync<JsonElement>(url);
        body.GetProperty("calendarIncomplete").GetBoolean().ShouldBe(incomplete);
        string.Join(",", body.GetProperty("missingYears").EnumerateArray().Select(y => y.GetInt32())).ShouldBe(years);
    }

    [Fact]
    public async Task Defect06_the_issue_example_still_answers_but_flags_the_answer()
    {
        var body = await Anonymous().GetFromJsonAsync<JsonElement>("/api/v1/calendar/add-working-days?from=2026-12-31&days=3");
        body.GetProperty("due").GetString().ShouldBe("2027-01-05");
        body.GetProperty("calendarIncomplete").GetBoolean().ShouldBeTrue();
    }

    [Fact]
    public async Task Defect06_the_calendar_page_warns_when_the_count_reaches_a_year_without_data()
    {
        var flagged = await Anonymous().GetStringAsync("/calendar?from=2026-12-31&days=3");
        flagged.ShouldContain("data-missing-years=\"2027\"");
        flagged.ShouldContain("2027 年的法定节假日安排尚未录入工作日历");
        var plain = await Anonymous().GetStringAsync("/calendar?from=2026-12-01&days=3");
        plain.ShouldNotContain("data-missing-years");
        var between = await Anonymous().GetStringAsync("/calendar?from=2026-12-30&to=2027-01-04");
        between.ShouldContain("data-missing-years=\"2027\"");
    }
}

[Trait("Provider", "Sqlite")]
public sealed class CalendarIncompleteApiTests_Sqlite(SqliteApp app) : CalendarIncompleteApiTests(app), IClassFixture<SqliteApp>;

[Trait("Provider", "Postgres")]
public sealed class CalendarIncompleteApiTests_Postgres(PostgresApp app) : CalendarIncompleteApiTests(app), IClassFixture<PostgresApp>;
