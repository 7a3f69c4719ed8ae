using System.Net;
using Microsoft.EntityFrameworkCore;
using OneSeal.Cases.Clock;

namespace OneSeal.Tests.Lifecycle;

/// <summary>
/// Two staff acting on the clock of one case at once: one wins, the other gets 409, and nothing is written twice
/// (no second pause row, no second extension). Several rounds each, so the race reaches the database.
/// Clock: Mon 2026-03-02; it does not move here.
/// </summary>
public abstract class LifecycleConcurrencyTests(Infrastructure.OneSealFactory app) : LifecycleTestBase(app)
{
    private const int Rounds = 6;

    private async Task OneWinsAsync(HttpResponseMessage[] responses, string round)
    {
        try
        {
            responses.Select(r => r.StatusCode).ShouldBe([HttpStatusCode.OK, HttpStatusCode.Conflict], ignoreOrder: true,
                $"{round}: {string.Join(" | ", await Task.WhenAll(responses.Select(r => r.Content.ReadAsStringAsync())))}");
            var problem = await ShouldBeProblemAsync(responses.Single(r => r.StatusCode == HttpStatusCode.Conflict), HttpStatusCode.Conflict);
            problem.GetProperty("rule").GetString().ShouldBeOneOf("stale-version", "invalid-transition", "extension-once");
        }
        finally
        {
            foreach (var r in responses) r.Dispose();
        }
    }

    private Task<int> PauseRowsAsync(Guid id) => InDb(db => db.Set<CasePause>().CountAsync(p => p.CaseId == id));

    [Fact]
    public async Task Two_extensions_at_once_one_wins_and_the_limit_grows_once()
    {
        var chief = await Signed("chief");
        for (var round = 0; round < Rounds; round++)
        {
            // Accepted 3-2, promised 3 → due 3-5; +10 → 3-6, 3-9 … 3-13, 3-16 … 3-19 → 3-19.
            var id = await AcceptItemAsync(Items.Promised3);
            var responses = await Task.WhenAll(
                ActAsync(chief, id, "extend", new { reason = "甲：需补充核查" }),
                ActAsync(chief, id, "extend", new { reason = "乙：需补充核查" }));
            await OneWinsAsync(responses, $"round {round}");

            var c = await CaseAsync(id);
            c.ExtensionDays.ShouldBe(10);
            c.DueDate.ShouldBe(D(2026, 3, 19));
            Count(c, "extended").ShouldBe(1);
        }
    }

    [Fact]
    public async Task The_reviewer_and_the_chief_suspending_at_once_make_one_pause()
    {
        var reviewer = await Signed("reviewer");
        var chief = await Signed("chief");
        for (var round = 0; round < Rounds; round++)
        {
            var id = await AcceptItemAsync(Items.Promised3);
            var responses = await Task.WhenAll(
                ActAsync(reviewer, id, "suspend", new { kind = "hearing", reason = "听证", expectedDays = 5 }),
                ActAsync(chief, id, "suspend", new { kind = "expert-review", reason = "专家评审", expectedDays = 7 }));
            await OneWinsAsync(responses, $"round {round}");

            var c = await CaseAsync(id);
            c.Status.ShouldBe("suspended");
            Count(c, "suspended").ShouldBe(1);
            (await PauseRowsAsync(id)).ShouldBe(1);
            (await DeadlineAsync(id)).Pauses.ShouldHaveSingleItem();
        }
    }

    [Fact]
    public async Task The_reviewer_and_the_chief_resuming_at_once_resume_once()
    {
        var reviewer = await Signed("reviewer");
        var chief = await Signed("chief");
        for (var round = 0; round < Rounds; round++)
        {
            var id = await AcceptItemAsync(Items.Promised3);
            (await StepAsync(reviewer, id, "suspend", new { kind = "inspection", reason = "送检", expectedDays = 3 })).ShouldBe("suspended");
            var responses = await Task.WhenAll(ActAsync(reviewer, id, "resume"), ActAsync(chief, id, "resume"));
            await OneWinsAsync(responses, $"round {round}");

            var c = await CaseAsync(id);
            c.Status.ShouldBe("accepted");
            Count(c, "resumed").ShouldBe(1);
            c.DueDate.ShouldBe(D(2026, 3, 5));
            (await PauseRowsAsync(id)).ShouldBe(1);
        }
    }

    [Fact]
    public async Task The_applicant_withdrawing_while_the_reviewer_resumes_never_fails_with_500()
    {
        var reviewer = await Signed("reviewer");
        var applicant = await Signed("applicant");
        for (var round = 0; round < Rounds * 2; round++)
        {
            var id = await AcceptItemAsync(Items.Promised3);
            (await StepAsync(reviewer, id, "suspend", new { kind = "hearing", reason = "听证", expectedDays = 3 })).ShouldBe("suspended");
            var responses = await Task.WhenAll(ActAsync(reviewer, id, "resume"), ActAsync(applicant, id, "withdraw", new { reason = "不再申请" }));
            try
            {
                // Resumed then withdrawn (both 200), or one of them loses with a 409 — never a server error.
                var bodies = string.Join(" | ", await Task.WhenAll(responses.Select(r => r.Content.ReadAsStringAsync())));
                responses.ShouldAllBe(r => r.StatusCode == HttpStatusCode.OK || r.StatusCode == HttpStatusCode.Conflict, $"round {round}: {bodies}");
                responses.ShouldContain(r => r.StatusCode == HttpStatusCode.OK, $"round {round}: {bodies}");
            }
            finally
            {
                foreach (var r in responses) r.Dispose();
            }
            var c = await CaseAsync(id);
            c.Status.ShouldBeOneOf("accepted", "withdrawn");
            (await DeadlineAsync(id)).Pauses.ShouldHaveSingleItem().EndedOn.ShouldBe(D(2026, 3, 2));
        }
    }
}

[Trait("Provider", "Sqlite")]
public sealed class LifecycleConcurrencyTests_Sqlite(ClockedSqliteApp<OrdinaryMonday> app)
    : LifecycleConcurrencyTests(app), IClassFixture<ClockedSqliteApp<OrdinaryMonday>>;

[Trait("Provider", "Postgres")]
public sealed class LifecycleConcurrencyTests_Postgres(ClockedPostgresApp<OrdinaryMonday> app)
    : LifecycleConcurrencyTests(app), IClassFixture<ClockedPostgresApp<OrdinaryMonday>>;
