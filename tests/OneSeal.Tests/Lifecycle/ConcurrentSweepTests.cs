namespace OneSeal.Tests.Lifecycle;

/// <summary>
/// Scenario 6: two app instances sweeping at the same moment (two DI scopes, two connections, <c>Task.WhenAll</c>)
/// must write each warning once. Clock: Mon 2026-03-02; promised 3 → due Thu 3-5; 80% of 3 → 3 days → yellow on 3-5.
/// </summary>
public abstract class ConcurrentWarningSweepTests(Infrastructure.OneSealFactory app) : LifecycleTestBase(app)
{
    private const int Cases = 30;

    [Fact]
    public async Task Two_sweeps_at_once_over_30_due_cases_write_one_yellow_and_one_red_warning_per_case()
    {
        var ids = new List<Guid>();
        for (var i = 0; i < Cases; i++) ids.Add(await AcceptItemAsync(Items.Promised3));
        (await CaseAsync(ids[0])).DueDate.ShouldBe(D(2026, 3, 5));

        // Thu 3-5: 3 of 3 used → yellow.
        MoveTo(2026, 3, 5, 10, 0);
        var yellow = await Task.WhenAll(Task.Run(SweepAsync), Task.Run(SweepAsync));
        yellow.Sum(r => r.Yellow).ShouldBe(Cases);

        // Fri 3-6: overdue → red.
        MoveTo(2026, 3, 6, 10, 0);
        var red = await Task.WhenAll(Task.Run(SweepAsync), Task.Run(SweepAsync));
        red.Sum(r => r.Red).ShouldBe(Cases);

        foreach (var id in ids)
        {
            var c = await CaseAsync(id);
            c.DeadlineState.ShouldBe("red");
            Count(c, "yellow-warning").ShouldBe(1, $"case {c.CaseNumber}");
            Count(c, "red-warning").ShouldBe(1, $"case {c.CaseNumber}");
        }
    }
}

[Trait("Provider", "Sqlite")]
public sealed class ConcurrentWarningSweepTests_Sqlite(ClockedSqliteApp<OrdinaryMonday> app)
    : ConcurrentWarningSweepTests(app), IClassFixture<ClockedSqliteApp<OrdinaryMonday>>;

[Trait("Provider", "Postgres")]
public sealed class ConcurrentWarningSweepTests_Postgres(ClockedPostgresApp<OrdinaryMonday> app)
    : ConcurrentWarningSweepTests(app), IClassFixture<ClockedPostgresApp<OrdinaryMonday>>;

/// <summary>
/// Two sweeps at once over 30 applications nobody answered: each is deemed accepted once (Art. 32).
/// Submitted Mon 2026-03-02; 5 working days: 3-3 .. 3-9; deemed accepted on Tue 3-10.
/// </summary>
public abstract class ConcurrentDeemedSweepTests(Infrastructure.OneSealFactory app) : LifecycleTestBase(app)
{
    private const int Cases = 30;

    [Fact]
    public async Task Two_sweeps_at_once_deem_each_unanswered_application_accepted_once()
    {
        var ids = new List<Guid>();
        for (var i = 0; i < Cases; i++) ids.Add(await SubmitItemAsync(Items.Promised20));

        MoveTo(2026, 3, 10, 9, 0);
        var results = await Task.WhenAll(Task.Run(SweepAsync), Task.Run(SweepAsync));
        results.Sum(r => r.DeemedAccepted).ShouldBe(Cases);

        foreach (var id in ids)
        {
            var c = await CaseAsync(id);
            c.Status.ShouldBe("accepted");
            c.DeemedAccepted.ShouldBeTrue();
            Count(c, "deemed-accepted").ShouldBe(1, $"case {c.CaseNumber}");
            // Promised 20 from 3-2: 3-3 … 3-30 (20 weekdays, no holiday) → due Mon 3-30.
            c.DueDate.ShouldBe(D(2026, 3, 30));
        }
    }
}

[Trait("Provider", "Sqlite")]
public sealed class ConcurrentDeemedSweepTests_Sqlite(ClockedSqliteApp<OrdinaryMonday> app)
    : ConcurrentDeemedSweepTests(app), IClassFixture<ClockedSqliteApp<OrdinaryMonday>>;

[Trait("Provider", "Postgres")]
public sealed class ConcurrentDeemedSweepTests_Postgres(ClockedPostgresApp<OrdinaryMonday> app)
    : ConcurrentDeemedSweepTests(app), IClassFixture<ClockedPostgresApp<OrdinaryMonday>>;
