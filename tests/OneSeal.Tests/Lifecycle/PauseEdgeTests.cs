namespace OneSeal.Tests.Lifecycle;

/// <summary>
/// A pause that starts after the limit has already run out: the time of a hearing is not counted (Art. 45), but it cannot
/// revive a limit that expired before it began. Clock: Mon 2026-03-02, moved here.
/// </summary>
public abstract class PauseAfterDueTests(Infrastructure.OneSealFactory app) : LifecycleTestBase(app)
{
    [Fact]
    public async Task A_pause_begun_after_the_due_date_does_not_move_the_due_date()
    {
        // Accepted Mon 3-2, promised 3: 3-3 (1), 3-4 (2), 3-5 (3) → due Thu 3-5.
        var id = await AcceptItemAsync(Items.Promised3);

        // Mon 3-9: two working days overdue → red.
        MoveTo(2026, 3, 9, 9, 0);
        await SweepAsync();
        (await CaseAsync(id)).DeadlineState.ShouldBe("red");

        // The reviewer still holds a hearing, 3-10 and 3-11, and resumes on Wed 3-11 (2 working days paused).
        (await StepAsAsync("reviewer", id, "suspend", new { kind = "hearing", reason = "申请人申请听证", expectedDays = 2 })).ShouldBe("suspended");
        MoveTo(2026, 3, 11, 16, 0);
        (await StepAsAsync("reviewer", id, "resume")).ShouldBe("accepted");

        // The 3 working days of the limit were 3-3, 3-4, 3-5, all before the hearing: the limit still ran out on 3-5.
        var c = await CaseAsync(id);
        var d = await DeadlineAsync(id);
        Counted(d).Select(x => x.Number).ShouldBe([1, 2, 3], $"a 3-day limit counts 3 days: {Show(d)}");
        Counted(d)[^1].Date.ShouldBe(D(2026, 3, 5), Show(d));
        d.DueDate.ShouldBe(D(2026, 3, 5));
        c.DueDate.ShouldBe(D(2026, 3, 5));
        c.DeadlineState.ShouldBe("red");
        Count(c, "red-warning").ShouldBe(1);
    }
}

[Trait("Provider", "Sqlite")]
public sealed class PauseAfterDueTests_Sqlite(ClockedSqliteApp<OrdinaryMonday> app)
    : PauseAfterDueTests(app), IClassFixture<ClockedSqliteApp<OrdinaryMonday>>;

[Trait("Provider", "Postgres")]
public sealed class PauseAfterDueTests_Postgres(ClockedPostgresApp<OrdinaryMonday> app)
    : PauseAfterDueTests(app), IClassFixture<ClockedPostgresApp<OrdinaryMonday>>;

/// <summary>
/// A case that ends while suspended (withdrawn, terminated) closes its pause; the case's paused working days then include
/// it, as they do after a resumption. Clock: Mon 2026-03-02, moved here.
/// </summary>
public abstract class EndedWhilePausedTests(Infrastructure.OneSealFactory app) : LifecycleTestBase(app)
{
    [Fact]
    public async Task Withdrawn_or_terminated_while_suspended_the_pause_is_closed_and_counted()
    {
        var withdrawn = await AcceptItemAsync(Items.Promised3);
        var terminated = await AcceptItemAsync(Items.Promised3);
        // Tue 3-3: both suspended; Thu 3-5: both end, after 2 working days (3-4, 3-5) of pause.
        MoveTo(2026, 3, 3);
        (await StepAsAsync("reviewer", withdrawn, "suspend", new { kind = "inspection", reason = "送检", expectedDays = 5 })).ShouldBe("suspended");
        (await StepAsAsync("reviewer", terminated, "suspend", new { kind = "appraisal", reason = "鉴定", expectedDays = 5 })).ShouldBe("suspended");
        MoveTo(2026, 3, 5);
        (await StepAsAsync("applicant", withdrawn, "withdraw", new { reason = "不再经营" })).ShouldBe("withdrawn");
        (await StepAsAsync("chief", terminated, "terminate", new { reason = "申请人已注销" })).ShouldBe("terminated");

        foreach (var id in new[] { withdrawn, terminated })
        {
            var d = await DeadlineAsync(id);
            var pause = d.Pauses.ShouldHaveSingleItem();
            pause.StartedOn.ShouldBe(D(2026, 3, 3));
            pause.EndedOn.ShouldBe(D(2026, 3, 5));
            pause.PausedDays.ShouldBe(2);
            d.DeadlineState.ShouldNotBe("paused");
            d.PausedDays.ShouldBe(2, "the case's paused days include its closed pause");
            (await CaseAsync(id)).PausedDays.ShouldBe(2);
        }
    }
}

[Trait("Provider", "Sqlite")]
public sealed class EndedWhilePausedTests_Sqlite(ClockedSqliteApp<OrdinaryMonday> app)
    : EndedWhilePausedTests(app), IClassFixture<ClockedSqliteApp<OrdinaryMonday>>;

[Trait("Provider", "Postgres")]
public sealed class EndedWhilePausedTests_Postgres(ClockedPostgresApp<OrdinaryMonday> app)
    : EndedWhilePausedTests(app), IClassFixture<ClockedPostgresApp<OrdinaryMonday>>;
