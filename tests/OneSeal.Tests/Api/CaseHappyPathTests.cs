using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using OneSeal.Tests.Infrastructure;

namespace OneSeal.Tests.Api;

/// <summary>
/// The whole path through the API: the applicant applies, uploads and submits; the window clerk accepts; the reviewer
/// reviews; the chief decides. The app's clock stands on Friday 2026-03-06 (see <see cref="FridayApp"/>).
/// </summary>
public abstract partial class CaseHappyPathTests(OneSealFactory app) : CaseApiTestBase(app)
{
    [GeneratedRegex(@"^QS(\d{8})-(\d{5})$")]
    private static partial Regex CaseNumberPattern();

    [Fact]
    public async Task Creating_a_case_is_201_with_a_readable_unique_case_number_and_a_location()
    {
        var applicant = await As("applicant");

        using var first = await PostCaseAsync(applicant, Demo.FoodLicence, Demo.FoodLicenceForm());
        using var second = await PostCaseAsync(applicant, Demo.FoodLicence, Demo.FoodLicenceForm());

        await ShouldBeAsync(first, HttpStatusCode.Created);
        await ShouldBeAsync(second, HttpStatusCode.Created);
        var a = (await first.Content.ReadFromJsonAsync<CaseCreatedDto>(Web))!;
        var b = (await second.Content.ReadFromJsonAsync<CaseCreatedDto>(Web))!;
        a.Status.ShouldBe("draft");
        a.Id.ShouldNotBe(Guid.Empty);
        first.Headers.Location!.OriginalString.ShouldEndWith($"/api/v1/cases/{a.Id}");
        var match = CaseNumberPattern().Match(a.CaseNumber);
        match.Success.ShouldBeTrue($"case number '{a.CaseNumber}' is QS + legal date + sequence");
        match.Groups[1].Value.ShouldBe(FridayApp.Today.ToString("yyyyMMdd"));
        b.CaseNumber.ShouldNotBe(a.CaseNumber);
        b.Id.ShouldNotBe(a.Id);
    }

    [Fact]
    public async Task Approved_case_goes_from_draft_to_certificate_issued_with_a_full_timeline()
    {
        var applicant = await As("applicant");
        var clerk = await As("clerk");
        var reviewer = await As("reviewer");
        var chief = await As("chief");

        var created = await CreateCaseAsync(applicant);
        var uploaded = await UploadRequiredAsync(applicant, created.Id);
        (await StepAsync(applicant, created.Id, "submit")).ShouldBe("submitted");

        (await StepAsync(clerk, created.Id, "accept")).ShouldBe("accepted");
        var accepted = await GetCaseAsync(clerk, created.Id);
        // 3 promised working days from Friday: Monday, Tuesday, Wednesday (the weekend is skipped, the day itself not counted).
        accepted.DueDate.ShouldBe(new DateOnly(2026, 3, 11));
        accepted.DueDate.ShouldBe(AddWeekdays(FridayApp.Today, (await GuideAsync(clerk, Demo.FoodLicence)).PromisedDays));

        (await StepAsync(reviewer, created.Id, "review", new { opinion = "材料齐全，现场核查符合要求。", recommend = "approve" })).ShouldBe("reviewed");
        (await StepAsync(chief, created.Id, "decide", new { approve = true, reason = "符合《食品经营许可和备案管理办法》规定的条件。" }))
            .ShouldBe("certificate-issued");

        var seen = await GetCaseAsync(applicant, created.Id);
        seen.Status.ShouldBe("certificate-issued");
        seen.CaseNumber.ShouldBe(created.CaseNumber);
        seen.ItemCode.ShouldBe(Demo.FoodLicence);
        seen.CertificateNumber.ShouldNotBeNullOrWhiteSpace();
        seen.DueDate.ShouldBe(new DateOnly(2026, 3, 11));
        seen.Materials.Select(m => m.MaterialCode).ShouldBe(uploaded, ignoreOrder: true);
        seen.Materials.ShouldContain(m => m.ContentType == "image/png");
        seen.Materials.ShouldContain(m => m.ContentType == "application/pdf");
        // Personal data is masked in the API, even for the applicant.
        seen.Form["legalRepresentativeIdNumber"].ShouldNotBe(Demo.CitizenId);

        var actions = seen.Timeline.Select(t => t.Action).ToList();
        actions.ShouldBe(
        [
            "created", .. uploaded.Select(_ => "material-uploaded"), "submitted", "accepted", "reviewed", "supervision-pushed", "approved", "certificate-issued",
        ]);
        ActorOf(seen, "created").ShouldBe("张三");
        ActorOf(seen, "submitted").ShouldBe("张三");
        seen.Timeline.Where(t => t.Action == "material-uploaded").ShouldAllBe(t => t.Actor == "张三");
        ActorOf(seen, "accepted").ShouldBe("李窗口");
        ActorOf(seen, "reviewed").ShouldBe("赵审查");
        ActorOf(seen, "approved").ShouldBe("钱科长");
        ActorOf(seen, "certificate-issued").ShouldBe("钱科长");
        seen.Timeline.Single(t => t.Action == "accepted").Note!.ShouldContain("2026-03-11");
        seen.Timeline.Single(t => t.Action == "certificate-issued").Note!.ShouldContain(seen.CertificateNumber!);
        seen.Timeline.ShouldAllBe(t => t.At == FridayApp.Start);
    }

    [Fact]
    public async Task Denied_case_ends_denied_with_the_reason_and_no_certificate()
    {
        const string reason = "经营场所与有毒、有害场所的距离不符合要求，且未能在规定期限内整改。";
        var id = await SubmittedCaseAsync();
        (await StepAsync(await As("clerk"), id, "accept")).ShouldBe("accepted");
        (await StepAsync(await As("reviewer"), id, "review", new { opinion = "经营场所不符合要求。", recommend = "deny" })).ShouldBe("reviewed");

        (await StepAsync(await As("chief"), id, "decide", new { approve = false, reason })).ShouldBe("denied");

        var seen = await GetCaseAsync(await As("applicant"), id);
        seen.Status.ShouldBe("denied");
        seen.CertificateNumber.ShouldBeNull();
        var denied = seen.Timeline.Last();
        denied.Action.ShouldBe("denied");
        denied.Actor.ShouldBe("钱科长");
        denied.Note.ShouldBe(reason);
        seen.Timeline.ShouldNotContain(t => t.Action == "certificate-issued");
    }

    [Fact]
    public async Task Denying_without_a_reason_is_400_naming_reason_and_leaves_the_case_reviewed()
    {
        var id = await ReviewedCaseAsync();
        var before = await FootprintAsync(id);

        using var response = await ActAsync(await As("chief"), id, "decide", new { approve = false, reason = "  " });

        await ShouldBeProblemAsync(response, HttpStatusCode.BadRequest, field: "reason", rule: "required");
        (await FootprintAsync(id)).ShouldBe(before);
    }

    [Fact]
    public async Task Deciding_without_approve_is_400_naming_approve()
    {
        var id = await ReviewedCaseAsync();

        using var response = await ActAsync(await As("chief"), id, "decide", new { reason = "?" });

        await ShouldBeProblemAsync(response, HttpStatusCode.BadRequest, field: "approve", rule: "required");
    }

    [Fact]
    public async Task Reviewing_with_an_unknown_recommendation_is_400_naming_recommend()
    {
        var id = await AcceptedCaseAsync();

        using var response = await ActAsync(await As("reviewer"), id, "review", new { opinion = "可以", recommend = "maybe" });

        await ShouldBeProblemAsync(response, HttpStatusCode.BadRequest, field: "recommend", rule: "one-of");
    }

    [Fact]
    public async Task An_enterprise_applies_for_an_item_open_to_both_and_the_queues_show_it_at_each_step()
    {
        var id = await SubmittedCaseAsync("company");

        (await QueueAsync("clerk", "acceptance")).ShouldContain(id);
        (await StepAsync(await As("clerk"), id, "accept")).ShouldBe("accepted");
        (await QueueAsync("clerk", "acceptance")).ShouldNotContain(id);
        (await QueueAsync("reviewer", "review")).ShouldContain(id);

        using var mine = await (await As("company")).GetAsync("/api/v1/cases?scope=mine");
        await ShouldBeAsync(mine, HttpStatusCode.OK);
        (await mine.Content.ReadFromJsonAsync<List<CaseCreatedDto>>(Web))!.ShouldContain(c => c.Id == id && c.Status == "accepted");
    }

    private async Task<List<Guid>> QueueAsync(string username, string scope)
    {
        using var response = await (await As(username)).GetAsync($"/api/v1/cases?scope={scope}");
        await ShouldBeAsync(response, HttpStatusCode.OK);
        return (await response.Content.ReadFromJsonAsync<List<CaseCreatedDto>>(Web))!.Select(c => c.Id).ToList();
    }

    private static string ActorOf(CaseDto c, string action) => c.Timeline.Single(t => t.Action == action).Actor;
}

[Trait("Provider", "Sqlite")]
public sealed class CaseHappyPathTests_Sqlite(FridayApiSqliteApp app) : CaseHappyPathTests(app), IClassFixture<FridayApiSqliteApp>;

[Trait("Provider", "Postgres")]
public sealed class CaseHappyPathTests_Postgres(FridayApiPostgresApp app) : CaseHappyPathTests(app), IClassFixture<FridayApiPostgresApp>;
