using System.Net;
using System.Net.Http.Json;
using OneSeal.Tests.Infrastructure;

namespace OneSeal.Tests.Api;

/// <summary>Who may do what to a case, in which state: roles, data scope, transitions, correction (Art. 32), refusal.</summary>
public abstract class CaseRuleTests(OneSealFactory app) : CaseApiTestBase(app)
{
    // ------------------------------------------------------------------ roles and data scope

    [Fact]
    public async Task An_applicant_cannot_accept_even_their_own_case_403_role()
    {
        var id = await SubmittedCaseAsync();
        var before = await FootprintAsync(id);

        using var response = await ActAsync(await As("applicant"), id, "accept");

        await ShouldBeProblemAsync(response, HttpStatusCode.Forbidden, rule: "role");
        (await FootprintAsync(id)).ShouldBe(before);
    }

    [Fact]
    public async Task Another_applicant_cannot_read_or_touch_someone_elses_case_404()
    {
        var id = await SubmittedCaseAsync("applicant");
        var other = await As("company");

        using var read = await other.GetAsync($"/api/v1/cases/{id}");
        await ShouldBeProblemAsync(read, HttpStatusCode.NotFound, rule: "not-found");
        using var upload = await UploadAsync(other, id, "M01", "m01.pdf", SampleFiles.Pdf());
        await ShouldBeProblemAsync(upload, HttpStatusCode.NotFound);
        using var list = await other.GetAsync("/api/v1/cases?scope=mine");
        (await list.Content.ReadFromJsonAsync<List<CaseCreatedDto>>(Web))!.ShouldNotContain(c => c.Id == id);
    }

    [Fact]
    public async Task Someone_elses_case_stays_404_even_when_the_request_carries_an_If_Match()
    {
        // A version check must not run before the access check, or a 409 tells a stranger the case exists.
        var id = await SubmittedCaseAsync("applicant");
        var before = await FootprintAsync(id);

        using var submit = await ActAsync(await As("company"), id, "submit", ifMatch: "\"999\"");
        await ShouldBeProblemAsync(submit, HttpStatusCode.NotFound, rule: "not-found");
        // 民政局's clerk: a department that does not supervise this item (the market regulator's staff may read it, issue 13).
        using var accept = await ActAsync(await As("deptclerk"), id, "accept", ifMatch: "\"999\"");
        await ShouldBeProblemAsync(accept, HttpStatusCode.NotFound, rule: "not-found");

        (await FootprintAsync(id)).ShouldBe(before);
    }

    [Fact]
    public async Task Department_staff_read_a_bureau_case_their_department_supervises_but_cannot_act_on_it()
    {
        var id = await SubmittedCaseAsync();
        var before = await FootprintAsync(id);
        var dept = await As("dept");

        // Issue 13: the market regulator supervises this item, so its staff may read the case (read-only); another
        // department may not even see it.
        using (var read = await dept.GetAsync($"/api/v1/cases/{id}")) read.StatusCode.ShouldBe(HttpStatusCode.OK);
        using (var other = await (await As("deptclerk")).GetAsync($"/api/v1/cases/{id}")) await ShouldBeProblemAsync(other, HttpStatusCode.NotFound);
        foreach (var (action, body) in new (string, object?)[]
                 {
                     ("accept", null), ("refuse", new { reason = "不属于本部门" }),
                     ("request-correction", new { missing = new[] { "M01" }, note = "补" }),
                 })
        {
            using var act = await ActAsync(dept, id, action, body);
            act.StatusCode.ShouldBeOneOf(HttpStatusCode.Forbidden, HttpStatusCode.NotFound);
            await ShouldBeProblemAsync(act, act.StatusCode);
        }
        using var queue = await dept.GetAsync("/api/v1/cases?scope=acceptance");
        await ShouldBeProblemAsync(queue, HttpStatusCode.Forbidden, rule: "role");
        (await FootprintAsync(id)).ShouldBe(before);
    }

    [Fact]
    public async Task A_reviewer_cannot_accept_and_a_clerk_cannot_review_or_decide_403_role()
    {
        var submitted = await SubmittedCaseAsync();
        using (var r = await ActAsync(await As("reviewer"), submitted, "accept"))
            await ShouldBeProblemAsync(r, HttpStatusCode.Forbidden, rule: "role");

        var accepted = await AcceptedCaseAsync("clerk2");
        using (var r = await ActAsync(await As("clerk"), accepted, "review", new { opinion = "同意", recommend = "approve" }))
            await ShouldBeProblemAsync(r, HttpStatusCode.Forbidden, rule: "role");
        using (var r = await ActAsync(await As("clerk"), accepted, "decide", new { approve = true }))
            await ShouldBeProblemAsync(r, HttpStatusCode.Forbidden, rule: "role");
    }

    [Fact]
    public async Task Staff_cannot_upload_or_submit_for_the_applicant_403()
    {
        var applicant = await As("applicant");
        var created = await CreateCaseAsync(applicant);

        using var upload = await UploadAsync(await As("clerk"), created.Id, "M01", "m01.pdf", SampleFiles.Pdf());
        await ShouldBeProblemAsync(upload, HttpStatusCode.Forbidden, rule: "applicant-only");
        using var submit = await ActAsync(await As("clerk"), created.Id, "submit");
        await ShouldBeProblemAsync(submit, HttpStatusCode.Forbidden, rule: "applicant-only");
    }

    [Fact]
    public async Task Staff_cannot_apply_403()
    {
        using var response = await PostCaseAsync(await As("clerk"), Demo.FoodLicence, Demo.FoodLicenceForm());

        await ShouldBeProblemAsync(response, HttpStatusCode.Forbidden, rule: "role");
    }

    [Fact]
    public async Task A_citizen_only_item_is_refused_to_an_enterprise_400_naming_itemCode()
    {
        var before = await CaseCountAsync("company");

        using var response = await PostCaseAsync(await As("company"), Demo.SoleTrader, Demo.SoleTraderForm());

        await ShouldBeProblemAsync(response, HttpStatusCode.BadRequest, field: "itemCode", rule: "service-object");
        (await CaseCountAsync("company")).ShouldBe(before);
    }

    // ------------------------------------------------------------------ transitions

    [Fact]
    public async Task Reviewing_before_acceptance_is_409_invalid_transition()
    {
        var id = await SubmittedCaseAsync();
        var before = await FootprintAsync(id);

        using var response = await ActAsync(await As("reviewer"), id, "review", new { opinion = "同意", recommend = "approve" });

        await ShouldBeProblemAsync(response, HttpStatusCode.Conflict, rule: "invalid-transition");
        (await FootprintAsync(id)).ShouldBe(before);
    }

    [Fact]
    public async Task Accepting_twice_is_409_invalid_transition()
    {
        var id = await AcceptedCaseAsync();
        var before = await FootprintAsync(id);

        using var response = await ActAsync(await As("clerk"), id, "accept");

        await ShouldBeProblemAsync(response, HttpStatusCode.Conflict, rule: "invalid-transition");
        (await FootprintAsync(id)).ShouldBe(before);
    }

    [Fact]
    public async Task Accepting_a_draft_is_409_invalid_transition()
    {
        var created = await CreateCaseAsync(await As("applicant"));

        using var response = await ActAsync(await As("clerk"), created.Id, "accept");

        await ShouldBeProblemAsync(response, HttpStatusCode.Conflict, rule: "invalid-transition");
    }

    [Fact]
    public async Task Deciding_before_review_is_409_invalid_transition()
    {
        var id = await AcceptedCaseAsync();

        using var response = await ActAsync(await As("chief"), id, "decide", new { approve = true });

        await ShouldBeProblemAsync(response, HttpStatusCode.Conflict, rule: "invalid-transition");
    }

    [Fact]
    public async Task Uploading_to_a_submitted_case_is_409_invalid_transition()
    {
        var id = await SubmittedCaseAsync();
        var before = await FootprintAsync(id);

        using var response = await UploadAsync(await As("applicant"), id, "M06", "m06.pdf", SampleFiles.Pdf());

        await ShouldBeProblemAsync(response, HttpStatusCode.Conflict, rule: "invalid-transition");
        (await FootprintAsync(id)).ShouldBe(before);
    }

    [Fact]
    public async Task Submitting_without_every_required_material_is_400_naming_materials()
    {
        var applicant = await As("applicant");
        var created = await CreateCaseAsync(applicant);
        using (var up = await UploadAsync(applicant, created.Id, "M01", "m01.pdf", SampleFiles.Pdf())) await ShouldBeAsync(up, HttpStatusCode.Created);
        var before = await FootprintAsync(created.Id);

        using var response = await ActAsync(applicant, created.Id, "submit");

        var problem = await ShouldBeProblemAsync(response, HttpStatusCode.BadRequest, field: "materials", rule: "required-materials");
        FieldMessage(problem, "materials").ShouldContain("主要设备设施"); // M03, still missing
        FieldMessage(problem, "materials").ShouldNotContain("营业执照"); // M02 comes from the certificate library (issue 8, defect 2)
        (await FootprintAsync(created.Id)).ShouldBe(before);
    }

    [Fact]
    public async Task Submitting_with_a_required_form_field_empty_is_400_naming_that_field()
    {
        var applicant = await As("applicant");
        var form = Demo.FoodLicenceForm();
        form.Remove("operatingArea");
        var created = await CreateCaseAsync(applicant, Demo.FoodLicence, form); // a draft may be incomplete
        await UploadRequiredAsync(applicant, created.Id);

        using var response = await ActAsync(applicant, created.Id, "submit");

        await ShouldBeProblemAsync(response, HttpStatusCode.BadRequest, field: "form.operatingArea");
        (await GetCaseAsync(applicant, created.Id)).Status.ShouldBe("draft");
    }

    // ------------------------------------------------------------------ correction (补正, one notice listing everything) and refusal

    [Fact]
    public async Task Correction_round_trip_lists_the_missing_materials_and_needs_them_before_resubmission()
    {
        var applicant = await As("applicant");
        var clerk = await As("clerk");
        var id = await SubmittedCaseAsync();

        (await StepAsync(clerk, id, "request-correction", new { missing = new[] { "M03", "M04" }, note = "平面布局图不清晰；制度未盖章。" }))
            .ShouldBe("correction-requested");
        var asked = await GetCaseAsync(applicant, id);
        asked.Status.ShouldBe("correction-requested");
        asked.CorrectionMaterials.ShouldBe(["M03", "M04"]);
        asked.CorrectionNote.ShouldBe("平面布局图不清晰；制度未盖章。");
        var notice = asked.Timeline.Last();
        notice.Action.ShouldBe("correction-requested");
        notice.Actor.ShouldBe("李窗口");
        notice.Note!.ShouldContain("平面布局图");

        // Resubmitting without the listed materials: refused, nothing changes.
        var before = await FootprintAsync(id);
        using (var early = await ActAsync(applicant, id, "submit"))
            await ShouldBeProblemAsync(early, HttpStatusCode.BadRequest, field: "materials", rule: "correction-incomplete");
        (await FootprintAsync(id)).ShouldBe(before);

        // Only one of the two: still refused.
        using (var up = await UploadAsync(applicant, id, "M03", "m03-v2.pdf", SampleFiles.Pdf("layout v2"))) await ShouldBeAsync(up, HttpStatusCode.Created);
        using (var half = await ActAsync(applicant, id, "submit"))
        {
            var problem = await ShouldBeProblemAsync(half, HttpStatusCode.BadRequest, field: "materials", rule: "correction-incomplete");
            FieldMessage(problem, "materials").ShouldContain("规章制度"); // M04's name
        }

        using (var up = await UploadAsync(applicant, id, "M04", "m04-v2.png", SampleFiles.Png(), "image/png")) await ShouldBeAsync(up, HttpStatusCode.Created);
        (await StepAsync(applicant, id, "submit")).ShouldBe("submitted");

        var resubmitted = await GetCaseAsync(clerk, id);
        resubmitted.Timeline.Last().Action.ShouldBe("resubmitted");
        resubmitted.Materials.Single(m => m.MaterialCode == "M03").FileName.ShouldBe("m03-v2.pdf");
        resubmitted.Materials.Single(m => m.MaterialCode == "M04").FileName.ShouldBe("m04-v2.png");
        resubmitted.Materials.Count(m => m.MaterialCode == "M03").ShouldBe(1, "the replaced upload is superseded, not listed twice");
        (await StepAsync(clerk, id, "accept")).ShouldBe("accepted");
    }

    [Fact]
    public async Task A_correction_request_with_an_empty_list_is_400_naming_missing()
    {
        var id = await SubmittedCaseAsync();
        var before = await FootprintAsync(id);

        using var empty = await ActAsync(await As("clerk"), id, "request-correction", new { missing = Array.Empty<string>(), note = "请补正" });
        await ShouldBeProblemAsync(empty, HttpStatusCode.BadRequest, field: "missing", rule: "required");
        using var absent = await ActAsync(await As("clerk"), id, "request-correction", new { note = "请补正" });
        await ShouldBeProblemAsync(absent, HttpStatusCode.BadRequest, field: "missing", rule: "required");

        (await FootprintAsync(id)).ShouldBe(before);
    }

    [Fact]
    public async Task A_correction_request_naming_a_material_the_item_does_not_have_is_400_naming_missing()
    {
        var id = await SubmittedCaseAsync();

        using var response = await ActAsync(await As("clerk"), id, "request-correction", new { missing = new[] { "M01", "M99" } });

        var problem = await ShouldBeProblemAsync(response, HttpStatusCode.BadRequest, field: "missing", rule: "unknown-material");
        FieldMessage(problem, "missing").ShouldContain("M99");
        (await GetCaseAsync(await As("clerk"), id)).Status.ShouldBe("submitted");
    }

    [Fact]
    public async Task Refusing_without_a_reason_is_400_naming_reason()
    {
        var id = await SubmittedCaseAsync();
        var before = await FootprintAsync(id);

        using var none = await ActAsync(await As("clerk"), id, "refuse", new { });
        await ShouldBeProblemAsync(none, HttpStatusCode.BadRequest, field: "reason", rule: "required");
        using var blank = await ActAsync(await As("clerk"), id, "refuse", new { reason = "   " });
        await ShouldBeProblemAsync(blank, HttpStatusCode.BadRequest, field: "reason", rule: "required");

        (await FootprintAsync(id)).ShouldBe(before);
    }

    [Fact]
    public async Task Refusing_with_a_reason_ends_refused_and_the_applicant_sees_why()
    {
        const string reason = "申请事项依法不需要取得行政许可，告知申请人按备案办理。";
        var id = await SubmittedCaseAsync();

        (await StepAsync(await As("clerk"), id, "refuse", new { reason })).ShouldBe("refused");

        var seen = await GetCaseAsync(await As("applicant"), id);
        seen.Status.ShouldBe("refused");
        seen.RefusalReason.ShouldBe(reason);
        seen.DueDate.ShouldBeNull();
        seen.Timeline.Last().Action.ShouldBe("refused");
        seen.Timeline.Last().Note.ShouldBe(reason);
        using var accept = await ActAsync(await As("clerk2"), id, "accept");
        await ShouldBeProblemAsync(accept, HttpStatusCode.Conflict, rule: "invalid-transition");
    }

    [Fact]
    public async Task An_unknown_case_id_is_404_problem()
    {
        var id = Guid.NewGuid();
        using var read = await (await As("clerk")).GetAsync($"/api/v1/cases/{id}");
        await ShouldBeProblemAsync(read, HttpStatusCode.NotFound, rule: "not-found");
        using var accept = await ActAsync(await As("clerk"), id, "accept");
        await ShouldBeProblemAsync(accept, HttpStatusCode.NotFound, rule: "not-found");
    }
}

[Trait("Provider", "Sqlite")]
public sealed class CaseRuleTests_Sqlite(SqliteApp app) : CaseRuleTests(app), IClassFixture<SqliteApp>;

[Trait("Provider", "Postgres")]
public sealed class CaseRuleTests_Postgres(PostgresApp app) : CaseRuleTests(app), IClassFixture<PostgresApp>;

/// <summary>
/// 受审分离 on the server, for one person who holds several duties (<see cref="DualRoleApp"/>: clerk is also reviewer and
/// chief, reviewer is also chief): whoever accepted may neither review nor decide; whoever reviewed may not decide.
/// </summary>
public abstract class SeparationOfDutiesApiTests(OneSealFactory app) : CaseApiTestBase(app)
{
    [Fact]
    public async Task The_clerk_who_accepted_cannot_review_even_holding_the_reviewer_role()
    {
        var id = await AcceptedCaseAsync("clerk");
        var before = await FootprintAsync(id);

        using var response = await ActAsync(await As("clerk"), id, "review", new { opinion = "同意", recommend = "approve" });

        await ShouldBeProblemAsync(response, HttpStatusCode.Forbidden, rule: "separation-of-duties");
        (await FootprintAsync(id)).ShouldBe(before);
    }

    [Fact]
    public async Task The_clerk_who_accepted_cannot_decide_even_holding_the_chief_role()
    {
        var id = await ReviewedCaseAsync(clerk: "clerk", reviewer: "reviewer");
        var before = await FootprintAsync(id);

        using var response = await ActAsync(await As("clerk"), id, "decide", new { approve = true });

        await ShouldBeProblemAsync(response, HttpStatusCode.Forbidden, rule: "separation-of-duties");
        (await FootprintAsync(id)).ShouldBe(before);
    }

    [Fact]
    public async Task The_reviewer_cannot_decide_what_they_reviewed_even_holding_the_chief_role()
    {
        var id = await ReviewedCaseAsync(clerk: "clerk2", reviewer: "reviewer");
        var before = await FootprintAsync(id);

        using var response = await ActAsync(await As("reviewer"), id, "decide", new { approve = false, reason = "不符合条件" });

        await ShouldBeProblemAsync(response, HttpStatusCode.Forbidden, rule: "separation-of-duties");
        (await FootprintAsync(id)).ShouldBe(before);
    }

    [Fact]
    public async Task Three_different_people_may_accept_review_and_decide_even_when_they_hold_several_roles()
    {
        // clerk2 accepts, clerk (also reviewer) reviews, reviewer (also chief) decides: every step by someone new.
        var id = await AcceptedCaseAsync("clerk2");
        (await StepAsync(await As("clerk"), id, "review", new { opinion = "符合条件", recommend = "approve" })).ShouldBe("reviewed");

        (await StepAsync(await As("reviewer"), id, "decide", new { approve = true })).ShouldBe("certificate-issued");

        var seen = await GetCaseAsync(await As("applicant"), id);
        seen.Timeline.Single(t => t.Action == "accepted").Actor.ShouldBe("王窗口");
        seen.Timeline.Single(t => t.Action == "reviewed").Actor.ShouldBe("李窗口");
        seen.Timeline.Single(t => t.Action == "approved").Actor.ShouldBe("赵审查");
    }
}

[Trait("Provider", "Sqlite")]
public sealed class SeparationOfDutiesApiTests_Sqlite(DualRoleSqliteApp app) : SeparationOfDutiesApiTests(app), IClassFixture<DualRoleSqliteApp>;

[Trait("Provider", "Postgres")]
public sealed class SeparationOfDutiesApiTests_Postgres(DualRolePostgresApp app) : SeparationOfDutiesApiTests(app), IClassFixture<DualRolePostgresApp>;
