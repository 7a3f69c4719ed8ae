using System.Net;
using System.Net.Http.Json;
using System.Text;
using OneSeal.Tests.Infrastructure;

namespace OneSeal.Tests.Api;

/// <summary>
/// Bad input is a 400 (413 for a file over the limit) problem+json naming the field and the rule — and nothing is written:
/// no case, no timeline line, no material row, no audit line, no stored file.
/// </summary>
public abstract class BadInputTests(OneSealFactory app) : CaseApiTestBase(app)
{
    // ------------------------------------------------------------------ creating a case

    [Theory]
    [InlineData("{\"itemCode\": \"QS-XK-003\", \"form\": {")]
    [InlineData("{\"itemCode\": QS-XK-003}")]
    [InlineData("not json at all")]
    public async Task Malformed_JSON_is_400_naming_body_and_creates_nothing(string json)
    {
        var applicant = await As("applicant");
        var before = await CaseCountAsync("applicant");

        using var response = await applicant.PostAsync("/api/v1/cases", new StringContent(json, Encoding.UTF8, "application/json"));

        await ShouldBeProblemAsync(response, HttpStatusCode.BadRequest, field: "body");
        (await CaseCountAsync("applicant")).ShouldBe(before);
    }

    [Fact]
    public async Task Malformed_JSON_on_a_transition_is_400_naming_body_and_changes_nothing()
    {
        var id = await SubmittedCaseAsync();
        var before = await FootprintAsync(id);

        using var response = await (await As("clerk")).PostAsync($"/api/v1/cases/{id}/refuse",
            new StringContent("{\"reason\": ", Encoding.UTF8, "application/json"));

        await ShouldBeProblemAsync(response, HttpStatusCode.BadRequest, field: "body");
        (await FootprintAsync(id)).ShouldBe(before);
    }

    [Fact]
    public async Task An_unknown_itemCode_is_400_naming_itemCode_and_creates_nothing()
    {
        var before = await CaseCountAsync("applicant");

        using var response = await PostCaseAsync(await As("applicant"), Unique("QS-NOPE-"), Demo.FoodLicenceForm());

        await ShouldBeProblemAsync(response, HttpStatusCode.BadRequest, field: "itemCode", rule: "unknown-item");
        (await CaseCountAsync("applicant")).ShouldBe(before);
    }

    [Fact]
    public async Task A_missing_itemCode_is_400_naming_itemCode()
    {
        var before = await CaseCountAsync("applicant");

        using var response = await PostCaseAsync(await As("applicant"), null, Demo.FoodLicenceForm());

        await ShouldBeProblemAsync(response, HttpStatusCode.BadRequest, field: "itemCode", rule: "required");
        (await CaseCountAsync("applicant")).ShouldBe(before);
    }

    [Fact]
    public async Task A_citizen_ID_with_a_wrong_check_character_is_400_naming_the_form_field_and_GB_11643()
    {
        var before = await CaseCountAsync("applicant");
        var wrongCheck = Demo.CitizenId[..17] + "0"; // the right check character is 9

        using var response = await PostCaseAsync(await As("applicant"), Demo.SoleTrader, Demo.SoleTraderForm(wrongCheck));

        var problem = await ShouldBeProblemAsync(response, HttpStatusCode.BadRequest, field: "form.idNumber");
        FieldMessage(problem, "form.idNumber").ShouldContain("GB 11643");
        (await CaseCountAsync("applicant")).ShouldBe(before);
    }

    [Fact]
    public async Task An_invalid_USCC_is_400_naming_the_form_field_and_GB_32100()
    {
        var before = await CaseCountAsync("company");
        var wrongCheck = Demo.Uscc[..17] + "C"; // the right check character is B

        using var response = await PostCaseAsync(await As("company"), Demo.FoodLicence, Demo.FoodLicenceForm(uscc: wrongCheck));

        var problem = await ShouldBeProblemAsync(response, HttpStatusCode.BadRequest, field: "form.uscc");
        FieldMessage(problem, "form.uscc").ShouldContain("GB 32100");
        (await CaseCountAsync("company")).ShouldBe(before);
    }

    [Fact]
    public async Task Every_bad_form_field_is_named_at_once()
    {
        var form = Demo.FoodLicenceForm(uscc: Demo.Uscc[..17] + "C", idNumber: Demo.CitizenId[..17] + "0");
        form["phone"] = "12345";
        form["notAField"] = "x";

        using var response = await PostCaseAsync(await As("company"), Demo.FoodLicence, form);

        var problem = await ShouldBeProblemAsync(response, HttpStatusCode.BadRequest);
        var fields = problem.GetProperty("errors").EnumerateObject().Select(p => p.Name).ToList();
        fields.ShouldBe(["form.notAField", "form.uscc", "form.legalRepresentativeIdNumber", "form.phone"], ignoreOrder: true);
    }

    // ------------------------------------------------------------------ uploads

    [Fact]
    public async Task A_pdf_name_with_PNG_content_is_400_naming_file_rule_file_content_mismatch_and_writes_nothing()
    {
        var (client, id) = await DraftAsync();
        var before = await FootprintAsync(id);

        using var response = await UploadAsync(client, id, "M01", "申请书.pdf", SampleFiles.Png(), "application/pdf");

        await ShouldBeProblemAsync(response, HttpStatusCode.BadRequest, field: "file", rule: "file-content-mismatch");
        (await FootprintAsync(id)).ShouldBe(before);
    }

    [Fact]
    public async Task A_png_name_with_PDF_content_is_400_file_content_mismatch()
    {
        var (client, id) = await DraftAsync();
        var before = await FootprintAsync(id);

        using var response = await UploadAsync(client, id, "M01", "scan.png", SampleFiles.Pdf(), "image/png");

        await ShouldBeProblemAsync(response, HttpStatusCode.BadRequest, field: "file", rule: "file-content-mismatch");
        (await FootprintAsync(id)).ShouldBe(before);
    }

    [Theory]
    [InlineData("setup.exe")]
    [InlineData("申请书.pdf.exe")]
    [InlineData("no-extension")]
    public async Task An_executable_or_unlisted_type_is_400_naming_file_and_writes_nothing(string fileName)
    {
        var (client, id) = await DraftAsync();
        var before = await FootprintAsync(id);

        using var response = await UploadAsync(client, id, "M01", fileName, SampleFiles.Exe(), "application/x-msdownload");

        await ShouldBeProblemAsync(response, HttpStatusCode.BadRequest, field: "file", rule: "file-type");
        (await FootprintAsync(id)).ShouldBe(before);
    }

    [Fact]
    public async Task An_executable_renamed_to_pdf_is_400_file_content_mismatch()
    {
        var (client, id) = await DraftAsync();
        var before = await FootprintAsync(id);

        using var response = await UploadAsync(client, id, "M01", "申请书.pdf", SampleFiles.Exe(), "application/pdf");

        await ShouldBeProblemAsync(response, HttpStatusCode.BadRequest, field: "file", rule: "file-content-mismatch");
        (await FootprintAsync(id)).ShouldBe(before);
    }

    [Fact]
    public async Task An_empty_file_is_400_naming_file()
    {
        var (client, id) = await DraftAsync();
        var before = await FootprintAsync(id);

        using var response = await UploadAsync(client, id, "M01", "empty.pdf", [], "application/pdf");

        await ShouldBeProblemAsync(response, HttpStatusCode.BadRequest, field: "file");
        (await FootprintAsync(id)).ShouldBe(before);
    }

    [Fact]
    public async Task An_unknown_materialCode_is_400_naming_materialCode_and_writes_nothing()
    {
        var (client, id) = await DraftAsync();
        var before = await FootprintAsync(id);

        using var response = await UploadAsync(client, id, "M99", "m99.pdf", SampleFiles.Pdf(), "application/pdf");

        await ShouldBeProblemAsync(response, HttpStatusCode.BadRequest, field: "materialCode", rule: "unknown-material");
        (await FootprintAsync(id)).ShouldBe(before);
    }

    [Fact]
    public async Task A_missing_materialCode_is_400_naming_materialCode()
    {
        var (client, id) = await DraftAsync();
        var before = await FootprintAsync(id);

        using var response = await UploadAsync(client, id, null, "m01.pdf", SampleFiles.Pdf(), "application/pdf");

        await ShouldBeProblemAsync(response, HttpStatusCode.BadRequest, field: "materialCode", rule: "required");
        (await FootprintAsync(id)).ShouldBe(before);
    }

    [Fact]
    public async Task An_upload_without_a_file_is_400_naming_file()
    {
        var (client, id) = await DraftAsync();
        var before = await FootprintAsync(id);
        var form = new MultipartFormDataContent { { new StringContent("M01"), "materialCode" } };

        using var response = await client.PostAsync($"/api/v1/cases/{id}/materials", form);

        await ShouldBeProblemAsync(response, HttpStatusCode.BadRequest, field: "file");
        (await FootprintAsync(id)).ShouldBe(before);
    }

    [Fact]
    public async Task A_good_upload_after_bad_ones_is_stored_once_with_its_hash()
    {
        var (client, id) = await DraftAsync();
        using (var bad = await UploadAsync(client, id, "M01", "申请书.pdf", SampleFiles.Png(), "application/pdf"))
            await ShouldBeAsync(bad, HttpStatusCode.BadRequest);
        var before = await FootprintAsync(id);
        var pdf = SampleFiles.Pdf("good");

        using var good = await UploadAsync(client, id, "M01", "申请书.pdf", pdf, "application/pdf");

        await ShouldBeAsync(good, HttpStatusCode.Created);
        var material = (await good.Content.ReadFromJsonAsync<CaseMaterialDto>(Web))!;
        material.SizeBytes.ShouldBe(pdf.Length);
        material.Sha256.ShouldBe(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(pdf)));
        material.ContentType.ShouldBe("application/pdf");
        var after = await FootprintAsync(id);
        after.ShouldBe(before with { Version = before.Version + 1, Events = before.Events + 1, Materials = before.Materials + 1,
            AuditEntries = before.AuditEntries + 1, StoredFiles = before.StoredFiles + 1 });
        using var download = await client.GetAsync($"/api/v1/cases/{id}/materials/{material.Id}");
        await ShouldBeAsync(download, HttpStatusCode.OK);
        (await download.Content.ReadAsByteArrayAsync()).ShouldBe(pdf);
    }

    [Fact]
    public async Task A_malformed_If_Match_is_400_naming_If_Match()
    {
        var id = await SubmittedCaseAsync();
        var before = await FootprintAsync(id);

        using var response = await ActAsync(await As("clerk"), id, "accept", ifMatch: "\"three\"");

        await ShouldBeProblemAsync(response, HttpStatusCode.BadRequest, field: "If-Match");
        (await FootprintAsync(id)).ShouldBe(before);
    }

    [Fact]
    public async Task An_unknown_queue_scope_is_400_naming_scope()
    {
        using var response = await (await As("clerk")).GetAsync("/api/v1/cases?scope=everything");

        await ShouldBeProblemAsync(response, HttpStatusCode.BadRequest, field: "scope");
    }

    [Fact]
    public async Task A_form_value_that_is_an_object_is_400_naming_that_field()
    {
        var before = await CaseCountAsync("applicant");
        var applicant = await As("applicant");

        using var response = await applicant.PostAsync("/api/v1/cases", new StringContent(
            "{\"itemCode\":\"QS-XK-003\",\"form\":{\"enterpriseName\":{\"zh\":\"张三小吃\"}}}", Encoding.UTF8, "application/json"));

        await ShouldBeProblemAsync(response, HttpStatusCode.BadRequest, field: "form.enterpriseName", rule: "form-value-type");
        (await CaseCountAsync("applicant")).ShouldBe(before);
    }

    [Fact]
    public async Task An_Idempotency_Key_over_128_characters_is_400_naming_it()
    {
        var before = await CaseCountAsync("applicant");

        using var response = await PostCaseAsync(await As("applicant"), Demo.FoodLicence, Demo.FoodLicenceForm(), new string('k', 129));

        await ShouldBeProblemAsync(response, HttpStatusCode.BadRequest, field: "Idempotency-Key", rule: "max-length");
        (await CaseCountAsync("applicant")).ShouldBe(before);
    }

    // ------------------------------------------------------------------ lengths the database must hold: a 400, never a 500

    [Fact]
    public async Task A_refusal_reason_longer_than_the_case_can_store_is_400_naming_reason_not_a_server_error()
    {
        // cases.refusal_reason holds 2000 characters; the command lets up to 4000 through.
        var id = await SubmittedCaseAsync();
        var before = await FootprintAsync(id);

        using var response = await ActAsync(await As("clerk"), id, "refuse", new { reason = new string('理', 3000) });

        await ShouldBeProblemAsync(response, HttpStatusCode.BadRequest, field: "reason", rule: "max-length");
        (await FootprintAsync(id)).ShouldBe(before);
    }

    [Fact]
    public async Task A_refusal_reason_of_2000_characters_is_stored_whole()
    {
        var id = await SubmittedCaseAsync();
        var reason = new string('理', 2000);

        (await StepAsync(await As("clerk"), id, "refuse", new { reason })).ShouldBe("refused");

        (await GetCaseAsync(await As("applicant"), id)).RefusalReason.ShouldBe(reason);
    }

    [Fact]
    public async Task A_review_opinion_of_the_allowed_4000_characters_is_accepted()
    {
        // The command allows 4000; the timeline line prefixes "建议准予许可：", which must still fit.
        var id = await AcceptedCaseAsync();
        var opinion = new string('审', 4000);

        using var response = await ActAsync(await As("reviewer"), id, "review", new { opinion, recommend = "approve" });

        await ShouldBeAsync(response, HttpStatusCode.OK);
        (await GetCaseAsync(await As("reviewer"), id)).Status.ShouldBe("reviewed");
    }

    [Fact]
    public async Task A_review_opinion_over_4000_characters_is_400_naming_opinion()
    {
        var id = await AcceptedCaseAsync();

        using var response = await ActAsync(await As("reviewer"), id, "review", new { opinion = new string('审', 4001), recommend = "approve" });

        await ShouldBeProblemAsync(response, HttpStatusCode.BadRequest, field: "opinion", rule: "max-length");
    }

    [Fact]
    public async Task A_file_name_longer_than_the_database_holds_is_refused_naming_file_or_shortened_never_a_server_error()
    {
        // case_materials.file_name holds 255 characters.
        var (client, id) = await DraftAsync();
        var before = await FootprintAsync(id);
        var name = new string('材', 300) + ".pdf";

        using var response = await UploadAsync(client, id, "M01", name, SampleFiles.Pdf(), "application/pdf");

        if (response.StatusCode == HttpStatusCode.Created)
            (await response.Content.ReadFromJsonAsync<CaseMaterialDto>(Web))!.FileName.Length.ShouldBeLessThanOrEqualTo(255);
        else
        {
            await ShouldBeProblemAsync(response, HttpStatusCode.BadRequest, field: "file");
            (await FootprintAsync(id)).ShouldBe(before);
        }
    }

    protected async Task<(HttpClient Client, Guid Id)> DraftAsync()
    {
        var client = await As("applicant");
        return (client, (await CreateCaseAsync(client)).Id);
    }
}

[Trait("Provider", "Sqlite")]
public sealed class BadInputTests_Sqlite(SqliteApp app) : BadInputTests(app), IClassFixture<SqliteApp>;

[Trait("Provider", "Postgres")]
public sealed class BadInputTests_Postgres(PostgresApp app) : BadInputTests(app), IClassFixture<PostgresApp>;

/// <summary>Uploads over <c>Uploads:MaxBytes</c> (1024 here, <see cref="SmallUploads"/>) are 413 naming <c>file</c>, and write nothing.</summary>
public abstract class UploadLimitTests(OneSealFactory app) : CaseApiTestBase(app)
{
    [Fact]
    public async Task An_upload_over_the_limit_is_413_naming_file_and_writes_nothing()
    {
        var client = await As("applicant");
        var id = (await CreateCaseAsync(client)).Id;
        var before = await FootprintAsync(id);

        using var response = await UploadAsync(client, id, "M01", "big.pdf", SampleFiles.PdfOfSize(SmallUploads.MaxBytes * 2), "application/pdf");

        await ShouldBeProblemAsync(response, HttpStatusCode.RequestEntityTooLarge, field: "file", rule: "max-size");
        (await FootprintAsync(id)).ShouldBe(before);
    }

    [Fact]
    public async Task The_413_message_states_the_configured_limit_not_0_MB()
    {
        var client = await As("applicant");
        var id = (await CreateCaseAsync(client)).Id;

        using var response = await UploadAsync(client, id, "M01", "big.pdf", SampleFiles.PdfOfSize(SmallUploads.MaxBytes + 1), "application/pdf");

        var problem = await ShouldBeProblemAsync(response, HttpStatusCode.RequestEntityTooLarge, field: "file");
        FieldMessage(problem, "file").ShouldNotContain(" 0 MB", customMessage: "a 1 KB limit must not be reported as 0 MB");
    }

    [Fact]
    public async Task An_upload_of_exactly_the_limit_is_accepted()
    {
        var client = await As("applicant");
        var id = (await CreateCaseAsync(client)).Id;

        using var response = await UploadAsync(client, id, "M01", "fits.pdf", SampleFiles.PdfOfSize(SmallUploads.MaxBytes), "application/pdf");

        await ShouldBeAsync(response, HttpStatusCode.Created);
        (await response.Content.ReadFromJsonAsync<CaseMaterialDto>(Web))!.SizeBytes.ShouldBe(SmallUploads.MaxBytes);
    }
}

[Trait("Provider", "Sqlite")]
public sealed class UploadLimitTests_Sqlite(SmallUploadSqliteApp app) : UploadLimitTests(app), IClassFixture<SmallUploadSqliteApp>;

[Trait("Provider", "Postgres")]
public sealed class UploadLimitTests_Postgres(SmallUploadPostgresApp app) : UploadLimitTests(app), IClassFixture<SmallUploadPostgresApp>;
