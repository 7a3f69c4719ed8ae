namespace OneSeal.Tests.Lifecycle;

/// <summary>
/// Scenario 1. Accepted on Thu 2026-02-12, the last full week before the 2026 Spring Festival: 春节 2-15..2-23 is off,
/// Sat 2-14 and Sat 2-28 are make-up working days (春节调休上班). The day of acceptance is not counted.
/// Working days after 2-12, numbered: 2-13 (1), 2-14 Sat (2), 2-24 (3), 2-25 (4), 2-26 (5), 2-27 (6), 2-28 Sat (7),
/// 3-2 (8), 3-3 (9), 3-4 (10), 3-5 (11), 3-6 (12), 3-9 (13), 3-10 (14), 3-11 (15), 3-12 (16), 3-13 (17), 3-16 (18),
/// 3-17 (19), 3-18 (20). The clock does not move in this class.
/// </summary>
public abstract class SpringFestivalDueDateTests(Infrastructure.OneSealFactory app) : LifecycleTestBase(app)
{
    [Theory]
    // 3 days: 2-13, 2-14 (Sat, make-up), 2-24.
    [InlineData(Items.Promised3, "applicant", 3, "2026-02-24")]
    // 5 days: 2-13, 2-14 (Sat, make-up), 2-24, 2-25, 2-26.
    [InlineData(Items.Promised5, "applicant", 5, "2026-02-26")]
    // 7 days: … 2-26, 2-27, 2-28: due on a Saturday, because that Saturday is a make-up working day.
    [InlineData(Items.Promised7, "company", 7, "2026-02-28")]
    // 10 days: … 2-28 (7), 3-2 (8), 3-3 (9), 3-4 (10).
    [InlineData(Items.Promised10, "company", 10, "2026-03-04")]
    // 20 days: … 3-4 (10), 3-5, 3-6, 3-9, 3-10, 3-11, 3-12, 3-13, 3-16, 3-17, 3-18 (20).
    [InlineData(Items.Promised20, "applicant", 20, "2026-03-18")]
    public async Task Due_date_counts_working_days_across_the_Spring_Festival(string item, string applicant, int promised, string expectedDue)
    {
        var id = await AcceptItemAsync(item, applicant);

        var c = await CaseAsync(id);
        c.Status.ShouldBe("accepted");
        c.DueDate.ShouldBe(DateOnly.Parse(expectedDue));
        c.DeadlineState.ShouldBe("normal");
        c.PausedDays.ShouldBe(0);
        c.ExtensionDays.ShouldBe(0);
        c.DeemedAccepted.ShouldBeFalse();
        Last(c, "accepted").Note.ShouldNotBeNull().ShouldContain(expectedDue);

        var d = await DeadlineAsync(id);
        d.AcceptedOn.ShouldBe(D(2026, 2, 12));
        d.PromisedDays.ShouldBe(promised);
        d.DueDate.ShouldBe(DateOnly.Parse(expectedDue));
        Counted(d).Select(x => x.Number).ShouldBe(Enumerable.Range(1, promised).Cast<int?>(), Show(d));
        Counted(d)[^1].Date.ShouldBe(DateOnly.Parse(expectedDue), Show(d));
        d.Days[^1].Date.ShouldBe(DateOnly.Parse(expectedDue), Show(d));
    }

    [Fact]
    public async Task The_deadline_explanation_names_every_skipped_day_and_the_make_up_Saturday()
    {
        var id = await AcceptItemAsync(Items.Promised5);

        var d = await DeadlineAsync(id, "applicant");

        // From the day after acceptance to the due date, every calendar day, each with its treatment.
        d.Days.Select(x => x.Date).ShouldBe(Enumerable.Range(0, 14).Select(i => D(2026, 2, 13).AddDays(i)), Show(d));
        d.Days[0].ShouldBe(new ClockDayDto(D(2026, 2, 13), "counted", 1, null));
        d.Days[1].Treatment.ShouldBe("makeupworkday", Show(d));
        d.Days[1].Number.ShouldBe(2);
        d.Days[1].Note.ShouldBe("春节调休上班");
        // 2-15 .. 2-23: nine days of 春节, the weekends inside it included, none counted.
        var festival = d.Days.Where(x => x.Date >= D(2026, 2, 15) && x.Date <= D(2026, 2, 23)).ToList();
        festival.Count.ShouldBe(9);
        festival.ShouldAllBe(x => x.Treatment == "holiday" && x.Note == "春节" && x.Number == null, Show(d));
        d.Days.Single(x => x.Date == D(2026, 2, 24)).ShouldBe(new ClockDayDto(D(2026, 2, 24), "counted", 3, null));
        d.Days.Single(x => x.Date == D(2026, 2, 25)).Number.ShouldBe(4);
        d.Days[^1].ShouldBe(new ClockDayDto(D(2026, 2, 26), "counted", 5, null));
        d.DueDate.ShouldBe(D(2026, 2, 26));
        d.Pauses.ShouldBeEmpty();
        d.DeadlineState.ShouldBe("normal");

        // Someone else's case: not found, not "forbidden" (its existence is not revealed).
        using var other = await (await Signed("company")).GetAsync($"/api/v1/cases/{id}/deadline");
        await ShouldBeProblemAsync(other, System.Net.HttpStatusCode.NotFound);
    }
}

[Trait("Provider", "Sqlite")]
public sealed class SpringFestivalDueDateTests_Sqlite(ClockedSqliteApp<SpringFestivalEve> app)
    : SpringFestivalDueDateTests(app), IClassFixture<ClockedSqliteApp<SpringFestivalEve>>;

[Trait("Provider", "Postgres")]
public sealed class SpringFestivalDueDateTests_Postgres(ClockedPostgresApp<SpringFestivalEve> app)
    : SpringFestivalDueDateTests(app), IClassFixture<ClockedPostgresApp<SpringFestivalEve>>;
