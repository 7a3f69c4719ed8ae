using System.Net;

namespace OneSeal.Tests.Lifecycle;

/// <summary>
/// Scenario 4 (Art. 32: an application not answered within 5 working days counts as accepted from the day the materials
/// arrived). Submitted Thu 2026-02-12, before the Spring Festival. The 5 working days after it: 2-13 (1), 2-14 Sat make-up (2),
/// [2-15..2-23 春节], 2-24 (3), 2-25 (4), 2-26 (5). The 6th working day, Fri 2-27, is the first day the answer is late.
/// </summary>
public abstract class DeemedAcceptanceTests(Infrastructure.OneSealFactory app) : LifecycleTestBase(app)
{
    [Fact]
    public async Task An_application_unanswered_for_5_working_days_is_accepted_by_law_as_of_the_day_it_arrived()
    {
        var unanswered = await SubmitItemAsync(Items.Promised20);
        // Answered in time with a correction notice: never deemed accepted.
        var corrected = await SubmitItemAsync(Items.Promised20);
        (await StepAsAsync("clerk", corrected, "request-correction", new { missing = new[] { "M01" }, note = "请补正" })).ShouldBe("correction-requested");

        // Mon 2-23, the last day of the festival: 2 working days used.
        MoveTo(2026, 2, 23, 16, 0);
        await SweepAsync();
        (await CaseAsync(unanswered)).Status.ShouldBe("submitted");
        // Thu 2-26, late in the evening: the 5th working day, still within the time to answer.
        MoveTo(2026, 2, 26, 23, 30);
        var onTheFifth = await SweepAsync();
        onTheFifth.DeemedAccepted.ShouldBe(0);
        var waiting = await CaseAsync(unanswered);
        waiting.Status.ShouldBe("submitted");
        waiting.DeemedAccepted.ShouldBeFalse();
        Count(waiting, "deemed-accepted").ShouldBe(0);

        // Fri 2-27, the 6th working day: accepted by law.
        MoveTo(2026, 2, 27, 0, 5);
        var onTheSixth = await SweepAsync();
        onTheSixth.DeemedAccepted.ShouldBeGreaterThanOrEqualTo(1);
        var c = await CaseAsync(unanswered);
        c.Status.ShouldBe("accepted");
        c.DeemedAccepted.ShouldBeTrue();
        var line = Last(c, "deemed-accepted");
        line.Actor.ShouldBe("系统");
        line.Note.ShouldNotBeNull().ShouldContain("2026-02-12");
        Count(c, "deemed-accepted").ShouldBe(1);

        // The clock runs from the day the materials arrived, 2-12: promised 20 → due 3-18 (as in scenario 1).
        var d = await DeadlineAsync(unanswered, "applicant");
        d.AcceptedOn.ShouldBe(D(2026, 2, 12));
        d.DueDate.ShouldBe(D(2026, 3, 18));
        c.DueDate.ShouldBe(D(2026, 3, 18));
        Counted(d)[^1].Date.ShouldBe(D(2026, 3, 18), Show(d));

        // The correction notice was an answer.
        (await CaseAsync(corrected)).Status.ShouldBe("correction-requested");

        // Running the sweep again changes nothing.
        var before = await StateOfAsync(unanswered);
        await SweepAsync();
        (await StateOfAsync(unanswered)).ShouldBe(before);
        Count(await CaseAsync(unanswered), "deemed-accepted").ShouldBe(1);

        // A clerk can no longer accept it: it already is.
        using var late = await ActAsAsync("clerk", unanswered, "accept");
        await ShouldBeProblemAsync(late, HttpStatusCode.Conflict, rule: "invalid-transition");
    }
}

[Trait("Provider", "Sqlite")]
public sealed class DeemedAcceptanceTests_Sqlite(ClockedSqliteApp<SpringFestivalEve> app)
    : DeemedAcceptanceTests(app), IClassFixture<ClockedSqliteApp<SpringFestivalEve>>;

[Trait("Provider", "Postgres")]
public sealed class DeemedAcceptanceTests_Postgres(ClockedPostgresApp<SpringFestivalEve> app)
    : DeemedAcceptanceTests(app), IClassFixture<ClockedPostgresApp<SpringFestivalEve>>;

/// <summary>
/// Deemed acceptance of a case whose promised limit has already run out by the time it is deemed accepted: promised 3
/// from 2-12 → due 2-24, deemed accepted 2-27. It is overdue the moment it is accepted, and monitoring must see that
/// as a red warning on its timeline like any other overdue case.
/// </summary>
public abstract class DeemedAcceptanceOverdueTests(Infrastructure.OneSealFactory app) : LifecycleTestBase(app)
{
    [Fact]
    public async Task A_case_overdue_when_deemed_accepted_is_red_with_one_red_warning()
    {
        var id = await SubmitItemAsync(Items.Promised3);

        MoveTo(2026, 2, 27, 9, 0);
        await SweepAsync();
        await SweepAsync();

        var c = await CaseAsync(id);
        c.Status.ShouldBe("accepted");
        c.DeemedAccepted.ShouldBeTrue();
        c.DueDate.ShouldBe(D(2026, 2, 24));
        c.DeadlineState.ShouldBe("red");
        Count(c, "red-warning").ShouldBe(1, string.Join(", ", c.Timeline.Select(t => t.Action)));
    }
}

[Trait("Provider", "Sqlite")]
public sealed class DeemedAcceptanceOverdueTests_Sqlite(ClockedSqliteApp<SpringFestivalEve> app)
    : DeemedAcceptanceOverdueTests(app), IClassFixture<ClockedSqliteApp<SpringFestivalEve>>;

[Trait("Provider", "Postgres")]
public sealed class DeemedAcceptanceOverdueTests_Postgres(ClockedPostgresApp<SpringFestivalEve> app)
    : DeemedAcceptanceOverdueTests(app), IClassFixture<ClockedPostgresApp<SpringFestivalEve>>;
