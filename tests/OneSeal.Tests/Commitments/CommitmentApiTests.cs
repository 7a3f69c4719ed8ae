using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OneSeal.Cases.Clock;
using OneSeal.Platform.Database;
using OneSeal.Supervision.Verification;
using OneSeal.Tests.Api;
using OneSeal.Tests.Infrastructure;

namespace OneSeal.Tests.Commitments;

/// <summary>
/// 容缺受理, 告知承诺制 and 超时默认, on a fake clock starting Monday 2026-11-23 10:00 Beijing time
/// (no holidays until New Year), with the background sweep off so each test runs it when it means to.
/// </summary>
public abstract class CommitmentApiTests(OneSealFactory app) : CaseApiTestBase(app)
{
    public static readonly DateTimeOffset Start = new(2026, 11, 23, 2, 0, 0, TimeSpan.Zero);
    public static readonly IReadOnlyDictionary<string, string?> Settings = new Dictionary<string, string?>
    {
        ["Deadlines:SweepSeconds"] = "0",
        ["Calendar:RefreshSeconds"] = "0",
    };

    private const string FoodLicence = Demo.FoodLicence;      // M04 may be supplied later (可容缺)
    private const string PublicPlaceHealth = "QS-XK-007";      // 告知承诺制
    private const string PublicationRetail = "QS-XK-021";      // 超时默认

    private DateOnly Today => OneSeal.Platform.Time.LegalDates.Today(App.Time!);

    [Fact]
    public async Task A_tolerated_material_lets_the_case_run_but_no_result_is_issued_until_it_arrives()
    {
        var applicant = await As("applicant");
        var id = (await CreateCaseAsync(applicant, FoodLicence)).Id;
        await UploadAllExceptAsync(applicant, id, FoodLicence, "M04");
        using (var commit = await ActAsync(applicant, id, "commit", new { kind = "tolerance", text = "本人承诺七日内补交", materials = new[] { "M04" }, supplyBy = Today.AddDays(7) }))
            await ShouldBeAsync(commit, HttpStatusCode.Created);
        (await StepAsync(applicant, id, "submit")).ShouldBe("submitted");
        (await StepAsync(await As("clerk"), id, "accept")).ShouldBe("accepted");
        (await StepAsync(await As("reviewer"), id, "review", new { opinion = "符合条件", recommend = "approve" })).ShouldBe("reviewed");

        using (var early = await ActAsync(await As("chief"), id, "decide", new { approve = true }))
            await ShouldBeProblemAsync(early, HttpStatusCode.Conflict, rule: "tolerance-outstanding");

        using (var supply = await UploadAsync(applicant, id, "M04", "M04.pdf", SampleFiles.Pdf("补交"), "application/pdf"))
            await ShouldBeAsync(supply, HttpStatusCode.Created);
        (await StepAsync(await As("chief"), id, "decide", new { approve = true })).ShouldBe("certificate-issued");
        var timeline = (await GetCaseAsync(applicant, id)).Timeline.Select(t => t.Action).ToList();
        timeline.ShouldContain("committed");
        timeline.ShouldContain("tolerance-fulfilled");
    }

    [Fact]
    public async Task Only_materials_the_item_marks_tolerable_may_be_promised_later()
    {
        var applicant = await As("applicant");
        var id = (await CreateCaseAsync(applicant, FoodLicence)).Id;
        using var commit = await ActAsync(applicant, id, "commit", new { kind = "tolerance", text = "承诺", materials = new[] { "M01" }, supplyBy = Today.AddDays(7) });
        await ShouldBeProblemAsync(commit, HttpStatusCode.BadRequest, field: "materials", rule: "not-tolerable");
        using var submit = await ActAsync(applicant, id, "submit");
        await ShouldBeProblemAsync(submit, HttpStatusCode.BadRequest, field: "materials");
    }

    [Fact]
    public async Task Late_tolerated_materials_warn_once_then_end_the_case()
    {
        var applicant = await As("applicant");
        var id = (await CreateCaseAsync(applicant, FoodLicence)).Id;
        await UploadAllExceptAsync(applicant, id, FoodLicence, "M04");
        using (var commit = await ActAsync(applicant, id, "commit", new { kind = "tolerance", text = "承诺补交", materials = new[] { "M04" }, supplyBy = Today.AddDays(1) }))
            await ShouldBeAsync(commit, HttpStatusCode.Created);
        await StepAsync(applicant, id, "submit");
        await StepAsync(await As("clerk"), id, "accept");

        App.Time!.Advance(TimeSpan.FromDays(2));   // Wednesday: one day late
        await SweepAsync();
        await SweepAsync();
        applicant = await ClientFor("applicant");  // bearer tokens expire on the moved clock too
        var warned = await GetCaseAsync(applicant, id);
        warned.Status.ShouldBe("accepted");
        warned.Timeline.Count(t => t.Action == "tolerance-overdue").ShouldBe(1);

        App.Time.Advance(TimeSpan.FromDays(7));    // past the five working days of grace
        await SweepAsync();
        var ended = await GetCaseAsync(await ClientFor("applicant"), id);
        ended.Status.ShouldBe("terminated");
    }

    [Fact]
    public async Task An_approval_on_commitment_opens_a_verification_task_for_the_supervising_department()
    {
        var company = await As("company");
        var id = (await CreateCaseAsync(company, PublicPlaceHealth, await FilledFormAsync(company, PublicPlaceHealth))).Id;
        await UploadRequiredAsync(company, id, PublicPlaceHealth);
        using (var commit = await ActAsync(company, id, "commit", new { kind = "notification", text = "本单位承诺符合公共场所卫生许可条件" }))
            await ShouldBeAsync(commit, HttpStatusCode.Created);
        await StepAsync(company, id, "submit");
        await StepAsync(await As("clerk"), id, "accept");
        await StepAsync(await As("reviewer"), id, "review", new { opinion = "告知承诺，先行审批", recommend = "approve" });
        await StepAsync(await As("chief"), id, "decide", new { approve = true });

        var task = await App.InDb(db => db.Set<VerificationTask>().SingleAsync(t => t.CaseId == id));
        task.Status.ShouldBe(VerificationStatus.Open);
        task.DueOn.ShouldBeGreaterThan(Today);
        (await GetCaseAsync(company, id)).Timeline.ShouldContain(t => t.Action == "supervision-pushed");
    }

    [Fact]
    public async Task An_item_without_the_commitment_system_refuses_a_notification_commitment()
    {
        var applicant = await As("applicant");
        var id = (await CreateCaseAsync(applicant, FoodLicence)).Id;
        using var commit = await ActAsync(applicant, id, "commit", new { kind = "notification", text = "承诺" });
        await ShouldBeProblemAsync(commit, HttpStatusCode.BadRequest, field: "kind", rule: "not-allowed");
    }

    [Fact]
    public async Task An_item_deemed_approved_on_timeout_is_approved_by_the_sweep_once_the_limit_passes()
    {
        var applicant = await As("applicant");
        var id = (await CreateCaseAsync(applicant, PublicationRetail, await FilledFormAsync(applicant, PublicationRetail))).Id;
        await UploadRequiredAsync(applicant, id, PublicationRetail);
        await StepAsync(applicant, id, "submit");
        await StepAsync(await As("clerk"), id, "accept");
        var due = (await GetCaseAsync(applicant, id)).DueDate!.Value;

        await SweepAsync();
        (await GetCaseAsync(applicant, id)).Status.ShouldBe("accepted");

        App.Time!.Advance(TimeSpan.FromDays(due.DayNumber - Today.DayNumber + 1));
        await SweepAsync();
        var approved = await GetCaseAsync(await ClientFor("applicant"), id);
        approved.Status.ShouldBe("certificate-issued");
        approved.CertificateNumber.ShouldNotBeNull();
        approved.Timeline.ShouldContain(t => t.Action == "deemed-approved");
    }

    private async Task SweepAsync()
    {
        await using var scope = App.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<DeadlineSweep>().RunOnceAsync(CancellationToken.None);
    }

    private static async Task UploadAllExceptAsync(HttpClient applicant, Guid id, string itemCode, string except)
    {
        var guide = await GuideAsync(applicant, itemCode);
        foreach (var m in guide.Materials.Where(m => m.Required && m.Code != except))
        {
            using var r = await UploadAsync(applicant, id, m.Code, $"{m.Code}.pdf", SampleFiles.Pdf(m.Code), "application/pdf");
            await ShouldBeAsync(r, HttpStatusCode.Created);
        }
    }

    /// <summary>A valid form for any item: each field filled by its type.</summary>
}

public sealed class CommitmentSqliteApp() : OneSealFactory(DatabaseProvider.Sqlite, ApiApps.Options(CommitmentApiTests.Settings, new FakeTimeProvider(CommitmentApiTests.Start)));
public sealed class CommitmentPostgresApp() : OneSealFactory(DatabaseProvider.Postgres, ApiApps.Options(CommitmentApiTests.Settings, new FakeTimeProvider(CommitmentApiTests.Start)));

[Trait("Provider", "Sqlite")]
public sealed class CommitmentApiTests_Sqlite(CommitmentSqliteApp app) : CommitmentApiTests(app), IClassFixture<CommitmentSqliteApp>;

[Trait("Provider", "Postgres")]
public sealed class CommitmentApiTests_Postgres(CommitmentPostgresApp app) : CommitmentApiTests(app), IClassFixture<CommitmentPostgresApp>;
