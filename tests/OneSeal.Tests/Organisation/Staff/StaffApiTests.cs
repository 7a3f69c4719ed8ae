using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using OneSeal.Organisation;
using OneSeal.Platform.Audit;
using OneSeal.Tests.Api;
using OneSeal.Tests.Infrastructure;
using static OneSeal.Tests.Organisation.SignInTestKit;

namespace OneSeal.Tests.Organisation.Staff;

/// <summary>
/// Issue 10 §2: the system administrator creates, edits, disables and imports staff; only the security administrator
/// changes roles (with data scopes); separation of duties holds per case whatever roles one person holds.
/// </summary>
public abstract class StaffApiTests(OneSealFactory app) : CaseApiTestBase(app)
{
    private const string StrongPassword = "Qingshan#Hall2026";
    private const string Staff = "/api/v1/admin/staff";

    private Task<Guid> OrganisationAsync(string code) =>
        InDb(db => db.Set<Agency>().Where(a => a.Code == code).Select(a => a.Id).SingleAsync());

    private async Task<HttpClient> SecurityAdminAsync() => await ClientFor(await NewStaffAsync(App, Roles.SecurityAdmin));

    private async Task<JsonElement> CreateAsync(string username, params string[] roles)
    {
        using var response = await (await As("admin")).PostAsJsonAsync(Staff, new
        {
            username, displayName = "新同事", organisationId = await OrganisationAsync("XZSPJ"), roles, password = StrongPassword,
            staffNumber = "G" + username[^8..], phone = "13907961234",
        });
        await ShouldBeAsync(response, HttpStatusCode.Created);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private static Task<HttpResponseMessage> SetRolesAsync(HttpClient client, Guid id, params object[] roles) =>
        client.PutAsJsonAsync($"{Staff}/{id}/roles", new { roles });

    private async Task<string> AccessTokenAsync(string username)
    {
        using var response = await PostTokenAsync(App, username, StrongPassword);
        await ShouldBeAsync(response, HttpStatusCode.OK);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString()!;
    }

    private static Guid IdOf(JsonElement staff) => staff.GetProperty("id").GetGuid();

    [Fact]
    public async Task The_administrator_creates_a_staff_member_who_can_sign_in_and_the_trail_says_so()
    {
        var username = Unique("s");
        var created = await CreateAsync(username, Roles.Clerk);
        created.GetProperty("roles")[0].GetProperty("label").GetString().ShouldBe("综合窗口受理人员");
        created.GetProperty("roles")[0].GetProperty("scope").GetString().ShouldBe("organisation");
        created.GetProperty("phoneMasked").GetString().ShouldBe("139****1234");
        created.GetProperty("organisationName").GetString().ShouldNotBeNullOrEmpty();

        (await App.ClientFor(username, StrongPassword)).Dispose();
        var id = IdOf(created).ToString();
        var audit = await InDb(db => db.Set<AuditEntry>().Where(a => a.EntityType == "account" && a.EntityId == id).ToListAsync());
        audit.ShouldContain(a => a.Action == "staff.created" && a.Detail!.Contains("综合窗口受理人员"));

        using var list = await (await As("admin")).GetAsync($"{Staff}?role=clerk&disabled=false&pageSize=100&q={username}");
        await ShouldBeAsync(list, HttpStatusCode.OK);
        var page = await list.Content.ReadFromJsonAsync<JsonElement>();
        page.GetProperty("total").GetInt32().ShouldBe(1);
    }

    [Fact]
    public async Task Bad_accounts_are_refused_with_the_field_and_the_rule_and_nothing_is_written()
    {
        var admin = await As("admin");
        var org = await OrganisationAsync("XZSPJ");
        async Task<JsonElement> Refused(object body, HttpStatusCode status, string? field = null, string? rule = null)
        {
            using var response = await admin.PostAsJsonAsync(Staff, body);
            return await ShouldBeProblemAsync(response, status, field, rule);
        }
        var name = Unique("b");
        var weak = await Refused(new { username = name, displayName = "甲", organisationId = org, roles = new[] { Roles.Clerk }, password = "short" }, HttpStatusCode.BadRequest, "password");
        FieldMessage(weak, "password").ShouldContain("12");
        await Refused(new { username = name, displayName = "甲", organisationId = Guid.NewGuid(), roles = new[] { Roles.Clerk }, password = StrongPassword }, HttpStatusCode.BadRequest, "organisationId");
        await Refused(new { username = name, displayName = "甲", organisationId = org, roles = new[] { "applicant" }, password = StrongPassword }, HttpStatusCode.BadRequest, "roles");
        await Refused(new { username = "admin", displayName = "甲", organisationId = org, roles = new[] { Roles.Clerk }, password = StrongPassword }, HttpStatusCode.BadRequest, "username");
        var two = await Refused(new { username = name, displayName = "甲", roles = new[] { Roles.SecurityAdmin, Roles.AuditAdmin }, password = StrongPassword }, HttpStatusCode.Forbidden, rule: "separation-of-duties");
        two.GetProperty("title").GetString()!.ShouldContain("三员分立");
        await Refused(new { username = name, displayName = "甲", organisationId = org, roles = new[] { Roles.SecurityAdmin, Roles.Clerk }, password = StrongPassword }, HttpStatusCode.Forbidden, rule: "separation-of-duties");
        await Refused(new { username = name, displayName = "甲", roles = new[] { Roles.Admin }, password = StrongPassword }, HttpStatusCode.Forbidden, rule: "administrator-roles");

        using (var bySecurity = await (await SecurityAdminAsync()).PostAsJsonAsync(Staff, new { username = name, displayName = "甲", organisationId = org, roles = new[] { Roles.Clerk }, password = StrongPassword }))
            await ShouldBeProblemAsync(bySecurity, HttpStatusCode.Forbidden, rule: "role");
        using (var byClerk = await (await As("clerk")).GetAsync(Staff))
            await ShouldBeProblemAsync(byClerk, HttpStatusCode.Forbidden, rule: "role");
        (await InDb(db => db.Set<Account>().AnyAsync(a => a.Username == name))).ShouldBeFalse();
    }

    [Fact]
    public async Task The_administrator_creates_the_security_administrator_without_an_organisation()
    {
        var username = Unique("sec");
        using var response = await (await As("admin")).PostAsJsonAsync(Staff, new { username, displayName = "安全管理员", roles = new[] { Roles.SecurityAdmin }, password = StrongPassword });
        await ShouldBeAsync(response, HttpStatusCode.Created);
        using var list = await (await App.ClientFor(username, StrongPassword)).GetAsync(Staff);
        await ShouldBeAsync(list, HttpStatusCode.OK);
    }

    [Fact]
    public async Task The_administrator_edits_name_staff_number_and_phone_and_staff_numbers_stay_unique()
    {
        var first = await CreateAsync(Unique("e"), Roles.Clerk);
        var second = await CreateAsync(Unique("e"), Roles.Clerk);
        var admin = await As("admin");
        var number = "N" + Unique()[^8..];
        using (var edit = await admin.PutAsJsonAsync($"{Staff}/{IdOf(first)}", new { displayName = "改名后", organisationId = await OrganisationAsync("XZSPJ"), staffNumber = number, phone = "0796-8200999" }))
            await ShouldBeAsync(edit, HttpStatusCode.NoContent);
        var read = await (await admin.GetAsync($"{Staff}/{IdOf(first)}")).Content.ReadFromJsonAsync<JsonElement>();
        (read.GetProperty("displayName").GetString(), read.GetProperty("staffNumber").GetString()).ShouldBe(("改名后", number));

        using var clash = await admin.PutAsJsonAsync($"{Staff}/{IdOf(second)}", new { displayName = "乙", organisationId = await OrganisationAsync("XZSPJ"), staffNumber = number });
        await ShouldBeProblemAsync(clash, HttpStatusCode.BadRequest, "staffNumber");
    }

    [Fact]
    public async Task Only_the_security_administrator_changes_roles_and_the_old_sessions_end()
    {
        var username = Unique("r");
        var id = IdOf(await CreateAsync(username, Roles.Clerk));
        var staffToken = await AccessTokenAsync(username);
        using var staff = Bearer(App, staffToken);
        (await staff.GetAsync("/api/v1/cases?scope=acceptance")).StatusCode.ShouldBe(HttpStatusCode.OK);

        using (var byAdmin = await SetRolesAsync(await As("admin"), id, new { role = Roles.Clerk }, new { role = Roles.Reviewer }))
            await ShouldBeProblemAsync(byAdmin, HttpStatusCode.Forbidden, rule: "role");

        var security = await SecurityAdminAsync();
        using (var twoAdmins = await SetRolesAsync(security, id, new { role = Roles.SecurityAdmin }, new { role = Roles.AuditAdmin }))
            await ShouldBeProblemAsync(twoAdmins, HttpStatusCode.Forbidden, rule: "separation-of-duties");
        using (var makeAuditor = await SetRolesAsync(security, id, new { role = Roles.AuditAdmin }))
            await ShouldBeProblemAsync(makeAuditor, HttpStatusCode.Forbidden, rule: "administrator-roles");
        using (var badScope = await SetRolesAsync(security, id, new { role = Roles.Clerk, scope = "galaxy" }))
            await ShouldBeProblemAsync(badScope, HttpStatusCode.BadRequest, "roles[0].scope");
        using (var ok = await SetRolesAsync(security, id, new { role = Roles.Clerk }, new { role = Roles.Reviewer, scope = "all" }))
            await ShouldBeAsync(ok, HttpStatusCode.NoContent);

        (await staff.GetAsync("/api/v1/cases?scope=acceptance")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized, "a role change ends the sessions");
        var read = await (await security.GetAsync($"{Staff}/{id}")).Content.ReadFromJsonAsync<JsonElement>();
        read.GetProperty("roles").EnumerateArray().Select(r => $"{r.GetProperty("role").GetString()}:{r.GetProperty("scope").GetString()}")
            .ShouldBe(["clerk:organisation", "reviewer:all"]);
        var entityId = id.ToString();
        var change = await InDb(db => db.Set<AuditEntry>().SingleAsync(a => a.EntityId == entityId && a.Action == "staff.roles-changed"));
        change.Detail!.ShouldContain("综合窗口受理人员（本单位） → ");
        change.Detail!.ShouldContain("审查人员（全部）");

        var selfId = await InDb(db => db.Set<Account>().Where(a => a.Roles.Any(r => r.Role == Roles.SecurityAdmin)).Select(a => a.Id).FirstAsync());
        var securityId = (await (await security.GetAsync($"{Staff}?role=secadmin&pageSize=100")).Content.ReadFromJsonAsync<JsonElement>())
            .GetProperty("items").EnumerateArray().Select(IdOf).ToList();
        securityId.ShouldContain(selfId);
    }

    [Fact]
    public async Task Nobody_changes_their_own_roles_or_disables_themselves()
    {
        var securityName = await NewStaffAsync(App, Roles.SecurityAdmin);
        using var security = await ClientFor(securityName);
        using (var own = await SetRolesAsync(security, await AccountIdAsync(securityName), new { role = Roles.SecurityAdmin, scope = "all" }))
            await ShouldBeProblemAsync(own, HttpStatusCode.Forbidden, rule: "self");
        using var self = await (await As("admin")).PostAsync($"{Staff}/{await AccountIdAsync("admin")}/disable", null);
        await ShouldBeProblemAsync(self, HttpStatusCode.Forbidden, rule: "self");
    }

    [Fact]
    public async Task Disabling_ends_the_bearer_session_and_re_enabling_lets_the_person_sign_in_again()
    {
        var username = Unique("d");
        var id = IdOf(await CreateAsync(username, Roles.Clerk));
        using var staff = Bearer(App, await AccessTokenAsync(username));
        (await staff.GetAsync("/api/v1/cases?scope=acceptance")).StatusCode.ShouldBe(HttpStatusCode.OK);

        var admin = await As("admin");
        using (var disable = await admin.PostAsync($"{Staff}/{id}/disable", null)) await ShouldBeAsync(disable, HttpStatusCode.NoContent);
        (await staff.GetAsync("/api/v1/cases?scope=acceptance")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await PostTokenAsync(App, username, StrongPassword)).StatusCode.ShouldNotBe(HttpStatusCode.OK);

        using (var enable = await admin.PostAsync($"{Staff}/{id}/enable", null)) await ShouldBeAsync(enable, HttpStatusCode.NoContent);
        (await AccessTokenAsync(username)).ShouldNotBeNullOrEmpty();
        var entityId = id.ToString();
        var actions = await InDb(db => db.Set<AuditEntry>().Where(a => a.EntityId == entityId && a.Action.StartsWith("staff.")).OrderBy(a => a.Id).Select(a => a.Action).ToListAsync());
        actions.ShouldBe(["staff.created", "staff.disabled", "staff.enabled"]);
    }

    [Fact]
    public async Task The_xlsx_import_names_each_bad_row_in_Chinese_writes_nothing_then_gives_one_time_passwords()
    {
        var admin = await As("admin");
        var (good, bad) = (Unique("i"), Unique("i"));
        var file = StaffWorkbook.Of(
            [good, "钱一", "I" + good[^8..], "XZSPJ", "综合窗口受理人员，审查人员", "13907960011"],
            [bad, "孙二", null, "NOPE", "系统管理员", "12"]);
        using (var rejected = await PostXlsxAsync(admin, file))
        {
            var problem = await ShouldBeProblemAsync(rejected, HttpStatusCode.BadRequest, rule: "import-invalid");
            var errors = problem.GetProperty("errors").EnumerateArray().ToList();
            errors.ShouldAllBe(e => e.GetProperty("row").GetInt32() == 3);
            errors.Select(e => e.GetProperty("column").GetString()).ShouldBe(["手机", "所属机构", "角色"], ignoreOrder: true);
            errors.Single(e => e.GetProperty("column").GetString() == "所属机构").GetProperty("message").GetString()!.ShouldContain("不存在");
        }
        (await InDb(db => db.Set<Account>().AnyAsync(a => a.Username == good))).ShouldBeFalse("one bad row and nothing is written");

        using var accepted = await PostXlsxAsync(admin, StaffWorkbook.Of([good, "钱一", "I" + good[^8..], "XZSPJ", "综合窗口受理人员，审查人员", "13907960011"]));
        await ShouldBeAsync(accepted, HttpStatusCode.OK);
        var created = (await accepted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("created")[0];
        var initial = created.GetProperty("initialPassword").GetString()!;
        initial.Length.ShouldBe(16);
        (await App.ClientFor(good, initial)).Dispose();
        var row = await InDb(db => db.Set<Account>().Include(a => a.Roles).AsNoTracking().SingleAsync(a => a.Username == good));
        row.MustChangePassword.ShouldBeTrue();
        row.Roles.Select(r => r.Role).ShouldBe([Roles.Clerk, Roles.Reviewer], ignoreOrder: true);

        using var template = await admin.GetAsync($"{Staff}/import/template");
        await ShouldBeAsync(template, HttpStatusCode.OK);
        template.Content.Headers.ContentType!.MediaType.ShouldBe(OneSeal.Platform.Spreadsheets.XlsxBook.ContentType);
    }

    [Fact]
    public async Task An_imported_account_changes_its_initial_password_before_it_can_do_anything_else()
    {
        var name = Unique("i");
        using var imported = await PostXlsxAsync(await As("admin"), StaffWorkbook.Of([name, "孙三", "I" + name[^8..], "XZSPJ", "综合窗口受理人员", "13907960012"]));
        await ShouldBeAsync(imported, HttpStatusCode.OK);
        var initial = (await imported.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("created")[0].GetProperty("initialPassword").GetString()!;

        using (var api = await App.ClientFor(name, initial))
        using (var refused = await api.GetAsync("/api/v1/cases"))
            await ShouldBeProblemAsync(refused, HttpStatusCode.Forbidden, rule: "password-change-required");

        using var browser = App.Anonymous();
        using (var login = await SignInTestKit.PostLoginFormAsync(browser, name, initial))
            login.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        using (var hall = await browser.GetAsync("/hall"))
            hall.Headers.Location!.OriginalString.ShouldBe("/account/password", "every page leads to the password change first");
        const string chosen = "Qingshan#Window2026";
        using (var change = await browser.PostAsync("/account/password", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["CurrentPassword"] = initial, ["NewPassword"] = chosen, ["ConfirmPassword"] = chosen,
            ["__RequestVerificationToken"] = await SignInTestKit.FormTokenAsync(browser, "/account/password"),
        })))
            change.StatusCode.ShouldBe(HttpStatusCode.Redirect, await change.Content.ReadAsStringAsync());
        using (var hall = await browser.GetAsync("/hall"))
            hall.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await InDb(db => db.Set<Account>().SingleAsync(a => a.Username == name))).MustChangePassword.ShouldBeFalse();
        using var fresh = await App.ClientFor(name, chosen);
        using var cases = await fresh.GetAsync("/api/v1/cases");
        await ShouldBeAsync(cases, HttpStatusCode.OK);
    }

    private static Task<HttpResponseMessage> PostXlsxAsync(HttpClient client, byte[] xlsx)
    {
        var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(xlsx);
        file.Headers.ContentType = MediaTypeHeaderValue.Parse(OneSeal.Platform.Spreadsheets.XlsxBook.ContentType);
        form.Add(file, "file", "staff.xlsx");
        return client.PostAsync($"{Staff}/import", form);
    }

    [Fact]
    public async Task A_photo_must_be_a_png_or_jpeg_by_its_bytes_and_comes_back_as_stored()
    {
        var id = IdOf(await CreateAsync(Unique("p"), Roles.Clerk));
        var admin = await As("admin");
        static MultipartFormDataContent Photo(byte[] bytes, string type)
        {
            var content = new ByteArrayContent(bytes);
            content.Headers.ContentType = MediaTypeHeaderValue.Parse(type);
            return new MultipartFormDataContent { { content, "file", "photo.png" } };
        }
        using (var fake = await admin.PostAsync($"{Staff}/{id}/photo", Photo("GIF89a-not-a-png"u8.ToArray(), "image/png")))
            await ShouldBeProblemAsync(fake, HttpStatusCode.BadRequest, "file", "image-type");
        using (var huge = await admin.PostAsync($"{Staff}/{id}/photo", Photo([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, .. new byte[1024 * 1024]], "image/png")))
            await ShouldBeProblemAsync(huge, HttpStatusCode.RequestEntityTooLarge);
        using (var missing = await admin.GetAsync($"{Staff}/{id}/photo"))
            await ShouldBeProblemAsync(missing, HttpStatusCode.NotFound);

        byte[] png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 1, 2, 3, 4];
        using (var ok = await admin.PostAsync($"{Staff}/{id}/photo", Photo(png, "application/octet-stream")))
            await ShouldBeAsync(ok, HttpStatusCode.NoContent);
        using var back = await (await As("clerk")).GetAsync($"{Staff}/{id}/photo");
        await ShouldBeAsync(back, HttpStatusCode.OK);
        back.Content.Headers.ContentType!.MediaType.ShouldBe("image/png");
        (await back.Content.ReadAsByteArrayAsync()).ShouldBe(png);
    }

    [Fact]
    public async Task The_pages_open_for_the_administrator_who_may_use_them_and_no_one_else()
    {
        var id = IdOf(await CreateAsync(Unique("pg"), Roles.Clerk));
        using var admin = await CookieBrowserAsync(App, "admin");
        (await admin.GetStringAsync("/admin/users")).ShouldContain("新建工作人员账号");
        (await admin.GetStringAsync($"/admin/users/{id}")).ShouldContain("编辑工作人员账号");
        async Task<HttpResponseMessage> UploadPhotoAsync(byte[] bytes)
        {
            var form = new MultipartFormDataContent
            {
                { new StringContent(await FormTokenAsync(admin, $"/admin/users/{id}")), "__RequestVerificationToken" },
                { new ByteArrayContent(bytes), "photo", "me.jpg" },
            };
            return await admin.PostAsync($"/admin/users/{id}?handler=Photo", form);
        }
        using (var bad = await UploadPhotoAsync("not an image"u8.ToArray()))
            System.Net.WebUtility.HtmlDecode(await bad.Content.ReadAsStringAsync()).ShouldContain("照片须为 PNG 或 JPEG 图片");
        using (var good = await UploadPhotoAsync([0xFF, 0xD8, 0xFF, 0xE0, 1, 2, 3]))
            good.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        using (var shown = await admin.GetAsync($"/admin/users/{id}?handler=Photo"))
            shown.Content.Headers.ContentType!.MediaType.ShouldBe("image/jpeg");
        using (var roles = await admin.GetAsync($"/admin/users/{id}/roles"))
            roles.Headers.Location!.ToString().ShouldContain("/account/denied", customMessage: "role changes are the security administrator's");

        using var security = await CookieBrowserAsync(App, await NewStaffAsync(App, Roles.SecurityAdmin));
        var form = await security.GetStringAsync($"/admin/users/{id}/roles");
        form.ShouldContain("审查人员");
        form.ShouldNotContain("新建工作人员账号");
        using (var edit = await security.GetAsync($"/admin/users/{id}"))
            edit.Headers.Location!.ToString().ShouldContain("/account/denied");

        using var clerk = await CookieBrowserAsync(App, "clerk");
        using var denied = await clerk.GetAsync("/admin/users");
        denied.Headers.Location!.ToString().ShouldContain("/account/denied");
    }

    [Fact]
    public async Task One_person_holding_clerk_and_reviewer_still_cannot_review_a_case_they_accepted()
    {
        var username = Unique("sod");
        var id = IdOf(await CreateAsync(username, Roles.Clerk));
        using (var grant = await SetRolesAsync(await SecurityAdminAsync(), id, new { role = Roles.Clerk }, new { role = Roles.Reviewer }))
            await ShouldBeAsync(grant, HttpStatusCode.NoContent);

        using var person = await App.ClientFor(username, StrongPassword);
        var caseId = await SubmittedCaseAsync();
        (await StepAsync(person, caseId, "accept")).ShouldBe("accepted");
        using var review = await ActAsync(person, caseId, "review", new { opinion = "材料齐全，符合法定条件。", recommend = "approve" });
        await ShouldBeProblemAsync(review, HttpStatusCode.Forbidden, rule: "separation-of-duties");
        (await StepAsync(await As("reviewer"), caseId, "review", new { opinion = "材料齐全，符合法定条件。", recommend = "approve" })).ShouldBe("reviewed");
    }

    [Fact]
    public async Task Data_scope_organisation_keeps_staff_to_their_own_organisation_and_all_reaches_every_case()
    {
        var username = Unique("ds");
        using (var create = await (await As("admin")).PostAsJsonAsync(Staff, new
        {
            username, displayName = "部门审查", organisationId = await OrganisationAsync("SCJGJ"), roles = new[] { Roles.Reviewer }, password = StrongPassword,
        }))
            await ShouldBeAsync(create, HttpStatusCode.Created);
        var caseId = await AcceptedCaseAsync();
        using (var outsider = await App.ClientFor(username, StrongPassword))
        {
            (await outsider.GetAsync($"/api/v1/cases/{caseId}")).StatusCode.ShouldBe(HttpStatusCode.NotFound, "scope organisation: another organisation's case is not there");
            var queue = await (await outsider.GetAsync("/api/v1/cases?scope=review")).Content.ReadFromJsonAsync<JsonElement>();
            queue.EnumerateArray().ShouldNotContain(c => c.GetProperty("id").GetGuid() == caseId);
        }

        using (var widen = await SetRolesAsync(await SecurityAdminAsync(), await AccountIdAsync(username), new { role = Roles.Reviewer, scope = "all" }))
            await ShouldBeAsync(widen, HttpStatusCode.NoContent);
        using var everywhere = await App.ClientFor(username, StrongPassword);
        (await everywhere.GetAsync($"/api/v1/cases/{caseId}")).StatusCode.ShouldBe(HttpStatusCode.OK);
        var widened = await (await everywhere.GetAsync("/api/v1/cases?scope=review")).Content.ReadFromJsonAsync<JsonElement>();
        widened.EnumerateArray().ShouldContain(c => c.GetProperty("id").GetGuid() == caseId);
    }

    [Fact]
    public async Task Data_scope_region_reaches_the_cases_handled_in_the_staff_region_and_no_further()
    {
        var caseId = await AcceptedCaseAsync();
        var bureauRegion = await InDb(db => db.Set<Agency>().Where(a => a.Code == "XZSPJ").Select(a => a.RegionCode).SingleAsync());
        (await InDb(db => db.Set<OneSeal.Cases.Case>().Where(c => c.Id == caseId).Select(c => c.HandlingRegionCode).SingleAsync()))
            .ShouldBe(OneSeal.Organisation.Regions.RegionCodes.Normalise(bureauRegion), "the case records where it is handled");

        // A reviewer of a line department in the same county: with region scope the bureau's case is in reach.
        var county = Unique("rc");
        using (var create = await (await As("admin")).PostAsJsonAsync(Staff, new
        {
            username = county, displayName = "县级审查", organisationId = await OrganisationAsync("SCJGJ"), roles = new[] { Roles.Reviewer }, password = StrongPassword,
        }))
            await ShouldBeAsync(create, HttpStatusCode.Created);
        using (var widen = await SetRolesAsync(await SecurityAdminAsync(), await AccountIdAsync(county), new { role = Roles.Reviewer, scope = "region" }))
            await ShouldBeAsync(widen, HttpStatusCode.NoContent);
        using (var inCounty = await App.ClientFor(county, StrongPassword))
        {
            (await inCounty.GetAsync($"/api/v1/cases/{caseId}")).StatusCode.ShouldBe(HttpStatusCode.OK);
            var queue = await (await inCounty.GetAsync("/api/v1/cases?scope=review")).Content.ReadFromJsonAsync<JsonElement>();
            queue.EnumerateArray().ShouldContain(c => c.GetProperty("id").GetGuid() == caseId);
        }

        // A township service point's reviewer with region scope: a county organisation's case lies outside the township.
        var township = OneSeal.Organisation.Regions.RegionCodes.Normalise(bureauRegion)![..6] + "101000";
        var pointCode = Unique("SP").ToUpperInvariant()[..12];
        await InDb(async db =>
        {
            db.Add(new Agency { Id = Guid.NewGuid(), Code = pointCode, Name = "测试镇便民服务中心", Kind = OrganisationKind.ServicePoint, RegionCode = township });
            await db.SaveChangesAsync();
        });
        var pointStaff = await NewStaffAsync(App, Roles.Reviewer, pointCode);
        await InDb(async db =>
        {
            var account = await db.Set<Account>().Include(a => a.Roles).SingleAsync(a => a.Username == pointStaff);
            account.SetRoles([(Roles.Reviewer, DataScope.Region)]);
            await db.SaveChangesAsync();
        });
        using var inTownship = await App.ClientFor(pointStaff);
        (await inTownship.GetAsync($"/api/v1/cases/{caseId}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var townshipQueue = await (await inTownship.GetAsync("/api/v1/cases?scope=review")).Content.ReadFromJsonAsync<JsonElement>();
        townshipQueue.EnumerateArray().ShouldNotContain(c => c.GetProperty("id").GetGuid() == caseId);
    }
}

[Trait("Provider", "Sqlite")]
public sealed class StaffApiTests_Sqlite(SqliteApp app) : StaffApiTests(app), IClassFixture<SqliteApp>;

[Trait("Provider", "Postgres")]
public sealed class StaffApiTests_Postgres(PostgresApp app) : StaffApiTests(app), IClassFixture<PostgresApp>;
