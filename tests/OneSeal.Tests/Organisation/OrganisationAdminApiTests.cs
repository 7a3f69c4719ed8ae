using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using OneSeal.Organisation;
using OneSeal.Platform.Audit;
using OneSeal.Tests.Api;
using OneSeal.Tests.Infrastructure;
using static OneSeal.Tests.Organisation.SignInTestKit;

namespace OneSeal.Tests.Organisation;

/// <summary>
/// Issue 10 §1 and §4 (windows), through the API: the system administrator keeps the organisation tree, the region tree
/// and the hall's windows; bad input names its field and changes nothing; every change is audited; no other role may.
/// </summary>
public abstract class OrganisationAdminApiTests(OneSealFactory app) : CaseApiTestBase(app)
{
    private const string Organisations = "/api/v1/admin/organisations";
    private const string Windows = "/api/v1/admin/windows";
    private const string County = "360999000000";

    // ------------------------------------------------------------------ organisations

    [Fact]
    public async Task The_tree_shows_the_demo_county_with_its_service_centre_hall_and_service_points()
    {
        var tree = await TreeAsync();
        var bureau = tree.Single(n => n.GetProperty("code").GetString() == "XZSPJ");
        bureau.GetProperty("depth").GetInt32().ShouldBe(0);
        var centre = tree.Single(n => n.GetProperty("code").GetString() == "ZWFWZX");
        centre.GetProperty("parentId").GetGuid().ShouldBe(bureau.GetProperty("id").GetGuid());
        var hall = tree.Single(n => n.GetProperty("code").GetString() == "ZWFWZX-DT");
        (hall.GetProperty("kindLabel").GetString(), hall.GetProperty("depth").GetInt32()).ShouldBe(("大厅（分厅）", 2));
        var point = tree.Single(n => n.GetProperty("code").GetString() == "QSZ-BMFW");
        point.GetProperty("regionName").GetString().ShouldBe("青山镇");
        // Agencies entered with the county's 6-digit code read as the county.
        bureau.GetProperty("regionCode").GetString().ShouldBe(County);

        var regions = (await (await As("admin")).GetFromJsonAsync<List<JsonElement>>("/api/v1/admin/regions"))!;
        regions.Select(r => r.GetProperty("code").GetString()).ShouldContain("360999100201");
        regions.First().GetProperty("level").GetString().ShouldBe("County");
    }

    [Fact]
    public async Task A_department_and_its_section_are_created_renamed_moved_and_closed_each_audited()
    {
        var admin = await As("admin");
        var dept = await CreateAsync(new { code = Unique("D"), name = "青山县数据局", kind = "Department", uscc = "11360999MB1962904K", phone = "0796-7239001", regionCode = County });
        var section = await CreateAsync(new { code = Unique("S"), name = "数据审批股", kind = "Section", parentId = dept, regionCode = County });

        using (var put = await admin.PutAsJsonAsync($"{Organisations}/{section}", new { name = "数据资源审批股", shortName = "数据股", phone = "13807961234", regionCode = County }))
        {
            await ShouldBeAsync(put, HttpStatusCode.OK);
            var body = await put.Content.ReadFromJsonAsync<JsonElement>();
            (body.GetProperty("name").GetString(), body.GetProperty("shortName").GetString()).ShouldBe(("数据资源审批股", "数据股"));
        }
        var market = (await TreeAsync()).Single(n => n.GetProperty("code").GetString() == "SCJGJ").GetProperty("id").GetGuid();
        using (var move = await admin.PostAsJsonAsync($"{Organisations}/{section}/move", new { parentId = market }))
        {
            await ShouldBeAsync(move, HttpStatusCode.OK);
            (await move.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("parentId").GetGuid().ShouldBe(market);
        }
        using (var close = await admin.PostAsJsonAsync($"{Organisations}/{section}/close", new { reason = "青编发〔2026〕3号" }))
        {
            await ShouldBeAsync(close, HttpStatusCode.OK);
            (await close.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("closed").GetBoolean().ShouldBeTrue();
        }
        // Closed, not deleted: still in the tree; and it takes no more edits.
        (await TreeAsync()).ShouldContain(n => n.GetProperty("id").GetGuid() == section);
        using (var again = await admin.PutAsJsonAsync($"{Organisations}/{section}", new { name = "再改", regionCode = County }))
            await ShouldBeProblemAsync(again, HttpStatusCode.Conflict, rule: "closed");

        var actions = await InDb(db => db.Set<AuditEntry>().Where(a => a.EntityType == "organisation" && a.EntityId == section.ToString())
            .OrderBy(a => a.Id).Select(a => a.Action).ToListAsync());
        actions.ShouldBe(["organisation.created", "organisation.edited", "organisation.moved", "organisation.closed"]);
        (await InDb(db => db.Set<AuditEntry>().CountAsync(a => a.Action == "organisation.created" && a.EntityId == dept.ToString()))).ShouldBe(1);
    }

    [Fact]
    public async Task Bad_fields_are_refused_each_named_with_its_rule_and_nothing_is_created()
    {
        var before = await InDb(db => db.Set<Agency>().CountAsync());
        await ShouldFailAsync(new { code = Unique("X"), name = "甲", kind = "Department", uscc = "11360999MB19629040", regionCode = County }, "uscc", "uscc");
        await ShouldFailAsync(new { code = Unique("X"), name = "甲", kind = "Department", phone = "12345", regionCode = County }, "phone", "phone");
        await ShouldFailAsync(new { code = Unique("X"), name = "甲", kind = "Department", regionCode = "360999999000" }, "regionCode", "unknown-region");
        await ShouldFailAsync(new { code = Unique("X"), name = "甲", kind = "Section", regionCode = County }, "parentId", "parent-kind");
        await ShouldFailAsync(new { code = Unique("X"), name = "甲", kind = "Hall", parentId = await IdOfAsync("XZSPJ"), regionCode = County }, "parentId", "parent-kind");
        await ShouldFailAsync(new { code = Unique("X"), name = "甲", kind = "ServicePoint", regionCode = County }, "regionCode", "service-point-region");
        await ShouldFailAsync(new { code = "XZSPJ", name = "甲", kind = "Department", regionCode = County }, "code", "duplicate");
        await ShouldFailAsync(new { code = Unique("X"), name = " ", kind = "Ministry", regionCode = County }, "name", "required");
        await ShouldFailAsync(new { code = Unique("X"), name = "甲", kind = "7", regionCode = County }, "kind", "unknown");
        await ShouldFailAsync(new { code = Unique("X"), name = new string('长', 129), kind = "Department", regionCode = County }, "name", "max-length");
        (await InDb(db => db.Set<Agency>().CountAsync())).ShouldBe(before);
    }

    [Fact]
    public async Task A_move_that_would_make_a_cycle_is_refused()
    {
        var admin = await As("admin");
        var centre = await IdOfAsync("ZWFWZX");
        var town = await CreateAsync(new { code = Unique("P"), name = "石门镇便民服务中心", kind = "ServicePoint", parentId = centre, regionCode = "360999101000" });
        var village = await CreateAsync(new { code = Unique("P"), name = "石门村代办点", kind = "ServicePoint", parentId = town, regionCode = "360999101201" });

        using (var cycle = await admin.PostAsJsonAsync($"{Organisations}/{town}/move", new { parentId = village }))
            FieldRule(await ShouldBeProblemAsync(cycle, HttpStatusCode.BadRequest, field: "parentId"), "parentId").ShouldBe("cycle");
        using (var self = await admin.PostAsJsonAsync($"{Organisations}/{town}/move", new { parentId = town }))
            FieldRule(await ShouldBeProblemAsync(self, HttpStatusCode.BadRequest, field: "parentId"), "parentId").ShouldBe("cycle");
        using (var toTop = await admin.PostAsJsonAsync($"{Organisations}/{village}/move", new { parentId = (Guid?)null }))
            await ShouldBeAsync(toTop, HttpStatusCode.OK);
    }

    [Fact]
    public async Task Closing_is_refused_while_open_children_staff_or_windows_remain()
    {
        var admin = await As("admin");
        using (var bureau = await admin.PostAsJsonAsync($"{Organisations}/{await IdOfAsync("XZSPJ")}/close", new { reason = "试" }))
            await ShouldBeProblemAsync(bureau, HttpStatusCode.Conflict, rule: "open-children");

        var section = await CreateAsync(new { code = Unique("S"), name = "有人的科室", kind = "Section", parentId = await IdOfAsync("XZSPJ"), regionCode = County });
        var username = await NewStaffAsync(App);
        await InDb(async db => { (await db.Set<Account>().SingleAsync(a => a.Username == username)).OrganisationId = section; await db.SaveChangesAsync(); });
        using (var staffed = await admin.PostAsJsonAsync($"{Organisations}/{section}/close", new { reason = "试" }))
            await ShouldBeProblemAsync(staffed, HttpStatusCode.Conflict, rule: "active-staff");

        var hall = await CreateAsync(new { code = Unique("H"), name = "不动产分厅", kind = "Hall", parentId = await IdOfAsync("ZWFWZX"), regionCode = County });
        var window = await CreateWindowAsync(new { hallId = hall, number = "F01", name = "不动产窗口", kind = "Result" });
        using (var withWindow = await admin.PostAsJsonAsync($"{Organisations}/{hall}/close", new { reason = "合并" }))
            await ShouldBeProblemAsync(withWindow, HttpStatusCode.Conflict, rule: "in-use");
        using (var closeWindow = await admin.PostAsJsonAsync($"{Windows}/{window}/close", new { reason = "合并" }))
            await ShouldBeAsync(closeWindow, HttpStatusCode.OK);
        using (var now = await admin.PostAsJsonAsync($"{Organisations}/{hall}/close", new { }))
            await ShouldBeProblemAsync(now, HttpStatusCode.BadRequest, field: "reason");
        using (var closed = await admin.PostAsJsonAsync($"{Organisations}/{hall}/close", new { reason = "并入政务大厅" }))
            await ShouldBeAsync(closed, HttpStatusCode.OK);
    }

    [Fact]
    public async Task Regions_are_added_under_a_registered_parent_only()
    {
        var admin = await As("admin");
        using (var town = await admin.PostAsJsonAsync("/api/v1/admin/regions", new { code = "360999102000", name = "龙潭镇" }))
        {
            await ShouldBeAsync(town, HttpStatusCode.Created);
            (await town.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("level").GetString().ShouldBe("Township");
        }
        using (var village = await admin.PostAsJsonAsync("/api/v1/admin/regions", new { code = "360999102201", name = "龙潭村" }))
            await ShouldBeAsync(village, HttpStatusCode.Created);
        using (var orphan = await admin.PostAsJsonAsync("/api/v1/admin/regions", new { code = "360999103201", name = "无主村" }))
            FieldRule(await ShouldBeProblemAsync(orphan, HttpStatusCode.BadRequest, field: "code"), "code").ShouldBe("parent-missing");
        using (var malformed = await admin.PostAsJsonAsync("/api/v1/admin/regions", new { code = "3609991", name = "错" }))
            FieldRule(await ShouldBeProblemAsync(malformed, HttpStatusCode.BadRequest, field: "code"), "code").ShouldBe("region-code");
        (await InDb(db => db.Set<AuditEntry>().CountAsync(a => a.Action == "region.created" && a.EntityId == "360999102201"))).ShouldBe(1);
    }

    // ------------------------------------------------------------------ windows

    [Fact]
    public async Task The_demo_hall_has_its_windows_with_themes_department_and_posts()
    {
        var windows = (await (await As("admin")).GetFromJsonAsync<List<JsonElement>>($"{Windows}?hallId={await IdOfAsync("ZWFWZX-DT")}"))!;
        // Other tests of this class add windows to the same hall; the demo's six are there in any case.
        new[] { "A01", "A02", "C01", "D01", "E01", "Q01" }.ShouldBeSubsetOf(windows.Select(w => w.GetProperty("number").GetString()!));
        var a01 = windows.Single(w => w.GetProperty("number").GetString() == "A01");
        a01.GetProperty("themeNames").EnumerateArray().Select(t => t.GetString()).ShouldContain("市场准入");
        (a01.GetProperty("aPostName").GetString(), a01.GetProperty("bPostName").GetString()).ShouldBe(("李窗口", "王窗口"));
        var e01 = windows.Single(w => w.GetProperty("number").GetString() == "E01");
        (e01.GetProperty("kind").GetString(), e01.GetProperty("departmentName").GetString()).ShouldBe(("Department", "青山县市场监督管理局"));
    }

    [Fact]
    public async Task A_window_is_created_edited_and_closed_each_audited()
    {
        var admin = await As("admin");
        var hall = await IdOfAsync("ZWFWZX-DT");
        var (clerk, clerk2, chief) = (await AccountIdAsync("clerk"), await AccountIdAsync("clerk2"), await AccountIdAsync("chief"));
        var id = await CreateWindowAsync(new { hallId = hall, number = "a09", name = "综合受理九号窗口", zone = "综合受理区", kind = "Comprehensive", themes = new[] { "police", "social-security" }, aPostId = clerk, bPostId = clerk2 });

        using (var put = await admin.PutAsJsonAsync($"{Windows}/{id}", new { hallId = hall, number = "A09", name = "公安社保综合窗口", kind = "Comprehensive", themes = new[] { "police" }, aPostId = clerk, bPostId = chief }))
        {
            await ShouldBeAsync(put, HttpStatusCode.OK);
            var w = await put.Content.ReadFromJsonAsync<JsonElement>();
            (w.GetProperty("number").GetString(), w.GetProperty("name").GetString(), w.GetProperty("bPostName").GetString()).ShouldBe(("A09", "公安社保综合窗口", "钱科长"));
            w.GetProperty("themes").EnumerateArray().Select(t => t.GetString()).ShouldBe(["police"]);
        }
        // A number is unique among the hall's open windows; once closed it may be used again.
        using (var twin = await admin.PostAsJsonAsync(Windows, new { hallId = hall, number = "A09", name = "重号", kind = "Enquiry" }))
            FieldRule(await ShouldBeProblemAsync(twin, HttpStatusCode.BadRequest, field: "number"), "number").ShouldBe("duplicate");
        using (var close = await admin.PostAsJsonAsync($"{Windows}/{id}/close", new { reason = "窗口调整" }))
            (await close.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("closed").GetBoolean().ShouldBeTrue();
        using (var again = await admin.PostAsJsonAsync($"{Windows}/{id}/close", new { }))
            await ShouldBeProblemAsync(again, HttpStatusCode.Conflict, rule: "closed");
        await CreateWindowAsync(new { hallId = hall, number = "A09", name = "新九号窗口", kind = "Enquiry" });

        var actions = await InDb(db => db.Set<AuditEntry>().Where(a => a.EntityType == "window" && a.EntityId == id.ToString())
            .OrderBy(a => a.Id).Select(a => a.Action).ToListAsync());
        actions.ShouldBe(["window.created", "window.edited", "window.closed"]);
    }

    [Fact]
    public async Task Bad_windows_are_refused_naming_the_field()
    {
        var hall = await IdOfAsync("ZWFWZX-DT");
        var (clerk, dept, applicant) = (await AccountIdAsync("clerk"), await AccountIdAsync("dept"), await AccountIdAsync("applicant"));
        var before = await InDb(db => db.Set<OneSeal.Hall.Window>().CountAsync());
        await ShouldFailWindowAsync(new { hallId = hall, number = "Z01", name = "甲", kind = "Comprehensive" }, "themes", "required");
        await ShouldFailWindowAsync(new { hallId = hall, number = "Z01", name = "甲", kind = "Comprehensive", themes = new[] { "astrology" } }, "themes", "unknown-theme");
        await ShouldFailWindowAsync(new { hallId = hall, number = "Z01", name = "甲", kind = "Department" }, "departmentId", "required");
        await ShouldFailWindowAsync(new { hallId = hall, number = "Z01", name = "甲", kind = "Department", departmentId = await IdOfAsync("XZSPJ") }, "departmentId", "not-a-department");
        await ShouldFailWindowAsync(new { hallId = await IdOfAsync("XZSPJ"), number = "Z01", name = "甲", kind = "Fee" }, "hallId", "not-a-hall");
        await ShouldFailWindowAsync(new { hallId = hall, number = "Z 01", name = "甲", kind = "Fee" }, "number", "format");
        await ShouldFailWindowAsync(new { hallId = hall, number = "Z01", name = "甲", kind = "Fee", aPostId = clerk, bPostId = clerk }, "bPostId", "same-person");
        await ShouldFailWindowAsync(new { hallId = hall, number = "Z01", name = "甲", kind = "Fee", bPostId = clerk }, "bPostId", "b-without-a");
        await ShouldFailWindowAsync(new { hallId = hall, number = "Z01", name = "甲", kind = "Fee", aPostId = applicant }, "aPostId", "not-staff");
        // The market regulator's staff serve its department window, not the bureau's result window; and the other way round.
        await ShouldFailWindowAsync(new { hallId = hall, number = "Z01", name = "甲", kind = "Result", aPostId = dept }, "aPostId", "organisation");
        await ShouldFailWindowAsync(new { hallId = hall, number = "Z01", name = "甲", kind = "Department", departmentId = await IdOfAsync("SCJGJ"), aPostId = clerk }, "aPostId", "organisation");
        (await InDb(db => db.Set<OneSeal.Hall.Window>().CountAsync())).ShouldBe(before);
    }

    // ------------------------------------------------------------------ who may

    [Theory]
    [InlineData("clerk")]
    [InlineData(OneSeal.Organisation.Roles.SecurityAdmin)]
    [InlineData(OneSeal.Organisation.Roles.AuditAdmin)]
    public async Task Only_the_system_administrator_reads_or_changes_organisations_regions_and_windows(string who)
    {
        var client = who == "clerk" ? await As("clerk") : await ClientFor(await NewStaffAsync(App, who));
        var hall = await IdOfAsync("ZWFWZX-DT");
        var someWindow = await InDb(db => db.Set<OneSeal.Hall.Window>().Select(w => w.Id).FirstAsync());
        var before = await InDb(db => db.Set<AuditEntry>().CountAsync(a => a.EntityType == "organisation" || a.EntityType == "window" || a.EntityType == "region"));
        HttpResponseMessage[] responses =
        [
            await client.GetAsync(Organisations),
            await client.PostAsJsonAsync(Organisations, new { code = Unique("F"), name = "越权", kind = "Department", regionCode = County }),
            await client.PutAsJsonAsync($"{Organisations}/{hall}", new { name = "越权", regionCode = County }),
            await client.PostAsJsonAsync($"{Organisations}/{hall}/move", new { parentId = (Guid?)null }),
            await client.PostAsJsonAsync($"{Organisations}/{hall}/close", new { reason = "越权" }),
            await client.GetAsync("/api/v1/admin/regions"),
            await client.PostAsJsonAsync("/api/v1/admin/regions", new { code = "360999300000", name = "越权乡" }),
            await client.GetAsync(Windows),
            await client.PostAsJsonAsync(Windows, new { hallId = hall, number = "X01", name = "越权", kind = "Fee" }),
            await client.PutAsJsonAsync($"{Windows}/{someWindow}", new { hallId = hall, number = "X01", name = "越权", kind = "Fee" }),
            await client.PostAsJsonAsync($"{Windows}/{someWindow}/close", new { }),
        ];
        foreach (var r in responses)
            using (r)
            {
                // The audit administrator's writes are stopped before the endpoint, by the three-administrators guard.
                var auditorWrite = who == OneSeal.Organisation.Roles.AuditAdmin && r.RequestMessage!.Method != HttpMethod.Get;
                await ShouldBeProblemAsync(r, HttpStatusCode.Forbidden, rule: auditorWrite ? "three-administrators" : "role");
            }
        (await InDb(db => db.Set<AuditEntry>().CountAsync(a => a.EntityType == "organisation" || a.EntityType == "window" || a.EntityType == "region"))).ShouldBe(before);
    }

    // ------------------------------------------------------------------ helpers

    private async Task<List<JsonElement>> TreeAsync() =>
        (await (await As("admin")).GetFromJsonAsync<List<JsonElement>>(Organisations))!;

    private Task<Guid> IdOfAsync(string code) => InDb(db => db.Set<Agency>().Where(a => a.Code == code).Select(a => a.Id).SingleAsync());

    private async Task<Guid> CreateAsync(object body)
    {
        using var response = await (await As("admin")).PostAsJsonAsync(Organisations, body);
        await ShouldBeAsync(response, HttpStatusCode.Created);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    private async Task<Guid> CreateWindowAsync(object body)
    {
        using var response = await (await As("admin")).PostAsJsonAsync(Windows, body);
        await ShouldBeAsync(response, HttpStatusCode.Created);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    private async Task ShouldFailAsync(object body, string field, string rule)
    {
        using var response = await (await As("admin")).PostAsJsonAsync(Organisations, body);
        FieldRule(await ShouldBeProblemAsync(response, HttpStatusCode.BadRequest, field: field), field).ShouldBe(rule);
    }

    private async Task ShouldFailWindowAsync(object body, string field, string rule)
    {
        using var response = await (await As("admin")).PostAsJsonAsync(Windows, body);
        FieldRule(await ShouldBeProblemAsync(response, HttpStatusCode.BadRequest, field: field), field).ShouldBe(rule);
    }

    /// <summary>The rule a field broke: problem+json <c>rules</c> when several fields are checked at once, else <c>rule</c>.</summary>
    private static string? FieldRule(JsonElement problem, string field) =>
        problem.TryGetProperty("rules", out var rules) && rules.TryGetProperty(field, out var r) ? r[0].GetString() : problem.GetProperty("rule").GetString();
}

[Trait("Provider", "Sqlite")]
public sealed class OrganisationAdminApiTests_Sqlite(SqliteApp app) : OrganisationAdminApiTests(app), IClassFixture<SqliteApp>;

[Trait("Provider", "Postgres")]
public sealed class OrganisationAdminApiTests_Postgres(PostgresApp app) : OrganisationAdminApiTests(app), IClassFixture<PostgresApp>;
