using System.Net;
using System.Text;
using Microsoft.EntityFrameworkCore;
using OneSeal.Catalog;
using OneSeal.Platform.Audit;
using OneSeal.Platform.Http;
using OneSeal.Tests.Infrastructure;

namespace OneSeal.Tests.Api;

/// <summary>
/// Defects 15 and 16: anonymous input can neither grow the database nor break it. Bodies are capped per route, text that
/// no column can hold (NUL, lone surrogates, longer than the column) is a 400 naming the field on both databases, the
/// audit keeps a bounded prefix of what a stranger typed, and a refused request writes nothing.
/// </summary>
public abstract class InputLimitsTests(OneSealFactory app) : CaseApiTestBase(app)
{
    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    private Task<(int Count, long Length)> AuditSizeAsync() => InDb(async db =>
    {
        var entries = db.Set<AuditEntry>();
        return (await entries.CountAsync(), await entries.SumAsync(e => (long)e.EntityId.Length + (e.Detail == null ? 0 : e.Detail.Length)));
    });

    [Fact]
    public async Task Defect15_a_1_MB_username_on_sign_in_is_413_and_the_audit_trail_does_not_grow()
    {
        var before = await AuditSizeAsync();

        for (var attempt = 0; attempt < 3; attempt++)
        {
            using var response = await Anonymous().PostAsync("/api/v1/auth/token",
                Json($$"""{"username":"{{new string('u', 1024 * 1024)}}","password":"x"}"""));
            await ShouldBeProblemAsync(response, HttpStatusCode.RequestEntityTooLarge, field: "body", rule: "max-size");
        }

        (await AuditSizeAsync()).ShouldBe(before);
    }

    [Fact]
    public async Task Defect15_a_65_character_username_is_a_failed_sign_in_audited_as_a_bounded_prefix_not_a_server_error()
    {
        var username = Unique("u") + new string('长', 65);

        using var response = await Anonymous().PostAsync("/api/v1/auth/token", Json($$"""{"username":"{{username}}","password":"x"}"""));

        ((int)response.StatusCode).ShouldBeInRange(400, 499, await response.Content.ReadAsStringAsync());
        var prefix = username[..20];
        var audited = await InDb(db => db.Set<AuditEntry>().Where(e => e.EntityId.StartsWith(prefix)).Select(e => e.EntityId).ToListAsync());
        audited.ShouldAllBe(id => id.Length <= AuditTrail.MaxEntityId);
    }

    [Theory]
    [InlineData("""{"username":"clerk\u0000","password":"x"}""", "username")]
    [InlineData("""{"username":"\ud800","password":"x"}""", "username")]
    [InlineData("""{"username":"clerk","password":"\udc00x"}""", "password")]
    public async Task Defect15_NUL_or_a_lone_surrogate_in_sign_in_is_400_naming_the_field_and_writes_nothing(string json, string field)
    {
        var before = await AuditSizeAsync();

        using var response = await Anonymous().PostAsync("/api/v1/auth/token", Json(json));

        await ShouldBeProblemAsync(response, HttpStatusCode.BadRequest, field: field, rule: TextRules.InvalidCharacters);
        (await AuditSizeAsync()).ShouldBe(before);
    }

    [Theory]
    [InlineData("""{"itemCode":"QS-XK-003","form":{"x":"\ud800"}}""", "form.x")]
    [InlineData("""{"itemCode":"QS-XK-003","form":{"enterpriseName":"好味道\u0000"}}""", "form.enterpriseName")]
    [InlineData("""{"itemCode":"QS-XK-003","form":{"list":[1,"\udfff"]}}""", "form.list[1]")]
    [InlineData("""{"itemCode":"QS-XK-\u0000","form":{}}""", "itemCode")]
    public async Task Defect15_unstorable_text_in_a_new_case_is_400_naming_the_field_and_creates_nothing(string json, string field)
    {
        var before = await CaseCountAsync("applicant");

        using var response = await (await As("applicant")).PostAsync("/api/v1/cases", Json(json));

        var problem = await ShouldBeProblemAsync(response, HttpStatusCode.BadRequest, field: field, rule: TextRules.InvalidCharacters);
        FieldMessage(problem, field).ShouldContain("不允许的字符");
        (await CaseCountAsync("applicant")).ShouldBe(before);
    }

    [Theory]
    [InlineData("\"x\"")]
    [InlineData("[]")]
    [InlineData("42")]
    public async Task Defect15_a_form_that_is_not_an_object_is_400_naming_form_not_a_draft(string form)
    {
        var before = await CaseCountAsync("applicant");

        using var response = await (await As("applicant")).PostAsync("/api/v1/cases", Json($$"""{"itemCode":"QS-XK-003","form":{{form}}}"""));

        await ShouldBeProblemAsync(response, HttpStatusCode.BadRequest, field: "form", rule: "type");
        (await CaseCountAsync("applicant")).ShouldBe(before);
    }

    [Theory]
    [InlineData("clerk", "refuse", """{"reason":"材料不全\u0000"}""", "reason")]
    [InlineData("clerk", "request-correction", """{"missing":["M01"],"note":"请补正\u0000"}""", "note")]
    [InlineData("clerk", "request-correction", """{"missing":["M0\u00001"],"note":"请补正"}""", "missing[0]")]
    [InlineData("clerk", "refuse", """{"reason":"\ud800理由"}""", "reason")]
    public async Task Defect15_NUL_in_a_clerks_reason_or_note_is_400_naming_it_and_changes_nothing(string who, string action, string json, string field)
    {
        var id = await SubmittedCaseAsync();
        var before = await FootprintAsync(id);

        using var response = await (await As(who)).PostAsync($"/api/v1/cases/{id}/{action}", Json(json));

        await ShouldBeProblemAsync(response, HttpStatusCode.BadRequest, field: field, rule: TextRules.InvalidCharacters);
        (await FootprintAsync(id)).ShouldBe(before);
    }

    [Theory]
    [InlineData("review", """{"opinion":"同意\u0000","recommend":"approve"}""", "opinion")]
    [InlineData("suspend", """{"kind":"hearing","reason":"听证\u0000","expectedDays":5}""", "reason")]
    public async Task Defect15_NUL_in_a_reviewers_opinion_or_suspension_reason_is_400_naming_it_and_changes_nothing(string action, string json, string field)
    {
        var id = await AcceptedCaseAsync();
        var before = await FootprintAsync(id);

        using var response = await (await As("reviewer")).PostAsync($"/api/v1/cases/{id}/{action}", Json(json));

        await ShouldBeProblemAsync(response, HttpStatusCode.BadRequest, field: field, rule: TextRules.InvalidCharacters);
        (await FootprintAsync(id)).ShouldBe(before);
    }

    [Fact]
    public async Task Defect15_an_upload_whose_file_name_holds_NUL_is_400_naming_file_and_stores_nothing()
    {
        var client = await As("applicant");
        var id = (await CreateCaseAsync(client)).Id;
        var before = await FootprintAsync(id);

        using var response = await UploadAsync(client, id, "M01", "申请书\0.pdf", SampleFiles.Pdf(), "application/pdf");

        await ShouldBeProblemAsync(response, HttpStatusCode.BadRequest, field: "file", rule: TextRules.InvalidCharacters);
        (await FootprintAsync(id)).ShouldBe(before);
    }

    [Fact]
    public async Task Defect15_a_JSON_command_over_its_route_limit_is_413_naming_body_and_changes_nothing()
    {
        var id = await SubmittedCaseAsync();
        var before = await FootprintAsync(id);

        using var response = await (await As("clerk")).PostAsync($"/api/v1/cases/{id}/refuse",
            Json($$"""{"reason":"{{new string('x', (int)RequestBodyLimits.ApiBytes)}}"}"""));

        await ShouldBeProblemAsync(response, HttpStatusCode.RequestEntityTooLarge, field: "body", rule: "max-size");
        (await FootprintAsync(id)).ShouldBe(before);
    }

    [Fact]
    public async Task Defect15_NUL_in_a_query_value_is_400_naming_the_parameter()
    {
        using var response = await Anonymous().GetAsync("/api/v1/items?q=%E9%A3%9F%00");

        await ShouldBeProblemAsync(response, HttpStatusCode.BadRequest, field: "q", rule: TextRules.InvalidCharacters);
    }

    [Fact]
    public async Task Defect15_text_longer_than_its_column_or_holding_NUL_is_refused_before_storage_naming_the_property()
    {
        // The storage guard is the same on both databases: SQLite would keep the 65 characters, PostgreSQL would fail.
        var tooLong = await Should.ThrowAsync<InvalidInputException>(() => InDb(async db =>
        {
            db.Add(new Theme { Code = Unique("T"), Name = new string('题', 65) });
            await db.SaveChangesAsync();
        }));
        tooLong.Field.ShouldBe("name");
        tooLong.Rule.ShouldBe("max-length");

        var nul = await Should.ThrowAsync<InvalidInputException>(() => InDb(async db =>
        {
            db.Add(new Theme { Code = Unique("T"), Name = "主题\0" });
            await db.SaveChangesAsync();
        }));
        nul.Field.ShouldBe("name");
        nul.Rule.ShouldBe(TextRules.InvalidCharacters);
    }

    [Fact]
    public async Task Defect15_the_audit_keeps_a_bounded_storable_prefix_of_free_text()
    {
        var id = Unique("audit-") + new string('审', 100) + "\0";
        await InDb(async db =>
        {
            db.Audit(null, "test.bounded", "test", id, new string('细', 5000) + "\0", DateTimeOffset.UtcNow);
            await OneSeal.Platform.Database.UnitOfWork.CommitAsync(db, CancellationToken.None);
        });

        var entry = await InDb(db => db.Set<AuditEntry>().SingleAsync(e => e.Action == "test.bounded" && e.EntityId.StartsWith(id.Substring(0, 17))));
        entry.EntityId.Length.ShouldBeLessThanOrEqualTo(AuditTrail.MaxEntityId);
        entry.Detail!.Length.ShouldBeLessThanOrEqualTo(AuditTrail.MaxDetail);
        entry.EntityId.ShouldNotContain('\0');
    }

    [Fact]
    public async Task Defect15_a_page_form_posted_with_NUL_is_refused_with_the_400_page_not_a_server_error()
    {
        // The framework's URL-encoded form reader throws on %00 (a 500 before the page filter caught it).
        using var browser = App.Anonymous();
        using var response = await browser.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Username"] = "cle\0rk",
            ["Password"] = OneSealFactory.DemoPassword,
            ["__RequestVerificationToken"] = await OneSeal.Tests.Organisation.SignInTestKit.FormTokenAsync(browser, "/account/login"),
        }));
        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.Content.ReadAsStringAsync()).ShouldContain("<html", Case.Insensitive, "a person gets the error page, not problem+json");
    }

    [Fact]
    public async Task Defect16_adding_working_days_to_the_last_representable_date_is_400_naming_from()
    {
        using var response = await Anonymous().GetAsync("/api/v1/calendar/add-working-days?from=9999-12-31&days=1");

        await ShouldBeProblemAsync(response, HttpStatusCode.BadRequest, field: "from", rule: "date-range");
    }

    [Theory]
    [InlineData("materials")]
    [InlineData("steps")]
    [InlineData("formFields")]
    public async Task Defect16_a_null_row_in_a_drafts_list_is_400_naming_the_row_on_create_and_on_save(string list)
    {
        var admin = await As("admin");
        var code = "QS-T-" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();

        using var created = await admin.PostAsync("/api/v1/items", Json($$"""{"code":"{{code}}","name":"测试","{{list}}":[null]}"""));
        await ShouldBeProblemAsync(created, HttpStatusCode.BadRequest, field: $"{list}[0]");

        using var saved = await admin.PutAsync($"/api/v1/items/{Demo.FoodLicence}/draft", Json($$"""{"{{list}}":[null]}"""));
        await ShouldBeProblemAsync(saved, HttpStatusCode.BadRequest, field: $"{list}[0]");
        (await InDb(db => db.Set<Item>().CountAsync(i => i.Code == code))).ShouldBe(0);
    }
}

[Trait("Provider", "Sqlite")]
public sealed class InputLimitsTests_Sqlite(SqliteApp app) : InputLimitsTests(app), IClassFixture<SqliteApp>;

[Trait("Provider", "Postgres")]
public sealed class InputLimitsTests_Postgres(PostgresApp app) : InputLimitsTests(app), IClassFixture<PostgresApp>;
