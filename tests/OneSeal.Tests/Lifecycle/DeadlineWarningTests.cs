namespace OneSeal.Tests.Lifecycle;

/// <summary>
/// Scenario 5: yellow when 80% of the limit is used, red when overdue, each written once by the sweep; paused and decided
/// cases are not warned. Clock: Thu 2026-04-30, the eve of Labour Day (5-1..5-5 off; Sat 5-9 a make-up working day).
/// </summary>
public abstract class DeadlineWarningTests(Infrastructure.OneSealFactory app) : LifecycleTestBase(app)
{
    [Fact]
    public async Task Yellow_on_the_4th_of_5_working_days_red_the_day_after_the_due_date_each_once_never_while_paused()
    {
        // Promised 5, accepted Thu 4-30: [5-1..5-5 劳动节], 5-6 (1), 5-7 (2), 5-8 (3), 5-9 Sat make-up (4), 5-11 (5) → due Mon 5-11.
        // 80% of 5 = 4 working days used → yellow on Sat 5-9.
        var running = await AcceptItemAsync(Items.Promised5);
        var paused = await AcceptItemAsync(Items.Promised5);
        var decided = await AcceptItemAsync(Items.Promised3);
        await ApproveAsync(decided);
        // Reviewed, awaiting the decision: still on the clock. Promised 3 → 5-6, 5-7, 5-8: due Fri 5-8; 80% of 3 → 3 days → yellow 5-8.
        var reviewed = await AcceptItemAsync(Items.Promised3);
        await ReviewAsync(reviewed);
        (await CaseAsync(running)).DueDate.ShouldBe(D(2026, 5, 11));

        // Sweeping during the holiday changes nothing.
        MoveTo(2026, 5, 3, 10, 0);
        var holiday = await SweepAsync();
        (await CaseAsync(running)).DeadlineState.ShouldBe("normal");

        // Wed 5-6: the paused case goes to a site inspection expected to take 3 working days.
        MoveTo(2026, 5, 6, 10, 0);
        (await StepAsAsync("reviewer", paused, "suspend", new { kind = "site-inspection", reason = "现场核查", expectedDays = 3 })).ShouldBe("suspended");

        // Fri 5-8: 3 of 5 used (60%): normal.
        MoveTo(2026, 5, 8, 17, 0);
        await SweepAsync();
        var friday = await CaseAsync(running);
        friday.DeadlineState.ShouldBe("normal");
        Count(friday, "yellow-warning").ShouldBe(0);

        (await CaseAsync(reviewed)).DeadlineState.ShouldBe("yellow");

        // Sat 5-9, a make-up working day: 4 of 5 used (80%): yellow, once. The reviewed case is a day overdue: red.
        MoveTo(2026, 5, 9, 8, 30);
        await SweepAsync();
        await SweepAsync();
        var saturday = await CaseAsync(running);
        saturday.DeadlineState.ShouldBe("yellow");
        Count(saturday, "yellow-warning").ShouldBe(1);
        var yellow = Last(saturday, "yellow-warning");
        yellow.Actor.ShouldBe("系统");
        yellow.Note.ShouldNotBeNull().ShouldContain("2026-05-11");
        var reviewedLate = await CaseAsync(reviewed);
        reviewedLate.Status.ShouldBe("reviewed");
        reviewedLate.DeadlineState.ShouldBe("red");
        Count(reviewedLate, "yellow-warning").ShouldBe(1);
        Count(reviewedLate, "red-warning").ShouldBe(1);

        // Sun 5-10 and Mon 5-11 (the due date itself): yellow, not red.
        MoveTo(2026, 5, 10, 12, 0);
        await SweepAsync();
        MoveTo(2026, 5, 11, 23, 59);
        await SweepAsync();
        var dueDay = await CaseAsync(running);
        dueDay.DeadlineState.ShouldBe("yellow");
        Count(dueDay, "red-warning").ShouldBe(0);

        // Tue 5-12, just after midnight in Beijing (still 5-11 in UTC): overdue, red, once.
        MoveTo(2026, 5, 12, 0, 10);
        var first = await SweepAsync();
        var second = await SweepAsync();
        first.Red.ShouldBeGreaterThanOrEqualTo(1);
        second.ShouldBe(new(0, 0, 0));
        var overdue = await CaseAsync(running);
        overdue.DeadlineState.ShouldBe("red");
        Count(overdue, "red-warning").ShouldBe(1);
        Count(overdue, "yellow-warning").ShouldBe(1);
        Last(overdue, "red-warning").Actor.ShouldBe("系统");
        Last(overdue, "red-warning").Note.ShouldNotBeNull().ShouldContain("2026-05-11");
        overdue.Status.ShouldBe("accepted");

        // Weeks later the paused case is still paused and was never warned; the decided case neither.
        MoveTo(2026, 5, 29, 10, 0);
        await SweepAsync();
        var stillPaused = await CaseAsync(paused);
        stillPaused.Status.ShouldBe("suspended");
        stillPaused.DeadlineState.ShouldBe("paused");
        Count(stillPaused, "yellow-warning").ShouldBe(0);
        Count(stillPaused, "red-warning").ShouldBe(0);
        var done = await CaseAsync(decided);
        done.Status.ShouldBe("certificate-issued");
        Count(done, "yellow-warning").ShouldBe(0);
        Count(done, "red-warning").ShouldBe(0);
        holiday.ShouldBe(new(0, 0, 0));
    }
}

[Trait("Provider", "Sqlite")]
public sealed class DeadlineWarningTests_Sqlite(ClockedSqliteApp<LabourDayEve> app)
    : DeadlineWarningTests(app), IClassFixture<ClockedSqliteApp<LabourDayEve>>;

[Trait("Provider", "Postgres")]
public sealed class DeadlineWarningTests_Postgres(ClockedPostgresApp<LabourDayEve> app)
    : DeadlineWarningTests(app), IClassFixture<ClockedPostgresApp<LabourDayEve>>;
