using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using OneSeal.Organisation;
using OneSeal.Tests.Api;
using OneSeal.Tests.Infrastructure;
using static OneSeal.Tests.Organisation.SignInTestKit;

namespace OneSeal.Tests.Organisation;

/// <summary>
/// Issue 10, 三员分立: the system administrator cannot read the audit trail, the audit administrator reads and verifies it
/// and changes nothing else, the security administrator never reaches a case, and no account holds two of the three.
/// </summary>
public abstract class ThreeAdministratorsTests(OneSealFactory app) : CaseApiTestBase(app)
{
    /// <summary>Who may read the audit trail, through the API and the page.</summary>
    public static TheoryData<string, bool> AuditReaders() => new()
    {
        { "auditor", true }, { "admin", false }, { "secadmin", false }, { "monitor", false }, { "clerk", false }, { "chief", false },
    };

    [Theory]
    [MemberData(nameof(AuditReaders))]
    public async Task Only_the_audit_administrator_reads_and_verifies_the_audit_trail(string who, bool allowed)
    {
        var client = await As(who);
        using (var search = await client.GetAsync("/api/v1/audit"))
            search.StatusCode.ShouldBe(allowed ? HttpStatusCode.OK : HttpStatusCode.Forbidden, $"{who} GET /api/v1/audit");
        using (var verify = await client.PostAsync("/api/v1/audit/verify", null))
            verify.StatusCode.ShouldBe(allowed ? HttpStatusCode.OK : HttpStatusCode.Forbidden, $"{who} POST /api/v1/audit/verify");

        using var browser = await CookieBrowserAsync(App, who);
        using var page = await browser.GetAsync("/admin/audit");
        if (allowed) page.StatusCode.ShouldBe(HttpStatusCode.OK);
        else Refused(page).ShouldBeTrue($"{who} GET /admin/audit → {(int)page.StatusCode} {page.Headers.Location}");
    }

    [Fact]
    public async Task The_audit_administrator_is_refused_every_write_endpoint_the_API_lists()
    {
        var auditor = await As("auditor");
        var (writes, multipart) = await WriteOperationsAsync();
        // The table must not pass vacuously: the catalog, calendar, transfers, cases, certificates and seals are in it.
        foreach (var expected in new[] { "POST /api/v1/items", "PUT /api/v1/calendar/years/{year}", "POST /api/v1/calendar/closures",
                     "POST /api/v1/transfers", "POST /api/v1/cases", "POST /api/v1/cases/{id}/accept", "POST /api/v1/cases/{id}/decide",
                     "POST /api/v1/certificates/{number}/revoke", "POST /api/v1/admin/seals", "POST /api/v1/admin/seals/{id}/rotate",
                     "POST /api/v1/catalog/import" })
            writes.ShouldContain(expected);
        var failures = new List<string>();
        foreach (var op in writes)
        {
            var (method, path) = (op.Split(' ')[0], op.Split(' ')[1]);
            HttpContent body = multipart.Contains(op) ? new MultipartFormDataContent { { new ByteArrayContent([1]), "file", "x.png" } } : JsonContent.Create(new { });
            using var request = new HttpRequestMessage(new HttpMethod(method), Concrete(path)) { Content = body };
            using var response = await auditor.SendAsync(request);
            if (response.StatusCode != HttpStatusCode.Forbidden) failures.Add($"{op} → {(int)response.StatusCode}");
            else (await response.Content.ReadAsStringAsync()).ShouldContain("安全审计员");
        }
        failures.ShouldBeEmpty();
    }

    [Fact]
    public async Task The_audit_administrator_is_refused_editing_staff_and_nothing_changes()
    {
        var auditor = await As("auditor");
        var clerkName = await NewStaffAsync(App);
        var clerkId = await AccountIdAsync(clerkName);
        var bureau = await InDb(db => db.Set<Agency>().Where(a => a.Code == "XZSPJ").Select(a => a.Id).SingleAsync());
        const string staff = "/api/v1/admin/staff";

        var attempts = new (string What, Func<Task<HttpResponseMessage>> Send)[]
        {
            ("create", () => auditor.PostAsJsonAsync(staff, new { username = Unique("a"), displayName = "审计新建", organisationId = bureau, roles = new[] { Roles.Clerk }, password = "Qingshan#Hall2026" })),
            ("edit", () => auditor.PutAsJsonAsync($"{staff}/{clerkId}", new { displayName = "审计改名" })),
            ("roles", () => auditor.PutAsJsonAsync($"{staff}/{clerkId}/roles", new { roles = new[] { Roles.Reviewer } })),
            ("disable", () => auditor.PostAsync($"{staff}/{clerkId}/disable", null)),
        };
        foreach (var (what, send) in attempts)
        {
            using var response = await send();
            response.StatusCode.ShouldBe(HttpStatusCode.Forbidden, $"auditor {what} staff");
        }
        var clerk = await InDb(db => db.Set<Account>().Include(a => a.Roles).AsNoTracking().SingleAsync(a => a.Id == clerkId));
        (clerk.DisplayName, clerk.Disabled, clerk.Roles.Single().Role).ShouldBe(("测试人员", false, Roles.Clerk));
        (await InDb(db => db.Set<Account>().AnyAsync(a => a.DisplayName == "审计新建"))).ShouldBeFalse();

        using var browser = await CookieBrowserAsync(App, "auditor");
        using var page = await browser.GetAsync("/admin/staff");
        Refused(page).ShouldBeTrue($"auditor GET /admin/staff → {(int)page.StatusCode}");
    }

    [Fact]
    public async Task The_audit_administrator_posts_no_page_form_but_the_audit_page()
    {
        using var browser = await CookieBrowserAsync(App, "auditor");
        var token = await FormTokenAsync(browser, "/admin/audit");
        foreach (var path in new[] { "/admin/calendar?handler=Closure", "/admin/seals?handler=Create", "/hall", "/admin/documents?handler=Retry" })
        {
            using var response = await browser.PostAsync(path, new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));
            Refused(response).ShouldBeTrue($"auditor POST {path} → {(int)response.StatusCode}");
        }
        using var verify = await browser.PostAsync("/admin/audit", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));
        verify.StatusCode.ShouldBe(HttpStatusCode.Redirect);
    }

    [Fact]
    public async Task The_security_administrator_reaches_no_case_and_no_audit_trail()
    {
        var id = await SubmittedCaseAsync();
        var secadmin = await As("secadmin");
        foreach (var (method, path) in new[]
                 {
                     ("GET", "/api/v1/cases?scope=acceptance"), ("GET", $"/api/v1/cases/{id}"), ("GET", $"/api/v1/cases/{id}/deadline"),
                     ("POST", $"/api/v1/cases/{id}/accept"), ("POST", "/api/v1/cases"), ("GET", $"/api/v1/cases/{id}/notices"),
                     ("GET", "/api/v1/audit"), ("POST", "/api/v1/audit/verify"),
                 })
        {
            using var request = new HttpRequestMessage(new HttpMethod(method), path) { Content = method == "POST" ? JsonContent.Create(new { }) : null };
            using var response = await secadmin.SendAsync(request);
            response.StatusCode.ShouldBe(HttpStatusCode.Forbidden, $"secadmin {method} {path}");
        }
        using var browser = await CookieBrowserAsync(App, "secadmin");
        foreach (var path in new[] { "/hall", "/office", $"/hall/cases/{id}", $"/office/cases/{id}", "/admin/audit", "/admin/seals", "/admin/catalog" })
        {
            using var response = await browser.GetAsync(path);
            Refused(response).ShouldBeTrue($"secadmin GET {path} → {(int)response.StatusCode} {response.Headers.Location}");
        }
    }

    /// <summary>No account may hold two of the three administrators' roles, nor one with a business role.</summary>
    public static TheoryData<string[]> BrokenSeparations() => new()
    {
        new[] { Roles.Admin, Roles.AuditAdmin }, new[] { Roles.Admin, Roles.SecurityAdmin }, new[] { Roles.SecurityAdmin, Roles.AuditAdmin },
        new[] { Roles.Admin, Roles.SecurityAdmin, Roles.AuditAdmin }, new[] { Roles.AuditAdmin, Roles.Clerk }, new[] { Roles.SecurityAdmin, Roles.Chief },
    };

    [Theory]
    [MemberData(nameof(BrokenSeparations))]
    public async Task An_account_given_two_administrator_roles_is_refused(string[] roles)
    {
        Roles.SeparationProblem(roles).ShouldNotBeNull();
        // Given them anyway (straight into the database), it acts on nothing, with the reason in Chinese.
        var username = await NewStaffAsync(App, roles[0]);
        await ApiApps.GrantRolesAsync(App, username, roles[1..]);
        var client = await As(username);
        foreach (var path in new[] { "/api/v1/audit", "/api/v1/admin/seals", "/api/v1/catalog/stats" })
        {
            using var response = await client.GetAsync(path);
            response.StatusCode.ShouldBe(HttpStatusCode.Forbidden, $"{string.Join('+', roles)} GET {path}");
            var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
            body.GetProperty("detail").GetString()!.ShouldBe(Roles.SeparationProblem(roles));
        }
    }

    [Fact]
    public void Each_administrator_alone_keeps_the_separation() =>
        Roles.Administrators.ShouldAllBe(r => Roles.SeparationProblem(new[] { r }) == null);

    [Fact]
    public async Task The_demo_has_the_three_administrators_each_with_one_role()
    {
        foreach (var (who, role, name) in new[] { ("admin", Roles.Admin, "吴管理员"), ("secadmin", Roles.SecurityAdmin, "冯安全"), ("auditor", Roles.AuditAdmin, "陈审计") })
        {
            var roles = await InDb(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.ToListAsync(
                db.Set<Account>().Where(a => a.Username == who).SelectMany(a => a.Roles.Select(r => r.Role))));
            roles.ShouldBe([role]);
            (await InDb(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.SingleAsync(
                db.Set<Account>().Where(a => a.Username == who).Select(a => a.DisplayName)))).ShouldBe(name);
        }
    }

    [Fact]
    public async Task The_auditor_searches_the_trail_by_actor_case_action_and_date_and_verifies_it()
    {
        var id = await AcceptedCaseAsync();
        var caseNumber = (await GetCaseAsync(await As("applicant"), id)).CaseNumber;
        var auditor = await As("auditor");

        var byActor = await SearchAsync(auditor, "actor=李窗口");
        byActor.GetProperty("rows").EnumerateArray().ShouldNotBeEmpty();
        byActor.GetProperty("rows").EnumerateArray().ShouldAllBe(r => r.GetProperty("actorDisplayName").GetString() == "李窗口");
        byActor.GetProperty("rows").EnumerateArray().ShouldContain(r => r.GetProperty("action").GetString() == "case.accepted"
            && r.GetProperty("entityName").GetString() == caseNumber);

        var byCase = (await SearchAsync(auditor, $"entity={caseNumber}")).GetProperty("rows").EnumerateArray().ToList();
        byCase.Select(r => r.GetProperty("action").GetString()).ShouldContain("case.create");
        byCase.Select(r => r.GetProperty("action").GetString()).ShouldContain("case.accepted");
        byCase.ShouldAllBe(r => r.GetProperty("entityId").GetString() == id.ToString());

        var accepted = (await SearchAsync(auditor, $"entity={caseNumber}&action=case.accepted")).GetProperty("rows").EnumerateArray().ToList();
        accepted.Count.ShouldBe(1);
        accepted[0].GetProperty("actorUsername").GetString().ShouldBe("clerk");
        (await SearchAsync(auditor, $"entity={caseNumber}&action=case")).GetProperty("rows").GetArrayLength().ShouldBe(byCase.Count);

        var today = OneSeal.Platform.Time.LegalDates.Today(TimeProvider.System).ToString("yyyy-MM-dd");
        (await SearchAsync(auditor, $"entity={caseNumber}&from={today}&to={today}")).GetProperty("rows").GetArrayLength().ShouldBe(byCase.Count);
        (await SearchAsync(auditor, $"entity={caseNumber}&to=2020-01-01")).GetProperty("rows").GetArrayLength().ShouldBe(0);

        var paged = await SearchAsync(auditor, "page=1");
        paged.GetProperty("pageSize").GetInt32().ShouldBe(50);

        foreach (var (query, field) in new[] { ("from=2026-13-01", "from"), ("to=yesterday", "to"), ("from=2026-05-02&to=2026-05-01", "to"),
                     ("page=0", "page"), ("from=0001-01-01", "from"), ("to=9999-12-31", "to"), ($"actor={new string('张', 65)}", "actor") })
        {
            using var bad = await auditor.GetAsync($"/api/v1/audit?{query}");
            bad.StatusCode.ShouldBe(HttpStatusCode.BadRequest, query);
            JsonDocument.Parse(await bad.Content.ReadAsStringAsync()).RootElement.GetProperty("errors").TryGetProperty(field, out _).ShouldBeTrue(query);
        }

        using var verify = await auditor.PostAsync("/api/v1/audit/verify", null);
        verify.StatusCode.ShouldBe(HttpStatusCode.OK);
        var run = JsonDocument.Parse(await verify.Content.ReadAsStringAsync()).RootElement;
        run.GetProperty("intact").GetBoolean().ShouldBeTrue();
        run.GetProperty("actorName").GetString().ShouldBe("auditor");
        run.GetProperty("entries").GetInt64().ShouldBeGreaterThan(0);
        (await SearchAsync(auditor, "actor=auditor&action=audit.verified")).GetProperty("rows").GetArrayLength().ShouldBeGreaterThan(0);
    }

    [Fact]
    public async Task The_audit_page_shows_the_search_by_name_without_ids_or_raw_detail()
    {
        var id = await AcceptedCaseAsync();
        var caseNumber = (await GetCaseAsync(await As("applicant"), id)).CaseNumber;
        using var browser = await CookieBrowserAsync(App, "auditor");
        var html = await browser.GetStringAsync($"/admin/audit?entity={Uri.EscapeDataString(caseNumber)}");
        html.ShouldContain("李窗口");
        html.ShouldContain("受理");
        html.ShouldContain(caseNumber);
        html.ShouldNotContain($">{id}<");
        var bad = await browser.GetAsync("/admin/audit?from=not-a-date");
        bad.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await bad.Content.ReadAsStringAsync()).ShouldContain("日期格式应为 yyyy-MM-dd");
    }

    private static async Task<JsonElement> SearchAsync(HttpClient client, string query)
    {
        using var response = await client.GetAsync($"/api/v1/audit?{query}");
        var text = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(HttpStatusCode.OK, text);
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    private static bool Refused(HttpResponseMessage response) =>
        response.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.NotFound
        || (response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location!.ToString().Contains("/account/denied"));

    /// <summary>Every POST, PUT, PATCH and DELETE of the OpenAPI document but those anyone may call (sign-in, public checks, registration).</summary>
    private async Task<(List<string> All, HashSet<string> Multipart)> WriteOperationsAsync()
    {
        using var doc = JsonDocument.Parse(await Anonymous().GetStringAsync("/openapi/v1.json"));
        // Open to everyone (sign-in, verification, registration) or to a signed peer system (the payment platform's callback).
        string[] open = ["/api/v1/auth/", "/api/v1/certificates/verify", "/api/v1/notices/verify", "/api/v1/accounts/", "/api/v1/audit/verify", "/api/v1/payments/callback"];
        var ops = doc.RootElement.GetProperty("paths").EnumerateObject()
            .SelectMany(p => p.Value.EnumerateObject().Select(m => (Op: $"{m.Name.ToUpperInvariant()} {p.Name}", Spec: m.Value.Clone())))
            .Where(x => !x.Op.StartsWith("GET ", StringComparison.Ordinal))
            .Where(x => !open.Any(o => x.Op.Split(' ')[1].StartsWith(o, StringComparison.Ordinal)))
            .ToList();
        // Endpoints that accept only a multipart form are matched by content type: send them one.
        var multipart = ops.Where(x => x.Spec.TryGetProperty("requestBody", out var b) && b.GetProperty("content").TryGetProperty("multipart/form-data", out _)
                && !b.GetProperty("content").TryGetProperty("application/json", out _))
            .Select(x => x.Op).ToHashSet();
        return (ops.Select(x => x.Op).ToList(), multipart);
    }

    /// <summary>A path with its parameters filled so the route matches (ids are GUIDs, years numbers).</summary>
    private static string Concrete(string path) => System.Text.RegularExpressions.Regex.Replace(path, @"\{([^}]+)\}", m =>
        m.Groups[1].Value.Contains("id", StringComparison.OrdinalIgnoreCase) ? Guid.NewGuid().ToString()
        : m.Groups[1].Value == "year" ? "2027" : "QS-XK-003");
}

[Trait("Provider", "Sqlite")]
public sealed class ThreeAdministratorsTests_Sqlite(SqliteApp app) : ThreeAdministratorsTests(app), IClassFixture<SqliteApp>;

[Trait("Provider", "Postgres")]
public sealed class ThreeAdministratorsTests_Postgres(PostgresApp app) : ThreeAdministratorsTests(app), IClassFixture<PostgresApp>;
