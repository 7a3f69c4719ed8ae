using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OneSeal.Catalog;
using OneSeal.Catalog.Versions;
using OneSeal.Organisation;
using OneSeal.Platform.Audit;
using OneSeal.Platform.Database;
using OneSeal.Tests.Api;
using OneSeal.Tests.Infrastructure;
using CaseEntity = OneSeal.Cases.Case;

namespace OneSeal.Tests.Catalog.Editing;

/// <summary>
/// <c>/api/v1/items</c> administration on a fake clock (Friday 2026-03-06): an item is created, reviewed and published;
/// its next version is drafted, reviewed and published while a case filed under the first keeps it; a version dated
/// ahead takes effect on its day; every bad input is a problem naming field and rule, and writes nothing.
/// Each test makes items of its own (unique codes), so the class's database is shared safely.
/// </summary>
public abstract class CatalogAdminApiTests(OneSealFactory app) : CaseApiTestBase(app)
{
    public sealed record DraftDto(string Code, int Version, string Status, DateOnly? EffectiveFrom, JsonElement Draft);
    public sealed record ChangeDto(string Section, string? Key, string Label, string Kind, string? Before, string? After);
    public sealed record DiffDto(string Code, int From, int To, List<ChangeDto> Changes);
    public sealed record PublicItemDto(string Code, string Name, int Version, int PromisedDays, List<GuideMaterialDto> Materials);

    private DateOnly Today => DateOnly.FromDateTime(App.Time!.GetUtcNow().ToOffset(TimeSpan.FromHours(8)).DateTime);

    /// <summary>A publishable item anyone may apply for, handled by the bureau, one optional form field.</summary>
    private static Dictionary<string, object?> NewItem(string code, string name = "测试许可（新办）") => new()
    {
        ["code"] = code, ["name"] = name, ["category"] = "行政许可", ["kind"] = "Promised", ["serviceObject"] = "Both",
        ["competentDepartment"] = "SCJGJ", ["implementingBody"] = "XZSPJ", ["supervisingDepartment"] = "SCJGJ",
        ["statutoryDays"] = 20, ["promisedDays"] = 5, ["legalBasis"] = "《测试条例》第三条", ["conditions"] = "符合测试条件",
        ["visits"] = 1, ["onlineDepth"] = 3, ["resultName"] = "测试许可证",
        ["materials"] = new object[] { new { code = "M01", name = "申请书", required = true, legalBasis = "《测试条例》第四条", blankForm = true } },
        ["steps"] = new object[]
        {
            new { kind = "Accept", sharePercent = 10 }, new { kind = "Review", sharePercent = 60 },
            new { kind = "Decide", sharePercent = 20 }, new { kind = "Deliver", sharePercent = 10 },
        },
        ["formFields"] = new object[] { new { key = "note", label = "备注", type = "Text", required = false } },
        ["themes"] = new[] { "E-OPEN" },
    };

    private static Dictionary<string, object?> With(Dictionary<string, object?> body, string key, object? value) => new(body) { [key] = value };

    /// <summary>Publishes what <c>admin</c> submitted: the submitter may not (four-eyes).</summary>
    private const string SecondAdmin = "admin2";

    private async Task<DraftDto> SendAsync(HttpMethod method, string url, object? body, HttpStatusCode expected, string user = "admin")
    {
        using var request = new HttpRequestMessage(method, url) { Content = body is null ? null : JsonContent.Create(body) };
        using var response = await (await As(user)).SendAsync(request);
        await ShouldBeAsync(response, expected);
        return (await response.Content.ReadFromJsonAsync<DraftDto>(Web))!;
    }

    private Task<DraftDto> CreateAsync(Dictionary<string, object?> body) => SendAsync(HttpMethod.Post, "/api/v1/items", body, HttpStatusCode.Created);

    private Task<DraftDto> ActAsync(string code, string action, object? body = null) =>
        SendAsync(HttpMethod.Post, $"/api/v1/items/{code}/draft/{action}", body ?? new { }, HttpStatusCode.OK, action == "publish" ? SecondAdmin : "admin");

    private async Task PublishedAsync(Dictionary<string, object?> body)
    {
        await CreateAsync(body);
        await ActAsync((string)body["code"]!, "submit");
        await ActAsync((string)body["code"]!, "publish");
    }

    private async Task<PublicItemDto> PublicAsync(string code) =>
        (await Anonymous().GetFromJsonAsync<PublicItemDto>($"/api/v1/items/{code}", Web))!;

    private Task<List<(int Version, ItemVersionStatus Status)>> VersionsAsync(string code) => InDb(async db =>
        (await db.Set<Item>().AsNoTracking().Where(i => i.Code == code).OrderBy(i => i.Version).Select(i => new { i.Version, i.Status }).ToListAsync())
            .Select(v => (v.Version, v.Status)).ToList());

    private Task<int> AuditCountAsync(string code) => InDb(db => db.Set<AuditEntry>().CountAsync(a => a.EntityType == "item" && a.EntityId == code));

    [Fact]
    public async Task A_draft_is_reviewed_and_published_while_a_case_filed_earlier_keeps_the_version_it_was_filed_under()
    {
        var code = Unique("QS-T-");
        var created = await CreateAsync(NewItem(code));
        (created.Version, created.Status).ShouldBe((1, "draft"));
        (await ActAsync(code, "submit")).Status.ShouldBe("in-review");
        var v1 = await ActAsync(code, "publish");
        (v1.Status, v1.EffectiveFrom).ShouldBe(("published", Today));

        var filed = await CreateCaseAsync(await As("applicant"), code, new Dictionary<string, string?> { ["note"] = "第一版时申请" });
        var filedUnder = await InDb(db => db.Set<CaseEntity>().Where(c => c.Id == filed.Id).Select(c => c.ItemId).SingleAsync());

        var v2Body = With(With(With(NewItem(code, "测试许可（新办）（2026年修订）"), "promisedDays", 3), "changeNote", "压缩承诺时限，增加场所证明"),
            "materials", new object[]
            {
                new { code = "M01", name = "申请书", required = true, legalBasis = "《测试条例》第四条", blankForm = true },
                new { code = "M02", name = "经营场所证明", required = true, legalBasis = "《测试条例》第五条", source = "CertificateLibrary" },
            });
        var draft = await SendAsync(HttpMethod.Put, $"/api/v1/items/{code}/draft", v2Body, HttpStatusCode.OK);
        (draft.Version, draft.Status).ShouldBe((2, "draft"));
        (await PublicAsync(code)).Version.ShouldBe(1, "a draft is not public");
        var read = await SendAsync(HttpMethod.Get, $"/api/v1/items/{code}/draft", null, HttpStatusCode.OK);
        read.Draft.GetProperty("promisedDays").GetInt32().ShouldBe(3);
        read.Draft.GetProperty("materials").GetArrayLength().ShouldBe(2);

        await ActAsync(code, "submit");
        (await ActAsync(code, "publish")).Status.ShouldBe("published");

        var guide = await PublicAsync(code);
        (guide.Version, guide.Name, guide.PromisedDays).ShouldBe((2, "测试许可（新办）（2026年修订）", 3));
        guide.Materials.Select(m => m.Code).ShouldBe(["M01", "M02"]);
        (await VersionsAsync(code)).ShouldBe([(1, ItemVersionStatus.Superseded), (2, ItemVersionStatus.Published)]);

        // The case keeps version 1: its id, its name, its limit and its materials.
        var after = await InDb(db => db.Set<CaseEntity>().AsNoTracking().SingleAsync(c => c.Id == filed.Id));
        after.ItemId.ShouldBe(filedUnder);
        (after.ItemName, after.PromisedDays).ShouldBe(("测试许可（新办）", 5));
        (await InDb(db => db.Set<Item>().Where(i => i.Id == after.ItemId).Select(i => i.Version).SingleAsync())).ShouldBe(1);
        (await GetCaseAsync(await As("applicant"), filed.Id)).ItemName.ShouldBe("测试许可（新办）");

        var diff = (await Anonymous().GetFromJsonAsync<DiffDto>($"/api/v1/items/{code}/diff?from=1&to=2", Web))!;
        diff.Changes.ShouldContain(c => c.Label == "事项名称" && c.After == "测试许可（新办）（2026年修订）");
        diff.Changes.ShouldContain(c => c.Label == "承诺时限" && c.Before == "5个工作日" && c.After == "3个工作日");
        diff.Changes.ShouldContain(c => c.Section == "申请材料" && c.Kind == "added" && c.Key == "M02");

        // create, submit, publish, save, submit, publish: one audit line each.
        (await AuditCountAsync(code)).ShouldBe(6);
    }

    [Fact]
    public async Task Defect10_the_administrator_who_submitted_a_version_cannot_publish_it_a_second_one_can()
    {
        var code = Unique("QS-T-");
        await CreateAsync(NewItem(code));
        await ActAsync(code, "submit");
        var auditBefore = await AuditCountAsync(code);

        using (var own = await (await As("admin")).PostAsJsonAsync($"/api/v1/items/{code}/draft/publish", new { }))
        {
            var problem = await ShouldBeProblemAsync(own, HttpStatusCode.Forbidden, rule: "four-eyes");
            problem.GetProperty("detail").GetString()!.ShouldContain("四眼原则");
        }
        (await VersionsAsync(code)).ShouldBe([(1, ItemVersionStatus.InReview)], "the refused publish changes nothing");
        (await AuditCountAsync(code)).ShouldBe(auditBefore);

        // In review the version is read-only for everyone, the submitter included.
        using (var edit = await (await As("admin")).PutAsJsonAsync($"/api/v1/items/{code}/draft", With(NewItem(code), "promisedDays", 4)))
            await ShouldBeProblemAsync(edit, HttpStatusCode.Conflict, rule: "version-status");

        (await ActAsync(code, "publish")).Status.ShouldBe("published");   // by admin2
        var publishedBy = await InDb(db => db.Set<Item>().Where(i => i.Code == code).Select(i => new { i.SubmittedById, i.PublishedById }).SingleAsync());
        publishedBy.PublishedById.ShouldNotBe(publishedBy.SubmittedById);
    }

    [Fact]
    public async Task A_version_published_for_a_later_date_takes_effect_on_that_date()
    {
        var code = Unique("QS-T-");
        await PublishedAsync(NewItem(code));
        await SendAsync(HttpMethod.Put, $"/api/v1/items/{code}/draft", With(NewItem(code), "promisedDays", 2), HttpStatusCode.OK);
        await ActAsync(code, "submit");
        var from = Today.AddDays(3);
        (await ActAsync(code, "publish", new { effectiveFrom = from.ToString("yyyy-MM-dd") })).EffectiveFrom.ShouldBe(from);

        (await PublicAsync(code)).Version.ShouldBe(1, "still the version in force until the date");
        (await VersionsAsync(code)).ShouldBe([(1, ItemVersionStatus.Published), (2, ItemVersionStatus.Published)]);

        App.Time!.Advance(TimeSpan.FromDays(3));
        (await PublicAsync(code)).Version.ShouldBe(2, "reads are exact on the day, before activation runs");
        await using (var scope = App.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<OneSealDb>();
            // CatalogActivationService runs on the fake clock too and may move the item on first (then our write finds
            // the rows changed or its terms already written): either way, the same end state.
            try
            {
                await CatalogActivation.ActivateAsync(db, Today, App.Time.GetUtcNow(), CancellationToken.None, code);
                await db.CommitAsync(CancellationToken.None);
            }
            catch (DbUpdateException) { }
        }
        (await VersionsAsync(code)).ShouldBe([(1, ItemVersionStatus.Superseded), (2, ItemVersionStatus.Published)]);
        var searched = await Anonymous().GetFromJsonAsync<JsonElement>($"/api/v1/items?q={code}");
        searched.GetProperty("total").GetInt32().ShouldBe(1);
    }

    public static TheoryData<string, string, object?, string> CreateProblems => new()
    {
        { "promised > statutory", "promisedDays", 12, "promised-exceeds-statutory" },
        { "beyond Art. 42", "promisedDays", 25, "beyond-legal-limit" },
        { "unknown department", "competentDepartment", "NO-SUCH-DEPT", "unknown-department" },
        { "unknown kind", "kind", "Sometimes", "unknown-value" },
        { "bad material code", "materials", new object[] { new { code = "M 1", name = "申请书", required = true } }, "pattern" },
        // 承办科室: a section of the implementing organisation (the bureau here), not a department's section nor the department.
        { "another organisation's section", "handlingSection", "SCJGJ-XZSP", "section-of-implementing-body" },
        { "not a section", "handlingSection", "SCJGJ", "section-of-implementing-body" },
        { "unknown section", "handlingSection", "NO-SUCH-SECTION", "unknown-department" },
    };

    [Theory]
    [MemberData(nameof(CreateProblems))]
    public async Task A_bad_new_item_is_refused_naming_the_field_and_rule_and_nothing_is_written(string why, string key, object? value, string rule)
    {
        var code = Unique("QS-T-");
        var body = With(NewItem(code), key, value);
        if (why == "promised > statutory") body["statutoryDays"] = 10;
        if (why == "beyond Art. 42") body["statutoryDays"] = 30;
        using var response = await (await As("admin")).PostAsJsonAsync("/api/v1/items", body);
        var field = key == "materials" ? "materials[0].code" : key;
        await ShouldBeProblemAsync(response, HttpStatusCode.BadRequest, field: field, rule: rule);
        (await VersionsAsync(code)).ShouldBeEmpty();
        (await AuditCountAsync(code)).ShouldBe(0);
    }

    [Fact]
    public async Task Several_problems_are_reported_together_each_by_its_field()
    {
        var code = Unique("QS-T-");
        var body = With(With(With(NewItem(code), "name", " "), "supervisingDepartment", "NOPE"), "steps", new object[]
        {
            new { kind = "Accept", sharePercent = 10 }, new { kind = "Review", sharePercent = 50 },
            new { kind = "Decide", sharePercent = 20 }, new { kind = "Deliver", sharePercent = 10 },
        });
        using var response = await (await As("admin")).PostAsJsonAsync("/api/v1/items", body);
        var problem = await ShouldBeProblemAsync(response, HttpStatusCode.BadRequest, rule: "validation");
        var errors = problem.GetProperty("errors");
        foreach (var field in new[] { "name", "supervisingDepartment", "steps" }) errors.TryGetProperty(field, out _).ShouldBeTrue(field);
        FieldMessage(problem, "steps").ShouldContain("90%");
        (await VersionsAsync(code)).ShouldBeEmpty();
    }

    [Fact]
    public async Task A_duplicate_code_is_refused_on_create()
    {
        var code = Unique("QS-T-");
        await CreateAsync(NewItem(code));
        using var response = await (await As("admin")).PostAsJsonAsync("/api/v1/items", With(NewItem(code), "name", "另一个事项"));
        await ShouldBeProblemAsync(response, HttpStatusCode.BadRequest, field: "code", rule: "duplicate-code");
        (await VersionsAsync(code)).ShouldBe([(1, ItemVersionStatus.Draft)]);
    }

    [Theory]
    [InlineData("materials", "materials-required")]
    [InlineData("legalBasis", "legal-basis-required")]
    public async Task A_draft_without_materials_or_legal_basis_cannot_be_submitted_or_published(string missing, string rule)
    {
        var code = Unique("QS-T-");
        await CreateAsync(With(NewItem(code), missing, missing == "materials" ? Array.Empty<object>() : null));
        using var response = await (await As("admin")).PostAsJsonAsync($"/api/v1/items/{code}/draft/submit", new { });
        await ShouldBeProblemAsync(response, HttpStatusCode.BadRequest, field: missing, rule: rule);
        (await VersionsAsync(code)).ShouldBe([(1, ItemVersionStatus.Draft)]);
        using var publish = await (await As("admin")).PostAsJsonAsync($"/api/v1/items/{code}/draft/publish", new { });
        await ShouldBeProblemAsync(publish, HttpStatusCode.Conflict, rule: "version-status");
        (await VersionsAsync(code)).ShouldBe([(1, ItemVersionStatus.Draft)]);
    }

    [Fact]
    public async Task Saving_refuses_a_code_other_than_the_routes_and_an_item_in_review_and_writes_nothing()
    {
        var code = Unique("QS-T-");
        await PublishedAsync(NewItem(code));
        var admin = await As("admin");
        using (var mismatch = await admin.PutAsJsonAsync($"/api/v1/items/{code}/draft", NewItem("QS-OTHER")))
            await ShouldBeProblemAsync(mismatch, HttpStatusCode.BadRequest, field: "code", rule: "route-mismatch");
        using (var unknown = await admin.PutAsJsonAsync("/api/v1/items/QS-NO-SUCH/draft", NewItem("QS-NO-SUCH")))
            await ShouldBeProblemAsync(unknown, HttpStatusCode.NotFound);
        using (var bad = await admin.PutAsJsonAsync($"/api/v1/items/{code}/draft", With(NewItem(code), "promisedDays", 30)))
            await ShouldBeProblemAsync(bad, HttpStatusCode.BadRequest, field: "promisedDays");
        (await VersionsAsync(code)).ShouldBe([(1, ItemVersionStatus.Published)], "a refused save opens no draft");

        await SendAsync(HttpMethod.Put, $"/api/v1/items/{code}/draft", NewItem(code), HttpStatusCode.OK);
        await ActAsync(code, "submit");
        using (var inReview = await admin.PutAsJsonAsync($"/api/v1/items/{code}/draft", With(NewItem(code), "name", "审核中改名")))
            await ShouldBeProblemAsync(inReview, HttpStatusCode.Conflict, rule: "version-status");
        using (var past = await (await As(SecondAdmin)).PostAsJsonAsync($"/api/v1/items/{code}/draft/publish", new { effectiveFrom = Today.AddDays(-1).ToString("yyyy-MM-dd") }))
            await ShouldBeProblemAsync(past, HttpStatusCode.BadRequest, field: "effectiveFrom", rule: "effective-in-past");
        using (var malformed = await admin.PostAsJsonAsync($"/api/v1/items/{code}/draft/publish", new { effectiveFrom = "next week" }))
            await ShouldBeProblemAsync(malformed, HttpStatusCode.BadRequest, field: "effectiveFrom", rule: "date-format");
        (await VersionsAsync(code)).ShouldBe([(1, ItemVersionStatus.Published), (2, ItemVersionStatus.InReview)]);
        (await SendAsync(HttpMethod.Get, $"/api/v1/items/{code}/draft", null, HttpStatusCode.OK)).Draft.GetProperty("name").GetString().ShouldBe("测试许可（新办）");

        (await ActAsync(code, "return")).Status.ShouldBe("draft");
        using (var discard = await admin.DeleteAsync($"/api/v1/items/{code}/draft")) await ShouldBeAsync(discard, HttpStatusCode.NoContent);
        using (var none = await admin.GetAsync($"/api/v1/items/{code}/draft")) await ShouldBeProblemAsync(none, HttpStatusCode.NotFound);
        (await VersionsAsync(code)).ShouldBe([(1, ItemVersionStatus.Published)]);
    }

    [Fact]
    public async Task Script_in_item_text_is_stored_and_returned_as_text()
    {
        var code = Unique("QS-T-");
        const string script = "<script>alert(1)</script>";
        var draft = await CreateAsync(With(NewItem(code, script), "conditions", script));
        draft.Draft.GetProperty("name").GetString().ShouldBe(script);
        draft.Draft.GetProperty("conditions").GetString().ShouldBe(script);
    }

    [Fact]
    public async Task Only_an_administrator_may_edit_the_catalog_and_only_administrators_see_drafts_in_diffs()
    {
        var code = Unique("QS-T-");
        await PublishedAsync(NewItem(code));
        await SendAsync(HttpMethod.Put, $"/api/v1/items/{code}/draft", With(NewItem(code), "promisedDays", 4), HttpStatusCode.OK);
        var clerk = await As("clerk");
        using (var create = await clerk.PostAsJsonAsync("/api/v1/items", NewItem(Unique("QS-T-"))))
            await ShouldBeProblemAsync(create, HttpStatusCode.Forbidden, rule: "role");
        using (var save = await clerk.PutAsJsonAsync($"/api/v1/items/{code}/draft", NewItem(code)))
            await ShouldBeProblemAsync(save, HttpStatusCode.Forbidden, rule: "role");
        using (var read = await clerk.GetAsync($"/api/v1/items/{code}/draft"))
            await ShouldBeProblemAsync(read, HttpStatusCode.Forbidden, rule: "role");
        foreach (var action in new[] { "submit", "return", "publish" })
            using (var act = await clerk.PostAsJsonAsync($"/api/v1/items/{code}/draft/{action}", new { }))
                await ShouldBeProblemAsync(act, HttpStatusCode.Forbidden, rule: "role");
        using (var discard = await clerk.DeleteAsync($"/api/v1/items/{code}/draft"))
            await ShouldBeProblemAsync(discard, HttpStatusCode.Forbidden, rule: "role");
        using (var anonymous = await Anonymous().PostAsJsonAsync("/api/v1/items", NewItem(Unique("QS-T-"))))
            anonymous.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await VersionsAsync(code)).ShouldBe([(1, ItemVersionStatus.Published), (2, ItemVersionStatus.Draft)]);

        using (var publicDiff = await Anonymous().GetAsync($"/api/v1/items/{code}/diff?from=1&to=2"))
            await ShouldBeProblemAsync(publicDiff, HttpStatusCode.NotFound);
        var adminDiff = (await (await As("admin")).GetFromJsonAsync<DiffDto>($"/api/v1/items/{code}/diff?from=1&to=2", Web))!;
        adminDiff.Changes.ShouldContain(c => c.Label == "承诺时限" && c.After == "4个工作日");
        using (var bad = await Anonymous().GetAsync($"/api/v1/items/{code}/diff?from=x&to=2"))
            await ShouldBeProblemAsync(bad, HttpStatusCode.BadRequest, field: "from", rule: "format");
    }

    /// <summary>Filed, submitted and accepted by the bureau's clerk: the case waits in the review queue.</summary>
    private async Task<CaseCreatedDto> AcceptedCaseOfAsync(string code)
    {
        var applicant = await As("applicant");
        var created = await CreateCaseAsync(applicant, code, new Dictionary<string, string?> { ["note"] = "科室数据范围" });
        await UploadRequiredAsync(applicant, created.Id, code);
        (await StepAsync(applicant, created.Id, "submit")).ShouldBe("submitted");
        (await StepAsync(await As("clerk"), created.Id, "accept")).ShouldBe("accepted");
        return created;
    }

    /// <summary>A reviewer placed in <paramref name="agencyCode"/> whose role has section scope.</summary>
    private async Task<HttpClient> SectionReviewerAsync(string agencyCode)
    {
        var username = await Organisation.SignInTestKit.NewStaffAsync(App, Roles.Reviewer, agencyCode);
        await InDb(async db =>
        {
            var account = await db.Set<Account>().Include(a => a.Roles).SingleAsync(a => a.Username == username);
            account.SetRoles([(Roles.Reviewer, DataScope.Section)]);
            await db.SaveChangesAsync();
        });
        return await App.ClientFor(username);
    }

    private static async Task<List<Guid>> ListedAsync(HttpClient client, string query) =>
        (await client.GetFromJsonAsync<JsonElement>($"/api/v1/cases?{query}")).EnumerateArray().Select(c => c.GetProperty("id").GetGuid()).ToList();

    [Fact]
    public async Task A_version_names_its_handling_section_and_a_section_scoped_reviewer_reaches_only_that_sections_cases()
    {
        var market = Unique("QS-T-");
        var building = Unique("QS-T-");
        (await CreateAsync(With(NewItem(market), "handlingSection", "XZSPJ-SCZR"))).Draft
            .GetProperty("handlingSection").GetString().ShouldBe("XZSPJ-SCZR", "the draft hands back the section it was given");
        await ActAsync(market, "submit");
        await ActAsync(market, "publish");
        await PublishedAsync(With(NewItem(building), "handlingSection", "XZSPJ-TZJS"));
        var ours = await AcceptedCaseOfAsync(market);
        var theirs = await AcceptedCaseOfAsync(building);
        var section = await InDb(db => db.Set<Agency>().Where(a => a.Code == "XZSPJ-SCZR").Select(a => a.Id).SingleAsync());
        (await InDb(db => db.Set<CaseEntity>().Where(c => c.Id == ours.Id).Select(c => c.HandlingSectionId).SingleAsync()))
            .ShouldBe(section, "the case records the section of the version it was filed under");

        using var reviewer = await SectionReviewerAsync("XZSPJ-SCZR");
        (await reviewer.GetAsync($"/api/v1/cases/{ours.Id}")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await reviewer.GetAsync($"/api/v1/cases/{theirs.Id}")).StatusCode.ShouldBe(HttpStatusCode.NotFound, "another section's case is not there");
        var queue = await ListedAsync(reviewer, "scope=review");
        queue.ShouldContain(ours.Id);
        queue.ShouldNotContain(theirs.Id);
        (await ListedAsync(reviewer, $"number={ours.CaseNumber}")).ShouldBe([ours.Id]);
        (await ListedAsync(reviewer, $"number={theirs.CaseNumber}")).ShouldBeEmpty();
        using (var refused = await ActAsync(reviewer, theirs.Id, "review", new { opinion = "材料齐全，符合法定条件。", recommend = "approve" }))
            await ShouldBeProblemAsync(refused, HttpStatusCode.NotFound);
        (await StepAsync(reviewer, ours.Id, "review", new { opinion = "材料齐全，符合法定条件。", recommend = "approve" })).ShouldBe("reviewed");

        // Section scope held by someone placed in the bureau itself, not in a section, reaches the bureau's cases.
        using var inBureau = await SectionReviewerAsync("XZSPJ");
        (await inBureau.GetAsync($"/api/v1/cases/{theirs.Id}")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await ListedAsync(inBureau, "scope=review")).ShouldContain(theirs.Id);
    }

    [Fact]
    public async Task Two_editors_of_one_draft_the_second_save_from_a_stale_revision_is_409_and_changes_nothing()
    {
        var code = Unique("QS-E-");
        await CreateAsync(NewItem(code));
        var admin = await As("admin");
        using var read = await admin.GetAsync($"/api/v1/items/{code}/draft");
        await ShouldBeAsync(read, HttpStatusCode.OK);
        var etag = read.Headers.ETag!.Tag;

        async Task<HttpResponseMessage> PutAsync(string ifMatch, int promisedDays)
        {
            using var request = new HttpRequestMessage(HttpMethod.Put, $"/api/v1/items/{code}/draft")
            {
                Content = JsonContent.Create(With(NewItem(code), "promisedDays", promisedDays)),
            };
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
            return await admin.SendAsync(request);
        }

        using var first = await PutAsync(etag, 4);
        await ShouldBeAsync(first, HttpStatusCode.OK);
        first.Headers.ETag!.Tag.ShouldNotBe(etag);
        using var second = await PutAsync(etag, 3);
        await ShouldBeProblemAsync(second, HttpStatusCode.Conflict, rule: "stale-draft");

        var saved = await InDb(db => db.Set<Item>().AsNoTracking().SingleAsync(i => i.Code == code));
        saved.PromisedDays.ShouldBe(4, "the first editor's save stands");
    }
}

public sealed class CatalogAdminSqliteApp() : OneSealFactory(DatabaseProvider.Sqlite, ApiApps.Options(time: new FakeTimeProvider(FridayApp.Start)));
public sealed class CatalogAdminPostgresApp() : OneSealFactory(DatabaseProvider.Postgres, ApiApps.Options(time: new FakeTimeProvider(FridayApp.Start)));

[Trait("Provider", "Sqlite")]
public sealed class CatalogAdminApiTests_Sqlite(CatalogAdminSqliteApp app) : CatalogAdminApiTests(app), IClassFixture<CatalogAdminSqliteApp>;

[Trait("Provider", "Postgres")]
public sealed class CatalogAdminApiTests_Postgres(CatalogAdminPostgresApp app) : CatalogAdminApiTests(app), IClassFixture<CatalogAdminPostgresApp>;
