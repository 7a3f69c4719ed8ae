using System.Net;

namespace OneSeal.Tests.Lifecycle;

/// <summary>
/// Scenario 7: the applicant withdraws before the decision; the chief terminates with a reason.
/// Clock: Mon 2026-03-02; it does not move here.
/// </summary>
public abstract class WithdrawTerminateTests(Infrastructure.OneSealFactory app) : LifecycleTestBase(app)
{
    [Fact]
    public async Task The_applicant_withdraws_an_accepted_case()
    {
        var id = await AcceptItemAsync(Items.Promised3);

        (await StepAsAsync("applicant", id, "withdraw", new { reason = "经营计划调整" })).ShouldBe("withdrawn");

        var c = await CaseAsync(id, "applicant");
        c.Status.ShouldBe("withdrawn");
        var line = Last(c, "withdrawn");
        line.Actor.ShouldBe("张三");
        line.Note.ShouldBe("经营计划调整");
    }

    [Fact]
    public async Task Withdrawing_without_a_reason_is_allowed()
    {
        var id = await SubmitItemAsync(Items.Promised3);
        (await StepAsAsync("applicant", id, "withdraw")).ShouldBe("withdrawn");
        (await CaseAsync(id)).Status.ShouldBe("withdrawn");
    }

    [Fact]
    public async Task A_suspended_case_can_be_withdrawn_and_its_clock_stops_for_good()
    {
        var id = await AcceptItemAsync(Items.Promised3);
        (await StepAsAsync("reviewer", id, "suspend", new { kind = "appraisal", reason = "委托鉴定", expectedDays = 5 })).ShouldBe("suspended");

        (await StepAsAsync("applicant", id, "withdraw", new { reason = "不再申请" })).ShouldBe("withdrawn");

        var c = await CaseAsync(id);
        c.Status.ShouldBe("withdrawn");
        c.DeadlineState.ShouldNotBe("paused");
        var pause = (await DeadlineAsync(id)).Pauses.ShouldHaveSingleItem();
        pause.EndedOn.ShouldBe(D(2026, 3, 2));
        // A withdrawn case is not on the clock: the sweep leaves it alone.
        await SweepAsync();
        Count(await CaseAsync(id), "red-warning").ShouldBe(0);
    }

    [Fact]
    public async Task Another_applicant_gets_404_and_nothing_changes()
    {
        var id = await AcceptItemAsync(Items.Promised3);
        var before = await StateOfAsync(id);

        using var response = await ActAsAsync("company", id, "withdraw", new { reason = "冒名撤回" });
        await ShouldBeProblemAsync(response, HttpStatusCode.NotFound);

        (await StateOfAsync(id)).ShouldBe(before);
    }

    [Fact]
    public async Task The_clerk_cannot_withdraw_for_the_applicant_403_and_nothing_changes()
    {
        var id = await AcceptItemAsync(Items.Promised3);
        var before = await StateOfAsync(id);

        using var response = await ActAsAsync("clerk", id, "withdraw", new { reason = "代为撤回" });
        await ShouldBeProblemAsync(response, HttpStatusCode.Forbidden);

        (await StateOfAsync(id)).ShouldBe(before);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Withdrawing_after_the_decision_is_409_and_nothing_changes(bool approved)
    {
        var id = await AcceptItemAsync(Items.Promised3);
        if (approved) await ApproveAsync(id);
        else await DenyAsync(id);
        var before = await StateOfAsync(id);

        using var response = await ActAsAsync("applicant", id, "withdraw", new { reason = "决定后撤回" });
        await ShouldBeProblemAsync(response, HttpStatusCode.Conflict, rule: "invalid-transition");

        (await StateOfAsync(id)).ShouldBe(before);
    }

    [Fact]
    public async Task The_chief_terminates_with_a_reason()
    {
        var id = await AcceptItemAsync(Items.Promised3);

        (await StepAsAsync("chief", id, "terminate", new { reason = "申请人已注销，终止审查" })).ShouldBe("terminated");

        var c = await CaseAsync(id, "applicant");
        c.Status.ShouldBe("terminated");
        var line = Last(c, "terminated");
        line.Actor.ShouldBe("钱科长");
        line.Note.ShouldBe("申请人已注销，终止审查");
        // Ended: it cannot be withdrawn any more.
        using var withdraw = await ActAsAsync("applicant", id, "withdraw");
        await ShouldBeProblemAsync(withdraw, HttpStatusCode.Conflict, rule: "invalid-transition");
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public async Task Terminating_without_a_reason_is_400_naming_reason_and_nothing_changes(string? reason)
    {
        var id = await AcceptItemAsync(Items.Promised3);
        var before = await StateOfAsync(id);

        using var response = await ActAsAsync("chief", id, "terminate", new { reason });
        await ShouldBeProblemAsync(response, HttpStatusCode.BadRequest, field: "reason");

        (await StateOfAsync(id)).ShouldBe(before);
    }

    [Fact]
    public async Task Only_the_chief_terminates_403_and_nothing_changes()
    {
        var id = await AcceptItemAsync(Items.Promised3);
        var before = await StateOfAsync(id);

        foreach (var user in new[] { "reviewer", "clerk" })
        {
            using var response = await ActAsAsync(user, id, "terminate", new { reason = "越权终止" });
            await ShouldBeProblemAsync(response, HttpStatusCode.Forbidden);
        }
        using var applicant = await ActAsAsync("applicant", id, "terminate", new { reason = "申请人终止" });
        applicant.StatusCode.ShouldBeOneOf(HttpStatusCode.Forbidden, HttpStatusCode.NotFound);

        (await StateOfAsync(id)).ShouldBe(before);
    }

    [Fact]
    public async Task Terminating_a_case_not_yet_accepted_is_409()
    {
        var id = await SubmitItemAsync(Items.Promised3);
        var before = await StateOfAsync(id);

        using var response = await ActAsAsync("chief", id, "terminate", new { reason = "未受理即终止" });
        await ShouldBeProblemAsync(response, HttpStatusCode.Conflict, rule: "invalid-transition");

        (await StateOfAsync(id)).ShouldBe(before);
    }
}

[Trait("Provider", "Sqlite")]
public sealed class WithdrawTerminateTests_Sqlite(ClockedSqliteApp<OrdinaryMonday> app)
    : WithdrawTerminateTests(app), IClassFixture<ClockedSqliteApp<OrdinaryMonday>>;

[Trait("Provider", "Postgres")]
public sealed class WithdrawTerminateTests_Postgres(ClockedPostgresApp<OrdinaryMonday> app)
    : WithdrawTerminateTests(app), IClassFixture<ClockedPostgresApp<OrdinaryMonday>>;
