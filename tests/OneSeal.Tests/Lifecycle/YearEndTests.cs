namespace OneSeal.Tests.Lifecycle;

/// <summary>
/// Scenario 10: accepted on Wed 2025-12-31 at 07:30 Beijing — still Tue 12-30 in UTC, so the legal date must be taken in
/// Asia/Shanghai. 元旦 2026 is 1-1..1-3 (Thu–Sat); Sun 1-4 is a make-up working day (元旦调休上班).
/// Working days after 12-31: 1-4 Sun (1), 1-5 (2), 1-6 (3), 1-7 (4), 1-8 (5).
/// (Had the UTC date 12-30 been used: 12-31 (1), 1-4 (2), 1-5 (3) → a 3-day due date of 1-5.) The clock does not move here.
/// </summary>
public abstract class YearEndTests(Infrastructure.OneSealFactory app) : LifecycleTestBase(app)
{
    [Theory]
    [InlineData(Items.Promised3, 3, "2026-01-06")]
    [InlineData(Items.Promised5, 5, "2026-01-08")]
    public async Task Accepted_on_new_years_eve_the_due_date_skips_new_year_and_counts_the_make_up_Sunday(string item, int promised, string expectedDue)
    {
        var id = await AcceptItemAsync(item);

        var c = await CaseAsync(id);
        c.DueDate.ShouldBe(DateOnly.Parse(expectedDue));
        c.CaseNumber.ShouldContain("20251231");

        var d = await DeadlineAsync(id);
        d.AcceptedOn.ShouldBe(D(2025, 12, 31));
        d.DueDate.ShouldBe(DateOnly.Parse(expectedDue));
        Counted(d).Count.ShouldBe(promised, Show(d));
        Counted(d)[^1].Date.ShouldBe(DateOnly.Parse(expectedDue), Show(d));
    }

    [Fact]
    public async Task The_explanation_shows_new_year_off_and_sunday_1_4_worked()
    {
        var id = await AcceptItemAsync(Items.Promised3);

        var d = await DeadlineAsync(id, "applicant");

        d.Days.ShouldBe(
        [
            new ClockDayDto(D(2026, 1, 1), "holiday", null, "元旦"),
            new ClockDayDto(D(2026, 1, 2), "holiday", null, "元旦"),
            new ClockDayDto(D(2026, 1, 3), "holiday", null, "元旦"),
            new ClockDayDto(D(2026, 1, 4), "makeupworkday", 1, "元旦调休上班"),
            new ClockDayDto(D(2026, 1, 5), "counted", 2, null),
            new ClockDayDto(D(2026, 1, 6), "counted", 3, null),
        ], Show(d));
        d.DueDate.ShouldBe(D(2026, 1, 6));
    }
}

[Trait("Provider", "Sqlite")]
public sealed class YearEndTests_Sqlite(ClockedSqliteApp<NewYearsEveMorning> app)
    : YearEndTests(app), IClassFixture<ClockedSqliteApp<NewYearsEveMorning>>;

[Trait("Provider", "Postgres")]
public sealed class YearEndTests_Postgres(ClockedPostgresApp<NewYearsEveMorning> app)
    : YearEndTests(app), IClassFixture<ClockedPostgresApp<NewYearsEveMorning>>;
