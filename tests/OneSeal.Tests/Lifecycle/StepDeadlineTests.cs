using System.Net;
using System.Net.Http.Json;

namespace OneSeal.Tests.Lifecycle;

public sealed record StepDto(string Kind, string Label, int SharePercent, bool StopsClock, int? BudgetDays, DateOnly? DueDate, string State,
    DateOnly? CompletedOn, bool? OnTime);
public sealed record CaseStepsDto(Guid Id, string Status, List<StepDto> Steps, StepDto? CurrentStep);
public sealed record QueueStepDto(Guid Id, StepDto? CurrentStep);
public sealed record DeadlineStepsDto(DateOnly? DueDate, List<StepDto> Steps, StepDto? CurrentStep);

/// <summary>
/// The deadline per process step through the API (issue 4, item 10): the current step follows accept → review → decide,
/// and a step turns yellow, then red, as the fake clock passes its share of the limit. Clock: Thu 2026-02-12, before the
/// Spring Festival (2-15..2-23 off; Sat 2-14 and Sat 2-28 worked).
/// </summary>
public abstract class StepDeadlineTests(Infrastructure.OneSealFactory app) : LifecycleTestBase(app)
{
    [Fact]
    public async Task The_current_step_follows_the_case_and_turns_yellow_then_red_as_time_passes()
    {
        // 社会团体成立登记: promised 20, steps 10/50/30/10 → cumulative ends 2, 12, 18, 20 working days after acceptance.
        // Counted from Thu 2-12: 2-13 (1), 2-14 (2), 2-24 (3) … 3-4 (10), 3-6 (12), 3-9 (13), 3-13 (17), 3-16 (18), 3-18 (20).
        var id = await SubmitItemAsync(Items.Promised20);
        var submitted = await StepsAsync(id);
        submitted.CurrentStep!.Kind.ShouldBe("accept");
        // Before acceptance: the Art. 32 answer period, 5 working days from receipt on Thu 2-12 → 2-13, 2-14, 2-24, 2-25, 2-26.
        submitted.CurrentStep.DueDate.ShouldBe(D(2026, 2, 26));
        submitted.CurrentStep.State.ShouldBe("normal");
        submitted.Steps.Select(s => s.Kind).ShouldBe(new[] { "accept", "review", "decide", "deliver" });
        submitted.Steps.Select(s => s.Label).ShouldBe(new[] { "受理", "审查", "决定", "送达" });

        (await StepAsAsync("clerk", id, "accept")).ShouldBe("accepted");
        var accepted = await StepsAsync(id);
        accepted.Steps[0].ShouldBe(new StepDto("accept", "受理", 10, false, 2, D(2026, 2, 14), "done", D(2026, 2, 12), true));
        accepted.CurrentStep.ShouldBe(new StepDto("review", "审查", 50, false, 10, D(2026, 3, 6), "normal", null, null));
        accepted.Steps.Select(s => s.DueDate).ShouldBe(new DateOnly?[] { D(2026, 2, 14), D(2026, 3, 6), D(2026, 3, 16), D(2026, 3, 18) });
        (await CaseAsync(id)).DueDate.ShouldBe(D(2026, 3, 18));

        // Review's budget is 10 days (3..12): yellow once 8 are used, i.e. on day 10, Wed 3-4; red after Fri 3-6.
        MoveTo(2026, 3, 3, 17, 0);
        (await StepsAsync(id)).CurrentStep!.State.ShouldBe("normal");
        MoveTo(2026, 3, 4, 9, 0);
        (await StepsAsync(id)).CurrentStep!.State.ShouldBe("yellow");
        var queue = await QueueAsync("reviewer", "review", id);
        queue.CurrentStep.ShouldNotBeNull().Kind.ShouldBe("review");
        queue.CurrentStep.State.ShouldBe("yellow");
        MoveTo(2026, 3, 9, 9, 0);
        var late = await StepsAsync(id);
        late.CurrentStep!.State.ShouldBe("red");
        // The deadline explanation carries the same breakdown.
        var deadline = await DeadlineStepsAsync(id);
        deadline.CurrentStep.ShouldBe(late.CurrentStep);
        deadline.Steps.ShouldBe(late.Steps);

        // Reviewed on 3-9, three days late for its step: the decision's step is current, due 3-16 (budget 6, yellow from day 17, 3-13).
        await ReviewAsync(id);
        var reviewed = await StepsAsync(id);
        reviewed.Steps[1].State.ShouldBe("done");
        reviewed.Steps[1].CompletedOn.ShouldBe(D(2026, 3, 9));
        reviewed.Steps[1].OnTime.ShouldBe(false);
        reviewed.CurrentStep.ShouldBe(new StepDto("decide", "决定", 30, false, 6, D(2026, 3, 16), "normal", null, null));
        (await QueueAsync("chief", "decision", id)).CurrentStep.ShouldNotBeNull().Kind.ShouldBe("decide");
        MoveTo(2026, 3, 13, 9, 0);
        (await StepsAsync(id)).CurrentStep!.State.ShouldBe("yellow");

        (await StepAsAsync("chief", id, "decide", new { approve = true, reason = "符合法定条件。" })).ShouldBe("certificate-issued");
        var decided = await StepsAsync(id, "applicant");
        decided.Steps[2].State.ShouldBe("done");
        decided.Steps[2].OnTime.ShouldBe(true);
        decided.CurrentStep.ShouldBe(new StepDto("deliver", "送达", 10, false, 2, D(2026, 3, 18), "normal", null, null));
        MoveTo(2026, 3, 19, 9, 0);
        (await StepsAsync(id, "applicant")).CurrentStep!.State.ShouldBe("red");
    }

    [Fact]
    public async Task Steps_are_visible_only_to_whoever_may_see_the_case()
    {
        var id = await SubmitItemAsync(Items.Promised20);
        using var other = await (await Signed("company")).GetAsync($"/api/v1/cases/{id}");
        other.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        using var otherDeadline = await (await Signed("company")).GetAsync($"/api/v1/cases/{id}/deadline");
        otherDeadline.StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    private async Task<CaseStepsDto> StepsAsync(Guid id, string username = "clerk") => await GetAsync<CaseStepsDto>($"/api/v1/cases/{id}", username);

    private async Task<DeadlineStepsDto> DeadlineStepsAsync(Guid id) => await GetAsync<DeadlineStepsDto>($"/api/v1/cases/{id}/deadline", "reviewer");

    private async Task<QueueStepDto> QueueAsync(string username, string scope, Guid id) =>
        (await GetAsync<List<QueueStepDto>>($"/api/v1/cases?scope={scope}", username)).Single(c => c.Id == id);

    private async Task<T> GetAsync<T>(string url, string username)
    {
        using var response = await (await Signed(username)).GetAsync(url);
        await ShouldBeAsync(response, HttpStatusCode.OK);
        return (await response.Content.ReadFromJsonAsync<T>(Web))!;
    }
}

[Trait("Provider", "Sqlite")]
public sealed class StepDeadlineTests_Sqlite(ClockedSqliteApp<SpringFestivalEve> app)
    : StepDeadlineTests(app), IClassFixture<ClockedSqliteApp<SpringFestivalEve>>;

[Trait("Provider", "Postgres")]
public sealed class StepDeadlineTests_Postgres(ClockedPostgresApp<SpringFestivalEve> app)
    : StepDeadlineTests(app), IClassFixture<ClockedPostgresApp<SpringFestivalEve>>;
