namespace OneSeal.Tests.Lifecycle;

/// <summary>Fri 2026-11-06 10:00 Beijing: an ordinary autumn week, far from holidays and the year end.</summary>
public sealed class EarlyNovemberFriday : IClockStart
{
    public static DateTimeOffset Start => SpringFestivalEve.Beijing(2026, 11, 6, 10, 0);
}

/// <summary>
/// Defect 8.5 through the API on a fixed fake clock: a suspension moves the due dates of the steps still running, never
/// the date of a step already completed. The one fact here moves the clock.
/// </summary>
public abstract class CompletedStepDueDateTests(Infrastructure.OneSealFactory app) : LifecycleTestBase(app)
{
    [Fact]
    public async Task Defect05_a_suspension_leaves_the_completed_accept_steps_due_date_where_it_was()
    {
        // 社会团体成立登记: promised 20, steps 10/50/30/10 → ends 2, 12, 18, 20 working days after acceptance.
        // Accepted Fri 11-06: accept due Tue 11-10 (11-09, 11-10), review due 11-24 (day 12).
        var id = await AcceptItemAsync(Items.Promised20);
        var accepted = await GetAsync(id);
        accepted.Steps[0].DueDate.ShouldBe(D(2026, 11, 10));
        accepted.Steps[1].DueDate.ShouldBe(D(2026, 11, 24));

        // Mon 11-09: a hearing expected to take 3 working days (11-10..11-12 not counted).
        MoveTo(2026, 11, 9, 10, 0);
        (await StepAsAsync("reviewer", id, "suspend", new { kind = "hearing", reason = "申请人申请听证", expectedDays = 3 })).ShouldBe("suspended");
        var suspended = await GetAsync(id);
        suspended.Steps[0].State.ShouldBe("done");
        suspended.Steps[0].CompletedOn.ShouldBe(D(2026, 11, 6));
        suspended.Steps[0].DueDate.ShouldBe(D(2026, 11, 10));
        suspended.Steps[1].DueDate.ShouldBe(D(2026, 11, 27));

        // Resumed Thu 11-12 after 11-10, 11-11, 11-12 paused: still 11-10 for the accept step.
        MoveTo(2026, 11, 12, 16, 0);
        (await StepAsAsync("reviewer", id, "resume")).ShouldBe("accepted");
        var resumed = await GetAsync(id);
        resumed.Steps[0].DueDate.ShouldBe(D(2026, 11, 10));
        resumed.Steps[1].DueDate.ShouldBe(D(2026, 11, 27));
    }

    private async Task<CaseStepsDto> GetAsync(Guid id)
    {
        using var response = await (await Signed("clerk")).GetAsync($"/api/v1/cases/{id}");
        await ShouldBeAsync(response, System.Net.HttpStatusCode.OK);
        return (await System.Net.Http.Json.HttpContentJsonExtensions.ReadFromJsonAsync<CaseStepsDto>(response.Content, Web))!;
    }
}

[Trait("Provider", "Sqlite")]
public sealed class CompletedStepDueDateTests_Sqlite(ClockedSqliteApp<EarlyNovemberFriday> app)
    : CompletedStepDueDateTests(app), IClassFixture<ClockedSqliteApp<EarlyNovemberFriday>>;

[Trait("Provider", "Postgres")]
public sealed class CompletedStepDueDateTests_Postgres(ClockedPostgresApp<EarlyNovemberFriday> app)
    : CompletedStepDueDateTests(app), IClassFixture<ClockedPostgresApp<EarlyNovemberFriday>>;
