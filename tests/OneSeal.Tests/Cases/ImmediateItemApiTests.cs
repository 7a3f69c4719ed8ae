using System.Net;
using OneSeal.Tests.Api;
using OneSeal.Tests.Infrastructure;

namespace OneSeal.Tests.Cases;

/// <summary>即办件: accepted and decided in the same visit; other kinds still need their review.</summary>
public abstract class ImmediateItemApiTests(OneSealFactory app) : CaseApiTestBase(app)
{
    [Fact]
    public async Task An_immediate_item_is_decided_straight_after_acceptance()
    {
        var id = await SubmittedCaseAsync(itemCode: Demo.SoleTrader, form: Demo.SoleTraderForm());
        await StepAsync(await As("clerk"), id, "accept");
        (await StepAsync(await As("chief"), id, "decide", new { approve = true })).ShouldBe("certificate-issued");
        var c = await GetCaseAsync(await As("applicant"), id);
        c.CertificateNumber.ShouldNotBeNull();
        c.Timeline.ShouldNotContain(t => t.Action == "reviewed");
    }

    [Fact]
    public async Task The_window_clerk_who_accepted_still_cannot_decide()
    {
        var id = await SubmittedCaseAsync(itemCode: Demo.SoleTrader, form: Demo.SoleTraderForm());
        await StepAsync(await As("clerk"), id, "accept");
        using var r = await ActAsync(await As("clerk"), id, "decide", new { approve = true });
        await ShouldBeProblemAsync(r, HttpStatusCode.Forbidden, rule: "role");
    }

    [Fact]
    public async Task A_promised_item_cannot_skip_its_review()
    {
        var id = await AcceptedCaseAsync();
        using var r = await ActAsync(await As("chief"), id, "decide", new { approve = true });
        await ShouldBeProblemAsync(r, HttpStatusCode.Conflict, rule: "invalid-transition");
    }
}

[Trait("Provider", "Sqlite")]
public sealed class ImmediateItemApiTests_Sqlite(SqliteApp app) : ImmediateItemApiTests(app), IClassFixture<SqliteApp>;

[Trait("Provider", "Postgres")]
public sealed class ImmediateItemApiTests_Postgres(PostgresApp app) : ImmediateItemApiTests(app), IClassFixture<PostgresApp>;
