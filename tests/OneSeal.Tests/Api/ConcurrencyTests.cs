using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using OneSeal.Platform.Http;
using OneSeal.Tests.Infrastructure;

namespace OneSeal.Tests.Api;

/// <summary>Optimistic concurrency (If-Match / version), racing writers, and Idempotency-Key on creating POSTs.</summary>
public abstract class ConcurrencyTests(OneSealFactory app) : CaseApiTestBase(app)
{
    [Fact]
    public async Task The_case_carries_its_version_as_an_ETag()
    {
        var id = await SubmittedCaseAsync();

        using var response = await (await As("clerk")).GetAsync($"/api/v1/cases/{id}");

        await ShouldBeAsync(response, HttpStatusCode.OK);
        var c = (await response.Content.ReadFromJsonAsync<CaseDto>(Web))!;
        response.Headers.ETag!.Tag.ShouldBe($"\"{c.Version}\"");
    }

    [Fact]
    public async Task Accepting_with_a_stale_If_Match_is_409_stale_version_and_changes_nothing()
    {
        var id = await SubmittedCaseAsync();
        var clerk = await As("clerk");
        var version = (await GetCaseAsync(clerk, id)).Version;
        var before = await FootprintAsync(id);

        using var stale = await ActAsync(clerk, id, "accept", ifMatch: $"\"{version - 1}\"");

        await ShouldBeProblemAsync(stale, HttpStatusCode.Conflict, rule: "stale-version");
        (await FootprintAsync(id)).ShouldBe(before);

        using var current = await ActAsync(clerk, id, "accept", ifMatch: $"\"{version}\"");
        await ShouldBeAsync(current, HttpStatusCode.OK);
        (await GetCaseAsync(clerk, id)).Version.ShouldBe(version + 1);
    }

    [Fact]
    public async Task A_decision_made_on_a_version_someone_else_changed_is_409_stale_version()
    {
        var id = await SubmittedCaseAsync();
        var clerk = await As("clerk");
        var seenByClerk = (await GetCaseAsync(clerk, id)).Version;
        (await StepAsync(await As("clerk2"), id, "request-correction", new { missing = new[] { "M01" } })).ShouldBe("correction-requested");

        // clerk still looks at the "submitted" case and refuses it: the state moved on meanwhile.
        using var response = await ActAsync(clerk, id, "refuse", new { reason = "材料不全" }, ifMatch: $"\"{seenByClerk}\"");

        await ShouldBeProblemAsync(response, HttpStatusCode.Conflict, rule: "stale-version");
        (await GetCaseAsync(clerk, id)).Status.ShouldBe("correction-requested");
    }

    [Fact]
    public async Task Two_clerks_accepting_the_same_case_at_once_one_wins_the_other_gets_409()
    {
        // Several rounds, so that the race really happens on the database and not only on the state check.
        var clerk = await As("clerk");
        var clerk2 = await As("clerk2");
        for (var round = 0; round < 5; round++)
        {
            var id = await SubmittedCaseAsync();
            var version = (await GetCaseAsync(clerk, id)).Version;

            var responses = await Task.WhenAll(ActAsync(clerk, id, "accept"), ActAsync(clerk2, id, "accept"));
            try
            {
                responses.Select(r => r.StatusCode).ShouldBe([HttpStatusCode.OK, HttpStatusCode.Conflict], ignoreOrder: true,
                    $"round {round}: {string.Join(" | ", await Task.WhenAll(responses.Select(r => r.Content.ReadAsStringAsync())))}");
                var loser = responses.Single(r => r.StatusCode == HttpStatusCode.Conflict);
                var problem = await ShouldBeProblemAsync(loser, HttpStatusCode.Conflict);
                problem.GetProperty("rule").GetString().ShouldBeOneOf("stale-version", "invalid-transition");

                var after = await GetCaseAsync(clerk, id);
                after.Status.ShouldBe("accepted");
                after.Version.ShouldBe(version + 1);
                after.Timeline.Count(t => t.Action == "accepted").ShouldBe(1);
                var winner = responses[0].StatusCode == HttpStatusCode.OK ? "李窗口" : "王窗口";
                after.Timeline.Single(t => t.Action == "accepted").Actor.ShouldBe(winner);
            }
            finally
            {
                foreach (var r in responses) r.Dispose();
            }
        }
    }

    [Fact]
    public async Task The_same_Idempotency_Key_twice_returns_the_same_case_and_creates_one()
    {
        var applicant = await As("applicant");
        var key = Unique("create-");
        var before = await CaseCountAsync("applicant");

        using var first = await PostCaseAsync(applicant, Demo.FoodLicence, Demo.FoodLicenceForm(), key);
        using var retry = await PostCaseAsync(applicant, Demo.FoodLicence, Demo.FoodLicenceForm(), key);

        await ShouldBeAsync(first, HttpStatusCode.Created);
        await ShouldBeAsync(retry, HttpStatusCode.Created);
        var a = (await first.Content.ReadFromJsonAsync<CaseCreatedDto>(Web))!;
        var b = (await retry.Content.ReadFromJsonAsync<CaseCreatedDto>(Web))!;
        b.ShouldBe(a);
        (await CaseCountAsync("applicant")).ShouldBe(before + 1);
    }

    [Fact]
    public async Task The_same_Idempotency_Key_with_a_different_body_is_409_and_creates_nothing_more()
    {
        var applicant = await As("applicant");
        var key = Unique("create-");
        using (var first = await PostCaseAsync(applicant, Demo.FoodLicence, Demo.FoodLicenceForm(), key))
            await ShouldBeAsync(first, HttpStatusCode.Created);
        var before = await CaseCountAsync("applicant");
        var other = Demo.FoodLicenceForm();
        other["operatingArea"] = "120";

        using var response = await PostCaseAsync(applicant, Demo.FoodLicence, other, key);

        await ShouldBeProblemAsync(response, HttpStatusCode.Conflict, rule: "idempotency-key-reused");
        (await CaseCountAsync("applicant")).ShouldBe(before);
    }

    [Fact]
    public async Task The_same_Idempotency_Key_sent_twice_at_once_creates_one_case()
    {
        var applicant = await As("applicant");
        for (var round = 0; round < 3; round++)
        {
            var key = Unique("twin-");
            var before = await CaseCountAsync("applicant");

            var responses = await Task.WhenAll(
                PostCaseAsync(applicant, Demo.FoodLicence, Demo.FoodLicenceForm(), key),
                PostCaseAsync(applicant, Demo.FoodLicence, Demo.FoodLicenceForm(), key));
            try
            {
                var bodies = await Task.WhenAll(responses.Select(r => r.Content.ReadAsStringAsync()));
                responses.ShouldContain(r => r.StatusCode == HttpStatusCode.Created, string.Join(" | ", bodies));
                foreach (var r in responses.Where(r => r.StatusCode != HttpStatusCode.Created))
                    (await ShouldBeProblemAsync(r, HttpStatusCode.Conflict)).GetProperty("rule").GetString().ShouldBe("idempotency-in-progress");
                var ids = responses.Select((r, i) => (r, i)).Where(x => x.r.StatusCode == HttpStatusCode.Created)
                    .Select(x => JsonSerializer.Deserialize<CaseCreatedDto>(bodies[x.i], Web)!.Id).Distinct().ToList();
                ids.ShouldHaveSingleItem();
                (await CaseCountAsync("applicant")).ShouldBe(before + 1);
            }
            finally
            {
                foreach (var r in responses) r.Dispose();
            }
        }
    }

    [Fact]
    public async Task Cases_created_at_the_same_moment_get_distinct_case_numbers()
    {
        var applicant = await As("applicant");
        var company = await As("company");

        var responses = await Task.WhenAll(Enumerable.Range(0, 12).Select(i =>
            PostCaseAsync(i % 2 == 0 ? applicant : company, Demo.FoodLicence, Demo.FoodLicenceForm())));
        try
        {
            foreach (var r in responses) await ShouldBeAsync(r, HttpStatusCode.Created);
            var created = await Task.WhenAll(responses.Select(r => r.Content.ReadFromJsonAsync<CaseCreatedDto>(Web)));
            created.Select(c => c!.CaseNumber).ShouldBeUnique();
            created.Select(c => c!.Id).ShouldBeUnique();
        }
        finally
        {
            foreach (var r in responses) r.Dispose();
        }
    }

    [Fact]
    public async Task Idempotency_Keys_belong_to_the_account_that_used_them()
    {
        var key = Unique("shared-");
        var before = await CaseCountAsync("company");
        using (var mine = await PostCaseAsync(await As("applicant"), Demo.FoodLicence, Demo.FoodLicenceForm(), key))
            await ShouldBeAsync(mine, HttpStatusCode.Created);

        using var theirs = await PostCaseAsync(await As("company"), Demo.FoodLicence, Demo.FoodLicenceForm(), key);

        await ShouldBeAsync(theirs, HttpStatusCode.Created);
        (await CaseCountAsync("company")).ShouldBe(before + 1);
    }

    [Fact]
    public async Task A_failed_request_releases_its_Idempotency_Key_for_a_corrected_retry()
    {
        var applicant = await As("applicant");
        var key = Unique("retry-");
        var before = await CaseCountAsync("applicant");
        var accountId = await AccountIdAsync("applicant");

        using (var bad = await PostCaseAsync(applicant, Unique("QS-NOPE-"), Demo.FoodLicenceForm(), key))
            await ShouldBeProblemAsync(bad, HttpStatusCode.BadRequest, field: "itemCode");
        (await InDb(db => db.Set<IdempotencyRecord>().CountAsync(r => r.AccountId == accountId && r.Key == key))).ShouldBe(0);

        using var good = await PostCaseAsync(applicant, Demo.FoodLicence, Demo.FoodLicenceForm(), key);
        await ShouldBeAsync(good, HttpStatusCode.Created);
        (await CaseCountAsync("applicant")).ShouldBe(before + 1);
    }
}

[Trait("Provider", "Sqlite")]
public sealed class ConcurrencyTests_Sqlite(SqliteApp app) : ConcurrencyTests(app), IClassFixture<SqliteApp>;

[Trait("Provider", "Postgres")]
public sealed class ConcurrencyTests_Postgres(PostgresApp app) : ConcurrencyTests(app), IClassFixture<PostgresApp>;
