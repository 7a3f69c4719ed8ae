using System.Net;

namespace OneSeal.Tests.Lifecycle;

/// <summary>
/// Scenario 9: every refused suspension or resumption names what was wrong and changes nothing (status, version, timeline,
/// audit, pauses, due date). Clock: Mon 2026-03-02; it does not move here.
/// </summary>
public abstract class SuspendBadInputTests(Infrastructure.OneSealFactory app) : LifecycleTestBase(app)
{
    public static TheoryData<string, string> BadBodies => new()
    {
        { """{"kind":"holiday","reason":"听证","expectedDays":5}""", "kind" },
        { """{"kind":"Hearing","reason":"听证","expectedDays":5}""", "kind" },
        { """{"reason":"听证","expectedDays":5}""", "kind" },
        { """{"kind":"hearing","reason":"听证","expectedDays":0}""", "expectedDays" },
        { """{"kind":"hearing","reason":"听证","expectedDays":-3}""", "expectedDays" },
        { """{"kind":"hearing","reason":"听证","expectedDays":366}""", "expectedDays" },
        { """{"kind":"hearing","reason":"听证"}""", "expectedDays" },
        { """{"kind":"hearing","expectedDays":5}""", "reason" },
        { """{"kind":"hearing","reason":"   ","expectedDays":5}""", "reason" },
    };

    [Theory]
    [MemberData(nameof(BadBodies))]
    public async Task A_bad_suspension_is_400_naming_the_field_and_nothing_changes(string json, string field)
    {
        var id = await AcceptItemAsync(Items.Promised3);
        var before = await StateOfAsync(id);

        using var content = new StringContent(json, System.Text.Encoding.UTF8, "application/json");
        using var response = await (await Signed("reviewer")).PostAsync($"/api/v1/cases/{id}/suspend", content);
        await ShouldBeProblemAsync(response, HttpStatusCode.BadRequest, field: field);

        (await StateOfAsync(id)).ShouldBe(before);
        (await CaseAsync(id)).Status.ShouldBe("accepted");
    }

    [Fact]
    public async Task Suspending_a_case_not_yet_accepted_is_409_invalid_transition_and_nothing_changes()
    {
        var id = await SubmitItemAsync(Items.Promised3);
        var before = await StateOfAsync(id);

        using var response = await ActAsAsync("reviewer", id, "suspend", new { kind = "hearing", reason = "听证", expectedDays = 5 });
        await ShouldBeProblemAsync(response, HttpStatusCode.Conflict, rule: "invalid-transition");

        (await StateOfAsync(id)).ShouldBe(before);
    }

    [Fact]
    public async Task Suspending_a_suspended_case_again_is_409_and_adds_no_second_pause()
    {
        var id = await AcceptItemAsync(Items.Promised3);
        (await StepAsAsync("reviewer", id, "suspend", new { kind = "hearing", reason = "听证", expectedDays = 5 })).ShouldBe("suspended");
        var before = await StateOfAsync(id);

        using var response = await ActAsAsync("chief", id, "suspend", new { kind = "appraisal", reason = "鉴定", expectedDays = 3 });
        await ShouldBeProblemAsync(response, HttpStatusCode.Conflict, rule: "invalid-transition");

        (await StateOfAsync(id)).ShouldBe(before);
        before.Pauses.ShouldBe(1);
    }

    [Fact]
    public async Task Resuming_a_case_that_is_not_suspended_is_409_and_nothing_changes()
    {
        var id = await AcceptItemAsync(Items.Promised3);
        var before = await StateOfAsync(id);

        using var response = await ActAsAsync("reviewer", id, "resume");
        await ShouldBeProblemAsync(response, HttpStatusCode.Conflict, rule: "invalid-transition");

        (await StateOfAsync(id)).ShouldBe(before);
    }

    [Theory]
    [InlineData("applicant")]
    [InlineData("clerk")]
    [InlineData("monitor")]
    [InlineData("dept")]
    public async Task Only_the_reviewer_or_chief_of_the_handling_organisation_suspends(string user)
    {
        var id = await AcceptItemAsync(Items.Promised3);
        var before = await StateOfAsync(id);

        using var response = await ActAsAsync(user, id, "suspend", new { kind = "hearing", reason = "听证", expectedDays = 5 });
        response.StatusCode.ShouldBeOneOf(HttpStatusCode.Forbidden, HttpStatusCode.NotFound);
        await ShouldBeProblemAsync(response, response.StatusCode);

        (await StateOfAsync(id)).ShouldBe(before);
    }

    [Fact]
    public async Task The_applicant_cannot_resume_a_suspended_case_and_nothing_changes()
    {
        var id = await AcceptItemAsync(Items.Promised3);
        (await StepAsAsync("reviewer", id, "suspend", new { kind = "correction", reason = "审查中发现需补正", expectedDays = 5 })).ShouldBe("suspended");
        var before = await StateOfAsync(id);

        using var response = await ActAsAsync("applicant", id, "resume");
        await ShouldBeProblemAsync(response, HttpStatusCode.Forbidden);

        (await StateOfAsync(id)).ShouldBe(before);
        (await CaseAsync(id)).Status.ShouldBe("suspended");
    }

    [Fact]
    public async Task A_stale_If_Match_is_409_stale_version_and_nothing_changes()
    {
        var id = await AcceptItemAsync(Items.Promised3);
        var version = (await CaseAsync(id)).Version;
        var before = await StateOfAsync(id);

        using var stale = await ActAsAsync("reviewer", id, "suspend", new { kind = "hearing", reason = "听证", expectedDays = 5 }, ifMatch: $"\"{version - 1}\"");
        await ShouldBeProblemAsync(stale, HttpStatusCode.Conflict, rule: "stale-version");
        (await StateOfAsync(id)).ShouldBe(before);

        // The current version goes through; resuming with the version from before the suspension is stale again.
        using var current = await ActAsAsync("reviewer", id, "suspend", new { kind = "hearing", reason = "听证", expectedDays = 5 }, ifMatch: $"\"{version}\"");
        await ShouldBeAsync(current, HttpStatusCode.OK);
        var suspended = await StateOfAsync(id);
        using var staleResume = await ActAsAsync("reviewer", id, "resume", ifMatch: $"\"{version}\"");
        await ShouldBeProblemAsync(staleResume, HttpStatusCode.Conflict, rule: "stale-version");
        (await StateOfAsync(id)).ShouldBe(suspended);
    }

    [Theory]
    [InlineData("hearing", "听证")]
    [InlineData("inspection", "检验")]
    [InlineData("appraisal", "鉴定")]
    [InlineData("expert-review", "专家评审")]
    [InlineData("site-inspection", "现场")]
    [InlineData("correction", "补正")]
    public async Task Every_kind_the_law_lists_can_stop_the_clock(string kind, string label)
    {
        var id = await AcceptItemAsync(Items.Promised3);
        (await StepAsAsync("reviewer", id, "suspend", new { kind, reason = "依法中止", expectedDays = 2 })).ShouldBe("suspended");
        Last(await CaseAsync(id), "suspended").Note.ShouldNotBeNull().ShouldContain(label);
        (await DeadlineAsync(id)).Pauses.ShouldHaveSingleItem().Kind.ShouldBe(kind);
    }
}

[Trait("Provider", "Sqlite")]
public sealed class SuspendBadInputTests_Sqlite(ClockedSqliteApp<OrdinaryMonday> app)
    : SuspendBadInputTests(app), IClassFixture<ClockedSqliteApp<OrdinaryMonday>>;

[Trait("Provider", "Postgres")]
public sealed class SuspendBadInputTests_Postgres(ClockedPostgresApp<OrdinaryMonday> app)
    : SuspendBadInputTests(app), IClassFixture<ClockedPostgresApp<OrdinaryMonday>>;
