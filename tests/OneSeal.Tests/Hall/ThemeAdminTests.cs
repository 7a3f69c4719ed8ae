using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using OneSeal.Hall.Intake;
using OneSeal.Platform.Audit;
using OneSeal.Tests.Api;
using OneSeal.Tests.Infrastructure;

namespace OneSeal.Tests.Hall;

/// <summary>
/// Issue 11 gaps: the system administrator keeps the hall themes and the departments each takes (<c>/api/v1/admin/themes</c>,
/// page <c>/admin/themes</c>); every change audited, bad input a problem naming the field that changes nothing, others refused.
/// </summary>
public abstract class ThemeAdminTests(OneSealFactory app) : CaseApiTestBase(app)
{
    private const string Api = "/api/v1/admin/themes";

    private async Task<JsonElement> SetupAsync() => (await (await As("admin")).GetFromJsonAsync<JsonElement>(Api));

    private Task<int> LinkCountAsync(string code) => InDb(db => db.Set<HallThemeDepartment>().CountAsync(d => d.ThemeCode == code));

    [Fact]
    public async Task The_administrator_adds_a_theme_with_its_departments_and_edits_name_order_and_departments()
    {
        var admin = await As("admin");
        var setup = await SetupAsync();
        var market = setup.GetProperty("themes").EnumerateArray().Single(t => t.GetProperty("code").GetString() == "market");
        market.GetProperty("departments").GetArrayLength().ShouldBeGreaterThan(0);
        var departments = setup.GetProperty("departments").EnumerateArray().Select(d => d.GetProperty("id").GetGuid()).ToList();

        using (var created = await admin.PostAsJsonAsync(Api, new { code = "culture-tourism", name = "文化旅游", sortOrder = 20, departmentIds = departments.Take(2) }))
        {
            await ShouldBeAsync(created, HttpStatusCode.Created);
            var theme = await created.Content.ReadFromJsonAsync<JsonElement>();
            (theme.GetProperty("name").GetString(), theme.GetProperty("sortOrder").GetInt32(), theme.GetProperty("departments").GetArrayLength())
                .ShouldBe(("文化旅游", 20, 2));
        }
        using (var edited = await admin.PutAsJsonAsync($"{Api}/culture-tourism", new { name = "文化和旅游", sortOrder = 9, departmentIds = departments.Skip(1).Take(2) }))
        {
            await ShouldBeAsync(edited, HttpStatusCode.OK);
            (await edited.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("departments").EnumerateArray()
                .Select(d => d.GetProperty("id").GetGuid()).Order().ShouldBe(departments.Skip(1).Take(2).Order());
        }
        // Without departmentIds the departments stay.
        using (var renamed = await admin.PutAsJsonAsync($"{Api}/culture-tourism", new { name = "文旅" })) await ShouldBeAsync(renamed, HttpStatusCode.OK);
        (await LinkCountAsync("culture-tourism")).ShouldBe(2);
        var audit = await InDb(db => db.Set<AuditEntry>().Where(e => e.EntityType == "hall-theme" && e.EntityId == "culture-tourism").OrderBy(e => e.Id).ToListAsync());
        audit.Select(e => e.Action).ShouldBe(["hall-theme.created", "hall-theme.edited", "hall-theme.edited"]);
        audit[1].Detail!.ShouldContain("序号 20 → 9");
        audit[1].Detail!.ShouldContain("增加受理部门");
        audit[1].Detail!.ShouldContain("移除受理部门");

        using var browser = await Organisation.SignInTestKit.CookieBrowserAsync(App, "admin");
        (await browser.GetStringAsync("/admin/themes")).ShouldContain("data-theme=\"culture-tourism\"");
    }

    [Fact]
    public async Task Bad_input_names_the_field_and_changes_nothing_and_only_the_system_administrator_may()
    {
        var admin = await As("admin");
        var themes = await InDb(db => db.Set<OneSeal.Hall.HallTheme>().CountAsync());
        using (var badCode = await admin.PostAsJsonAsync(Api, new { code = "Bad Code", name = "坏编码" }))
            await ShouldBeProblemAsync(badCode, HttpStatusCode.BadRequest, field: "code");
        using (var taken = await admin.PostAsJsonAsync(Api, new { code = "market", name = "另一个" }))
            await ShouldBeProblemAsync(taken, HttpStatusCode.Conflict, rule: "duplicate-code");
        using (var sameName = await admin.PostAsJsonAsync(Api, new { code = "market-2", name = "市场准入" }))
            await ShouldBeProblemAsync(sameName, HttpStatusCode.BadRequest, field: "name", rule: "duplicate");
        using (var noDepartment = await admin.PostAsJsonAsync(Api, new { code = "health", name = "卫生健康", departmentIds = new[] { Guid.NewGuid() } }))
            await ShouldBeProblemAsync(noDepartment, HttpStatusCode.BadRequest, field: "departmentIds[0]", rule: "department");
        using (var order = await admin.PutAsJsonAsync($"{Api}/market", new { name = "市场准入", sortOrder = 5000 }))
            await ShouldBeProblemAsync(order, HttpStatusCode.BadRequest, field: "sortOrder");
        using (var missing = await admin.PutAsJsonAsync($"{Api}/no-such-theme", new { name = "无" }))
            await ShouldBeAsync(missing, HttpStatusCode.NotFound);
        (await InDb(db => db.Set<OneSeal.Hall.HallTheme>().CountAsync())).ShouldBe(themes);

        var before = await LinkCountAsync("market");
        foreach (var who in new[] { "clerk", "secadmin", "winchief" })
        {
            using var refused = await (await As(who)).PutAsJsonAsync($"{Api}/market", new { name = "市场准入", departmentIds = Array.Empty<Guid>() });
            await ShouldBeProblemAsync(refused, HttpStatusCode.Forbidden);
        }
        (await LinkCountAsync("market")).ShouldBe(before);
        using var clerkPage = await Organisation.SignInTestKit.CookieBrowserAsync(App, "clerk");
        (await clerkPage.GetAsync("/admin/themes")).StatusCode.ShouldBeOneOf(HttpStatusCode.Forbidden, HttpStatusCode.Redirect, HttpStatusCode.Found);
    }
}

[Trait("Provider", "Sqlite")]
public sealed class ThemeAdminTests_Sqlite(SqliteApp app) : ThemeAdminTests(app), IClassFixture<SqliteApp>;

[Trait("Provider", "Postgres")]
public sealed class ThemeAdminTests_Postgres(PostgresApp app) : ThemeAdminTests(app), IClassFixture<PostgresApp>;
