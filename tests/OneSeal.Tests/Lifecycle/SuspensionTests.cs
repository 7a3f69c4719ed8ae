namespace OneSeal.Tests.Lifecycle;

/// <summary>
/// Scenario 2 (Art. 45: time for a hearing, inspection, appraisal, expert review … is not counted). The clock starts on
/// Thu 2026-02-12, before the Spring Festival (2-15..2-23 off; Sat 2-14 and Sat 2-28 worked).
/// Only <see cref="A_hearing_stops_the_clock_and_resuming_moves_the_due_date_by_the_working_days_paused"/> moves the clock;
/// the other fact holds whatever the date.
/// </summary>
public abstract class SuspensionTests(Infrastructure.OneSealFactory app) : LifecycleTestBase(app)
{
    [Fact]
    public async Task A_hearing_stops_the_clock_and_resuming_moves_the_due_date_by_the_working_days_paused()
    {
        // Accepted Thu 2-12, promised 3: 2-13 (1), 2-14 Sat make-up (2), [2-15..2-23 春节], 2-24 (3) → due 2-24.
        var id = await AcceptItemAsync(Items.Promised3);
        (await CaseAsync(id)).DueDate.ShouldBe(D(2026, 2, 24));

        // Fri 2-13: the reviewer suspends for a hearing expected to take 5 working days. 2-13 itself still counts (day 1).
        MoveTo(2026, 2, 13, 15, 0);
        (await StepAsAsync("reviewer", id, "suspend", new { kind = "hearing", reason = "申请人申请听证", expectedDays = 5 })).ShouldBe("suspended");

        // Estimate: the pause runs 5 working days after 2-13 — 2-14 (Sat), 2-24, 2-25, 2-26, 2-27 — so the 3-day limit
        // counts 2-13 (1), then 2-28 Sat make-up (2), 3-2 (3) → due 2026-03-02.
        var suspended = await CaseAsync(id);
        suspended.Status.ShouldBe("suspended");
        suspended.DeadlineState.ShouldBe("paused");
        suspended.DueDate.ShouldBe(D(2026, 3, 2));
        var note = Last(suspended, "suspended").Note.ShouldNotBeNull();
        note.ShouldContain("听证");
        note.ShouldContain("申请人申请听证");
        note.ShouldContain("5");
        Last(suspended, "suspended").Actor.ShouldBe("赵审查");

        var whilePaused = await DeadlineAsync(id);
        whilePaused.DeadlineState.ShouldBe("paused");
        whilePaused.DueDate.ShouldBe(D(2026, 3, 2));
        whilePaused.Pauses.ShouldHaveSingleItem().ShouldBe(new PauseDto("hearing", "申请人申请听证", 5, D(2026, 2, 13), null, null));
        whilePaused.Days.Where(x => x.Treatment == "paused").Select(x => x.Date)
            .ShouldBe([D(2026, 2, 14), D(2026, 2, 24), D(2026, 2, 25), D(2026, 2, 26), D(2026, 2, 27)], Show(whilePaused));
        Counted(whilePaused).Select(x => x.Date).ShouldBe([D(2026, 2, 13), D(2026, 2, 28), D(2026, 3, 2)], Show(whilePaused));

        // Three working days later: 2-14 (Sat, make-up), 2-24, 2-25. Resumed on Wed 2-25.
        MoveTo(2026, 2, 25, 9, 30);
        (await StepAsAsync("reviewer", id, "resume")).ShouldBe("accepted");

        // Original due 2-24 + the 3 working days paused (2-25, 2-26, 2-27) → 2026-02-27.
        var resumed = await CaseAsync(id);
        resumed.Status.ShouldBe("accepted");
        resumed.DeadlineState.ShouldBe("normal");
        resumed.PausedDays.ShouldBe(3);
        resumed.DueDate.ShouldBe(D(2026, 2, 27));
        var resumeNote = Last(resumed, "resumed").Note.ShouldNotBeNull();
        resumeNote.ShouldContain("3个工作日");
        resumeNote.ShouldContain("2026-02-27");
        resumed.Timeline.Select(t => t.Action).Where(a => a is "suspended" or "resumed").ShouldBe(["suspended", "resumed"]);

        // The explanation, day by day: 2-13 counted 1; 2-14 paused; 2-15..2-23 春节; 2-24, 2-25 paused; 2-26 counted 2; 2-27 counted 3.
        var d = await DeadlineAsync(id, "applicant");
        d.AcceptedOn.ShouldBe(D(2026, 2, 12));
        d.PausedDays.ShouldBe(3);
        d.DueDate.ShouldBe(D(2026, 2, 27));
        d.Pauses.ShouldHaveSingleItem().ShouldBe(new PauseDto("hearing", "申请人申请听证", 5, D(2026, 2, 13), D(2026, 2, 25), 3));
        d.Days.Where(x => x.Treatment == "paused").Select(x => x.Date).ShouldBe([D(2026, 2, 14), D(2026, 2, 24), D(2026, 2, 25)], Show(d));
        d.Days.Where(x => x.Treatment == "paused").ShouldAllBe(x => x.Number == null && x.Note == "听证", Show(d));
        d.Days.Where(x => x.Treatment == "holiday").ShouldAllBe(x => x.Note == "春节", Show(d));
        d.Days.Count(x => x.Treatment == "holiday").ShouldBe(9, Show(d));
        Counted(d).Select(x => (x.Date, x.Number)).ShouldBe([(D(2026, 2, 13), (int?)1), (D(2026, 2, 26), 2), (D(2026, 2, 27), 3)], Show(d));
        Counted(d)[^1].Date.ShouldBe(d.DueDate!.Value);
        d.Days[^1].Date.ShouldBe(d.DueDate!.Value);
    }

    [Fact]
    public async Task A_reviewed_case_suspended_by_the_chief_returns_to_reviewed_and_a_same_day_resume_pauses_nothing()
    {
        var id = await AcceptItemAsync(Items.Promised3);
        await ReviewAsync(id);
        var due = (await CaseAsync(id)).DueDate;

        (await StepAsAsync("chief", id, "suspend", new { kind = "expert-review", reason = "组织专家评审", expectedDays = 10 })).ShouldBe("suspended");
        (await CaseAsync(id)).DeadlineState.ShouldBe("paused");
        (await StepAsAsync("chief", id, "resume")).ShouldBe("reviewed");

        // Suspended and resumed on the same day: no working day passed after the start, so nothing is added.
        var c = await CaseAsync(id);
        c.Status.ShouldBe("reviewed");
        c.PausedDays.ShouldBe(0);
        c.DueDate.ShouldBe(due);
        c.DeadlineState.ShouldNotBe("paused");
        Last(c, "suspended").Note.ShouldNotBeNull().ShouldContain("专家评审");
        (await DeadlineAsync(id)).Pauses.ShouldHaveSingleItem().Kind.ShouldBe("expert-review");
    }
}

[Trait("Provider", "Sqlite")]
public sealed class SuspensionTests_Sqlite(ClockedSqliteApp<SpringFestivalEve> app)
    : SuspensionTests(app), IClassFixture<ClockedSqliteApp<SpringFestivalEve>>;

[Trait("Provider", "Postgres")]
public sealed class SuspensionTests_Postgres(ClockedPostgresApp<SpringFestivalEve> app)
    : SuspensionTests(app), IClassFixture<ClockedPostgresApp<SpringFestivalEve>>;

/// <summary>
/// A pause that runs longer than expected: the case's due date is, by the clock's own rule, the estimate "as if it ended
/// today". The case and its explanation must agree on it. Clock: Mon 2026-03-02.
/// </summary>
public abstract class OverrunningPauseTests(Infrastructure.OneSealFactory app) : LifecycleTestBase(app)
{
    [Fact]
    public async Task While_a_pause_overruns_its_estimate_the_case_and_its_explanation_give_the_same_due_date()
    {
        // Accepted Mon 3-2, promised 3 → 3-3, 3-4, 3-5: due Thu 3-5.
        var id = await AcceptItemAsync(Items.Promised3);
        // Tue 3-3 (day 1 counted): inspection expected to take 1 working day (3-4) → estimate: 3-3 (1), [3-4 paused], 3-5 (2), 3-6 (3).
        MoveTo(2026, 3, 3);
        (await StepAsAsync("reviewer", id, "suspend", new { kind = "inspection", reason = "送检", expectedDays = 1 })).ShouldBe("suspended");
        (await CaseAsync(id)).DueDate.ShouldBe(D(2026, 3, 6));

        // Tue 3-10: the test report is still not back. The pause has run 3-4, 3-5, 3-6, 3-9, 3-10 (5 working days);
        // "as if it ended today" the limit counts 3-3 (1), 3-11 (2), 3-12 (3) → due 3-12.
        MoveTo(2026, 3, 10);
        await SweepAsync();
        var d = await DeadlineAsync(id);
        var c = await CaseAsync(id);
        Counted(d)[^1].Date.ShouldBe(D(2026, 3, 12), Show(d));
        d.DueDate.ShouldBe(Counted(d)[^1].Date, $"GET /deadline dueDate disagrees with its own day list: {Show(d)}");
        c.DueDate.ShouldBe(d.DueDate, "GET /cases/{id} dueDate disagrees with GET /deadline");
        c.Status.ShouldBe("suspended");
        c.DeadlineState.ShouldBe("paused");
    }
}

[Trait("Provider", "Sqlite")]
public sealed class OverrunningPauseTests_Sqlite(ClockedSqliteApp<OrdinaryMonday> app)
    : OverrunningPauseTests(app), IClassFixture<ClockedSqliteApp<OrdinaryMonday>>;

[Trait("Provider", "Postgres")]
public sealed class OverrunningPauseTests_Postgres(ClockedPostgresApp<OrdinaryMonday> app)
    : OverrunningPauseTests(app), IClassFixture<ClockedPostgresApp<OrdinaryMonday>>;
