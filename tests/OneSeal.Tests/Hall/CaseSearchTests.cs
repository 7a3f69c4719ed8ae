using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using OneSeal.Organisation;
using OneSeal.Platform.Audit;
using OneSeal.Tests.Api;
using OneSeal.Tests.Infrastructure;

namespace OneSeal.Tests.Hall;

/// <summary>
/// Issue 11 §2: search at every window — by case number (exact or its beginning), applicant name, ID number / USCC and
/// phone (keyed hashes) — within the queue's data scope; bad input named; the /hall/search page decides what was typed.
/// </summary>
public abstract class CaseSearchTests(OneSealFactory app) : CaseApiTestBase(app)
{
    private static async Task<List<JsonElement>> SearchAsync(HttpClient client, string query)
    {
        using var response = await client.GetAsync("/api/v1/cases?" + query);
        await ShouldBeAsync(response, HttpStatusCode.OK);
        return (await response.Content.ReadFromJsonAsync<List<JsonElement>>())!;
    }

    private static bool Has(List<JsonElement> hits, Guid id) => hits.Any(h => h.GetProperty("id").GetGuid() == id);

    [Fact]
    public async Task Each_criterion_finds_the_case_and_a_clerk_of_another_organisation_finds_nothing()
    {
        var id = await SubmittedCaseAsync();
        var number = (await GetCaseAsync(await As("clerk"), id)).CaseNumber;
        var clerk = await As("clerk");

        var exact = await SearchAsync(clerk, "number=" + Uri.EscapeDataString(number));
        exact.Count.ShouldBe(1);
        exact[0].GetProperty("status").GetString().ShouldBe("submitted");
        Has(await SearchAsync(clerk, "number=" + Uri.EscapeDataString(number[..^2].ToLowerInvariant())), id).ShouldBeTrue("the beginning of the number, any case");
        Has(await SearchAsync(clerk, "applicant=" + Uri.EscapeDataString("张")), id).ShouldBeTrue();
        Has(await SearchAsync(clerk, "idNumber=" + Demo.CitizenId), id).ShouldBeTrue();
        Has(await SearchAsync(clerk, "phone=138-0796-0001"), id).ShouldBeTrue();
        (await SearchAsync(clerk, "phone=13900000000")).ShouldNotContain(h => h.GetProperty("id").GetGuid() == id);

        // Looking a person up by ID number is in the audit trail, masked.
        var audit = await InDb(db => db.Set<AuditEntry>().Where(a => a.Action == "case.search").Select(a => a.Detail!).ToListAsync());
        audit.ShouldContain(d => d.Contains("证件号码") && !d.Contains(Demo.CitizenId));

        using var outsider = await App.ClientFor(await OneSeal.Tests.Organisation.SignInTestKit.NewStaffAsync(App, Roles.Clerk, "SCJGJ"));
        foreach (var q in new[] { "number=" + Uri.EscapeDataString(number), "applicant=" + Uri.EscapeDataString("张三"), "idNumber=" + Demo.CitizenId, "phone=13807960001" })
            Has(await SearchAsync(outsider, q), id).ShouldBeFalse($"{q}: another organisation's case is not found");
    }

    [Fact]
    public async Task Bad_input_is_a_problem_naming_the_field_and_only_staff_who_handle_cases_may_search()
    {
        var clerk = await As("clerk");
        using (var r = await clerk.GetAsync("/api/v1/cases?idNumber=123456")) await ShouldBeProblemAsync(r, HttpStatusCode.BadRequest, "idNumber", "id-number");
        using (var r = await clerk.GetAsync("/api/v1/cases?idNumber=360999199003071230")) await ShouldBeProblemAsync(r, HttpStatusCode.BadRequest, "idNumber");
        using (var r = await clerk.GetAsync("/api/v1/cases?phone=abc")) await ShouldBeProblemAsync(r, HttpStatusCode.BadRequest, "phone", "phone-format");
        using (var r = await clerk.GetAsync("/api/v1/cases?number=%25%25QS")) await ShouldBeProblemAsync(r, HttpStatusCode.BadRequest, "number", "case-number");
        using (var r = await clerk.GetAsync("/api/v1/cases?number=QS")) await ShouldBeProblemAsync(r, HttpStatusCode.BadRequest, "number", "min-length");
        using (var r = await clerk.GetAsync("/api/v1/cases?number=QS2026&phone=13807960001")) await ShouldBeProblemAsync(r, HttpStatusCode.BadRequest, "phone", "one-criterion");
        using (var r = await clerk.GetAsync("/api/v1/cases?applicant=")) await ShouldBeProblemAsync(r, HttpStatusCode.BadRequest, "applicant", "required");
        using (var r = await clerk.GetAsync("/api/v1/cases?applicant=" + new string('张', 65))) await ShouldBeProblemAsync(r, HttpStatusCode.BadRequest, "applicant");
        using (var r = await clerk.GetAsync("/api/v1/cases?applicant=a%00b")) await ShouldBeProblemAsync(r, HttpStatusCode.BadRequest, "applicant");
        using (var r = await clerk.GetAsync("/api/v1/cases?scope=acceptance&number=QS2026")) await ShouldBeProblemAsync(r, HttpStatusCode.BadRequest, "scope");
        using (var r = await (await As("applicant")).GetAsync("/api/v1/cases?applicant=%E5%BC%A0")) await ShouldBeProblemAsync(r, HttpStatusCode.Forbidden);
        using (var r = await (await As("admin")).GetAsync("/api/v1/cases?applicant=%E5%BC%A0")) r.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task The_search_page_decides_what_was_typed_and_lists_cases_masked_with_one_click_to_open()
    {
        var id = await SubmittedCaseAsync();
        var number = (await GetCaseAsync(await As("clerk"), id)).CaseNumber;
        using var browser = await OneSeal.Tests.Organisation.SignInTestKit.CookieBrowserAsync(App, "clerk");

        var hall = await browser.GetStringAsync("/hall");
        hall.ShouldContain("id=\"case-search-q\"");

        foreach (var (q, kind) in new[] { (number, "办件编号"), (Demo.CitizenId, "证件号码"), ("13807960001", "手机号码"), ("张三", "申请人姓名") })
        {
            var page = WebUtility.HtmlDecode(await browser.GetStringAsync("/hall/search?q=" + Uri.EscapeDataString(q)));
            page.ShouldContain($"按{kind}");
            page.ShouldContain($"href=\"/hall/cases/{id}\"");
            page.ShouldContain("待受理");
            page.ShouldContain("张*");
            page.ShouldNotContain("张三</td>");
        }
        var bad = WebUtility.HtmlDecode(await browser.GetStringAsync("/hall/search?q=360999199003071230"));
        bad.ShouldContain("身份证号码");
        bad.ShouldContain("field-error");
    }
}

[Trait("Provider", "Sqlite")]
public sealed class CaseSearchTests_Sqlite(SqliteApp app) : CaseSearchTests(app), IClassFixture<SqliteApp>;

[Trait("Provider", "Postgres")]
public sealed class CaseSearchTests_Postgres(PostgresApp app) : CaseSearchTests(app), IClassFixture<PostgresApp>;
