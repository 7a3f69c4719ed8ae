using System.Net;

namespace OneSeal.Tests.Lifecycle;

/// <summary>
/// Scenario 8: delivery of the result (送达, Art. 44) at the result window. Clock: Mon 2026-03-02; it does not move here.
/// </summary>
public abstract class DeliveryTests(Infrastructure.OneSealFactory app) : LifecycleTestBase(app)
{
    [Fact]
    public async Task Post_without_a_tracking_number_is_400_naming_trackingNumber_with_one_it_is_delivered()
    {
        var id = await AcceptItemAsync(Items.Promised3);
        await ApproveAsync(id);
        var before = await StateOfAsync(id);

        using var missing = await ActAsAsync("clerk", id, "deliver", new { mode = "post" });
        await ShouldBeProblemAsync(missing, HttpStatusCode.BadRequest, field: "trackingNumber");
        using var blank = await ActAsAsync("clerk", id, "deliver", new { mode = "post", trackingNumber = "  " });
        await ShouldBeProblemAsync(blank, HttpStatusCode.BadRequest, field: "trackingNumber");
        (await StateOfAsync(id)).ShouldBe(before);

        (await StepAsAsync("clerk", id, "deliver", new { mode = "post", trackingNumber = "SF1234567890123" })).ShouldBe("delivered");

        var c = await CaseAsync(id, "applicant");
        c.Status.ShouldBe("delivered");
        var line = Last(c, "delivered");
        line.Note.ShouldNotBeNull().ShouldContain("SF1234567890123");
        line.Actor.ShouldBe("李窗口");
        // Delivered the day of the decision: well within Art. 44's 10 working days.
        line.Note.ShouldNotContain("超过");
    }

    [Fact]
    public async Task A_denial_is_delivered_by_pickup()
    {
        var id = await AcceptItemAsync(Items.Promised3);
        await DenyAsync(id);

        (await StepAsAsync("clerk", id, "deliver", new { mode = "pickup" })).ShouldBe("delivered");

        var c = await CaseAsync(id);
        c.Status.ShouldBe("delivered");
        Last(c, "delivered").Note.ShouldNotBeNull().ShouldContain("窗口领取");
    }

    [Fact]
    public async Task Delivering_twice_is_409_and_nothing_changes()
    {
        var id = await AcceptItemAsync(Items.Promised3);
        await ApproveAsync(id);
        (await StepAsAsync("clerk", id, "deliver", new { mode = "electronic" })).ShouldBe("delivered");
        var before = await StateOfAsync(id);

        using var again = await ActAsAsync("clerk", id, "deliver", new { mode = "pickup" });
        await ShouldBeProblemAsync(again, HttpStatusCode.Conflict, rule: "invalid-transition");

        (await StateOfAsync(id)).ShouldBe(before);
        Count(await CaseAsync(id), "delivered").ShouldBe(1);
    }

    [Fact]
    public async Task Delivering_before_the_decision_is_409_and_nothing_changes()
    {
        var id = await AcceptItemAsync(Items.Promised3);
        await ReviewAsync(id);
        var before = await StateOfAsync(id);

        using var response = await ActAsAsync("clerk", id, "deliver", new { mode = "pickup" });
        await ShouldBeProblemAsync(response, HttpStatusCode.Conflict, rule: "invalid-transition");

        (await StateOfAsync(id)).ShouldBe(before);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("courier")]
    [InlineData("POST")]
    public async Task An_unknown_delivery_mode_is_400_naming_mode_and_nothing_changes(string? mode)
    {
        var id = await AcceptItemAsync(Items.Promised3);
        await ApproveAsync(id);
        var before = await StateOfAsync(id);

        using var response = await ActAsAsync("clerk", id, "deliver", new { mode, trackingNumber = "SF1" });
        await ShouldBeProblemAsync(response, HttpStatusCode.BadRequest, field: "mode");

        (await StateOfAsync(id)).ShouldBe(before);
    }

    [Fact]
    public async Task Only_a_clerk_of_the_handling_organisation_delivers_403_and_nothing_changes()
    {
        var id = await AcceptItemAsync(Items.Promised3);
        await ApproveAsync(id);
        var before = await StateOfAsync(id);

        foreach (var user in new[] { "reviewer", "chief", "applicant" })
        {
            using var response = await ActAsAsync(user, id, "deliver", new { mode = "pickup" });
            await ShouldBeProblemAsync(response, HttpStatusCode.Forbidden);
        }

        (await StateOfAsync(id)).ShouldBe(before);
    }
}

[Trait("Provider", "Sqlite")]
public sealed class DeliveryTests_Sqlite(ClockedSqliteApp<OrdinaryMonday> app)
    : DeliveryTests(app), IClassFixture<ClockedSqliteApp<OrdinaryMonday>>;

[Trait("Provider", "Postgres")]
public sealed class DeliveryTests_Postgres(ClockedPostgresApp<OrdinaryMonday> app)
    : DeliveryTests(app), IClassFixture<ClockedPostgresApp<OrdinaryMonday>>;

/// <summary>
/// Art. 44: the result is delivered within 10 working days of the decision. Decided Thu 2026-09-24, before Mid-Autumn
/// (9-25..9-27) and National Day (10-1..10-7; Sat 10-10 worked): 9-28 (1), 9-29 (2), 9-30 (3), 10-8 (4), 10-9 (5),
/// 10-10 Sat make-up (6), 10-12 (7), 10-13 (8), 10-14 (9), 10-15 (10) → deliver by Thu 10-15. The clock moves here.
/// </summary>
public abstract class LateDeliveryTests(Infrastructure.OneSealFactory app) : LifecycleTestBase(app)
{
    [Fact]
    public async Task Delivery_on_the_10th_working_day_after_the_decision_is_in_time_the_day_after_it_is_marked_late()
    {
        var inTime = await AcceptItemAsync(Items.Promised3);
        await ApproveAsync(inTime);
        var late = await AcceptItemAsync(Items.Promised3);
        await ApproveAsync(late);

        MoveTo(2026, 10, 15, 17, 0);
        (await StepAsAsync("clerk", inTime, "deliver", new { mode = "pickup" })).ShouldBe("delivered");
        Last(await CaseAsync(inTime), "delivered").Note.ShouldNotBeNull().ShouldNotContain("超过");

        MoveTo(2026, 10, 16, 9, 0);
        (await StepAsAsync("clerk", late, "deliver", new { mode = "pickup" })).ShouldBe("delivered");
        Last(await CaseAsync(late), "delivered").Note.ShouldNotBeNull().ShouldContain("超过法定送达期限 2026-10-15");
    }
}

[Trait("Provider", "Sqlite")]
public sealed class LateDeliveryTests_Sqlite(ClockedSqliteApp<BeforeNationalDay> app)
    : LateDeliveryTests(app), IClassFixture<ClockedSqliteApp<BeforeNationalDay>>;

[Trait("Provider", "Postgres")]
public sealed class LateDeliveryTests_Postgres(ClockedPostgresApp<BeforeNationalDay> app)
    : LateDeliveryTests(app), IClassFixture<ClockedPostgresApp<BeforeNationalDay>>;
