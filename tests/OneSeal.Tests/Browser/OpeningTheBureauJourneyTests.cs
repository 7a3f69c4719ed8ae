using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using OneSeal.Platform.Database;
using OneSeal.Tests.Infrastructure;
using OneSeal.Tests.Organisation;
using OneSeal.Tests.Organisation.Applicants;
using static Microsoft.Playwright.Assertions;

namespace OneSeal.Tests.Browser;

/// <summary>Production mode (nothing seeded) on PostgreSQL and a fake clock, served by Kestrel, texting through an SMS gateway stub.</summary>
public sealed class OpeningPostgresKestrelApp() : OpeningApp(DatabaseProvider.Postgres, new SmsGatewayStub(), kestrel: true);

/// <summary>
/// Issue 10's "done when" in a real browser at 1366×768: from an empty PostgreSQL database in production mode, the first
/// system administrator (made on the command line) signs in and binds an authenticator, enters the county's organisations,
/// the security and audit administrators and two staff, a window and the bureau's seal; a citizen registers with the code
/// texted to the phone and applies online; the clerk the administrator created binds an authenticator and accepts the case.
/// Only the published item comes through the API (the catalog's own journeys cover its pages).
/// </summary>
[Collection(BrowserCollection.Name)]
[Trait("Provider", "Postgres")]
public sealed class OpeningTheBureauJourneyTests(OpeningPostgresKestrelApp app, BrowserFixture browser) : IClassFixture<OpeningPostgresKestrelApp>
{
    private const string AdminPassword = "Qingshan#Root2026";
    private const string StaffPassword = SecondFactorTestKit.Password;
    private const string Region = "360999000000";
    private const string Bureau = "青山县行政审批局";
    private const string Section = "审批一科";
    private const string ItemCode = "QS-OPEN-WEB";
    private const string ItemName = "户外广告设施设置审批";

    [Fact]
    public async Task A_county_is_opened_in_the_browser_and_its_first_application_is_accepted()
    {
        await OpeningKit.CreateAdminOnCommandLineAsync(app, "wu.admin", AdminPassword);
        await OpeningKit.CreateAdminOnCommandLineAsync(app, "zheng.admin", AdminPassword);

        await using var users = new BrowserUsers(browser, app);
        await users.RunAsync(nameof(A_county_is_opened_in_the_browser_and_its_first_application_is_accepted), async () =>
        {
            // 1. The first administrator signs in and binds an authenticator, reading the key beside the QR code.
            var admin = await users.AnonymousAsync(1366, 768, "admin");
            var adminSecret = await FirstSignInAsync(admin, "wu.admin", AdminPassword);

            // 2. The organisation tree, from the county down to the hall.
            await admin.Locator("nav a[href='/admin/organisations']").ClickAsync();
            await Expect(admin.Locator("h1")).ToHaveTextAsync("组织机构");
            await admin.Locator("#NewRegionCode").FillAsync(Region);
            await admin.Locator("#NewRegionName").FillAsync("青山县");
            await admin.Locator("#create-region-submit").ClickAsync();
            await Expect(admin.Locator($"#region-tree li[data-region='{Region}']")).ToContainTextAsync("青山县");
            var uscc = "11360999MB1234567" + OneSeal.Organisation.Identifiers.UnifiedSocialCreditCode.ComputeCheckCharacter("11360999MB1234567");
            await CreateOrganisationAsync(admin, "Bureau", "XZSPJ", Bureau, parent: null, uscc: uscc, phone: "0796-8200100", shortName: "审批局");
            await CreateOrganisationAsync(admin, "Section", "XZSPJ-1", Section, parent: Bureau);
            await CreateOrganisationAsync(admin, "Department", "SCJGJ", "青山县市场监督管理局", parent: null);
            await CreateOrganisationAsync(admin, "ServiceCentre", "ZWFW", "青山县政务服务中心", parent: Bureau);
            await CreateOrganisationAsync(admin, "Hall", "ZWFW-DT", "政务服务大厅", parent: "青山县政务服务中心");
            await Expect(admin.Locator("#organisation-tree tr[data-code='ZWFW-DT']")).ToHaveAttributeAsync("data-depth", "2");

            // 3. The other two administrators and two staff; one account with two administrators' roles is refused.
            await admin.Locator("#nav-admin-users").ClickAsync();
            await Expect(admin.Locator("h1")).ToHaveTextAsync("工作人员账号");
            await CreateStaffAsync(admin, "sec", "冯安全", Bureau, "安全管理员");
            await CreateStaffAsync(admin, "audit", "陈审计", Bureau, "安全审计员");
            // The two staff belong to the bureau's section: they handle the bureau's cases (their work unit).
            await CreateStaffAsync(admin, "li.clerk", "李窗口", Section, "综合窗口受理人员");
            await CreateStaffAsync(admin, "zhao.review", "赵审查", Section, "审查人员");
            await FillStaffAsync(admin, "both", "两员", Bureau, "安全管理员", "安全审计员");
            await admin.Locator("#create-staff-submit").ClickAsync();
            await Expect(admin.Locator("#error-summary")).ToContainTextAsync("三员分立");
            await Expect(admin.Locator("#staff-list tr[data-username='both']")).ToHaveCountAsync(0);

            // 4. A comprehensive window in the hall with the clerk on its A post, and the bureau's seal.
            await admin.Locator("nav a[href='/admin/windows']").ClickAsync();
            await Expect(admin.Locator("h1")).ToHaveTextAsync("窗口设置");
            await admin.Locator("#HallId").SelectOptionAsync(new SelectOptionValue { Label = "政务服务大厅" });
            await admin.Locator("#Number").FillAsync("A01");
            await admin.Locator("#Name").FillAsync("综合受理一号窗口");
            await admin.Locator("#Zone").FillAsync("综合受理区（一楼）");
            await admin.Locator("#Kind").SelectOptionAsync("Comprehensive");
            await admin.Locator("#theme-market").CheckAsync();
            await admin.Locator("#APostId").SelectOptionAsync(new SelectOptionValue { Label = "李窗口（审批一科）" });
            await admin.Locator("#window-submit").ClickAsync();
            await Expect(admin.Locator("#notice")).ToContainTextAsync("已新增");
            var window = admin.Locator("#window-list tr[data-number='A01']");
            await Expect(window).ToContainTextAsync("李窗口");
            await Expect(window).ToContainTextAsync("市场准入");

            await admin.Locator("nav a[href='/admin/seals']").ClickAsync();
            await Expect(admin.Locator("h1")).ToHaveTextAsync("印章管理");
            await admin.Locator("#OrganisationId").SelectOptionAsync(new SelectOptionValue { Label = Bureau });
            await admin.Locator("#create-seal-submit").ClickAsync();
            await Expect(admin.Locator("#notice")).ToContainTextAsync("设置印章");
            await Expect(admin.Locator($"section.seal[data-organisation='{Bureau}'] .active-key")).ToHaveCountAsync(1);
            (await admin.EvaluateAsync<int>("document.documentElement.scrollWidth")).ShouldBeLessThanOrEqualTo(1366, "no sideways scrolling at 1366 px");

            // 5. The item, through the API: drafted by this administrator, published by the other (four eyes).
            app.Time!.Advance(SecondFactorTestKit.Step);
            await PublishItemAsync(adminSecret);

            // 6. A citizen registers with the code texted to the phone, signs in and applies online with the material.
            var (phone, idNumber) = (ApplicantKit.NewPhone(), ApplicantKit.NewCitizenId());
            var citizen = await users.AnonymousAsync(1366, 768, "citizen");
            await citizen.GotoAsync("/account/login");
            await citizen.Locator("#register-link").ClickAsync();
            await Expect(citizen.Locator("h1")).ToHaveTextAsync("注册账号");
            await citizen.Locator("#name").FillAsync("王小明");
            await citizen.Locator("#idNumber").FillAsync(idNumber);
            await citizen.Locator("#phone").FillAsync(phone);
            await citizen.Locator("#password").FillAsync(ApplicantKit.Password);
            await citizen.Locator("#register").ClickAsync();
            await citizen.WaitForURLAsync("**/account/verify-phone");
            await citizen.Locator("#code").FillAsync(await OpeningKit.TextedCodeAsync(app, app.Gateway, phone));
            await citizen.Locator("#verify").ClickAsync();
            await citizen.WaitForURLAsync("**/account/login");
            await Expect(citizen.Locator("#notice")).ToContainTextAsync("注册完成");
            await citizen.Locator("#username").FillAsync(phone);
            await citizen.Locator("#password").FillAsync(ApplicantKit.Password);
            await citizen.Locator("#login").ClickAsync();
            await citizen.WaitForURLAsync("**/my/cases");

            await citizen.GotoAsync($"/items/{ItemCode}");
            await Expect(citizen.Locator("h1")).ToHaveTextAsync(ItemName);
            await citizen.Locator("#apply").ClickAsync();
            await citizen.WaitForURLAsync($"**/apply/{ItemCode}");
            await citizen.Locator("#form_location").FillAsync("青山县城关镇人民路18号临街外墙");
            await citizen.Locator("#material_M01").SetInputFilesAsync(new FilePayload
            {
                Name = "设置申请表.pdf", MimeType = "application/pdf", Buffer = SamplePdf.Create("outdoor sign application"),
            });
            await citizen.Locator("#submit").ClickAsync();
            await citizen.WaitForURLAsync(new Regex("/my/cases/[0-9a-f-]{36}$"));
            var caseNumber = (await citizen.Locator("#case-number").InnerTextAsync()).Trim();
            await Expect(citizen.Locator("#notice")).ToContainTextAsync($"申请已提交，办件编号 {caseNumber}");
            await Expect(citizen.Locator("#case-status")).ToHaveTextAsync("待受理");

            // 7. The clerk the administrator created binds an authenticator at first sign-in, lands in the hall and accepts.
            var clerk = await users.AnonymousAsync(1366, 768, "clerk");
            await FirstSignInAsync(clerk, "li.clerk", StaffPassword);
            await clerk.WaitForURLAsync("**/hall");
            var row = clerk.Locator($"#queue tr[data-case-number='{caseNumber}']");
            await row.Locator("a").ClickAsync();
            await Expect(clerk.Locator("#case-number")).ToHaveTextAsync(caseNumber);
            await Expect(clerk.Locator("tr[data-material-code='M01']")).ToContainTextAsync("设置申请表.pdf");
            await clerk.Locator("#accept").ClickAsync();
            await clerk.WaitForURLAsync("**/hall");
            await Expect(clerk.Locator("#notice")).ToContainTextAsync($"已受理办件 {caseNumber}");

            await citizen.ReloadAsync();
            await Expect(citizen.Locator("#case-status")).ToHaveTextAsync("已受理，审查中");
        });
    }

    /// <summary>First sign-in of a staff account in production: password, then the enrolment page; returns the key.</summary>
    private async Task<string> FirstSignInAsync(IPage page, string username, string password)
    {
        await page.GotoAsync("/account/login");
        await page.Locator("#username").FillAsync(username);
        await page.Locator("#password").FillAsync(password);
        await page.Locator("#login").ClickAsync();
        await page.WaitForURLAsync("**/account/enrol");
        var secret = (await page.Locator("#totp-secret").InnerTextAsync()).Replace(" ", "");
        await page.Locator("#code").FillAsync(SecondFactorTestKit.Code(app, secret));
        await page.Locator("#confirm-enrol").ClickAsync();
        await Expect(page.Locator("#recovery-codes li")).ToHaveCountAsync(10);
        await page.Locator("#continue").ClickAsync();
        await Expect(page.Locator("header form[action='/account/logout'] button")).ToHaveTextAsync("退出");
        app.Time!.Advance(SecondFactorTestKit.Step); // that step's code is spent
        return secret;
    }

    private static async Task CreateOrganisationAsync(IPage admin, string kind, string code, string name, string? parent,
        string? uscc = null, string? phone = null, string? shortName = null)
    {
        await admin.Locator("#Kind").SelectOptionAsync(kind);
        if (parent is not null)
        {
            var parentId = await admin.Locator("#ParentId option", new() { HasText = parent }).GetAttributeAsync("value");
            await admin.Locator("#ParentId").SelectOptionAsync(parentId!);
        }
        await admin.Locator("#Code").FillAsync(code);
        await admin.Locator("#Name").FillAsync(name);
        if (shortName is not null) await admin.Locator("#ShortName").FillAsync(shortName);
        if (uscc is not null) await admin.Locator("#Uscc").FillAsync(uscc);
        if (phone is not null) await admin.Locator("#Phone").FillAsync(phone);
        await admin.Locator("#RegionCode").SelectOptionAsync(Region);
        await admin.Locator("#create-organisation-submit").ClickAsync();
        await Expect(admin.Locator("#notice")).ToContainTextAsync(name);
        await Expect(admin.Locator($"#organisation-tree tr[data-code='{code}']")).ToContainTextAsync(name);
    }

    private static async Task FillStaffAsync(IPage admin, string username, string displayName, string organisation, params string[] roles)
    {
        await admin.Locator("#Input_Username").FillAsync(username);
        await admin.Locator("#Input_DisplayName").FillAsync(displayName);
        await admin.Locator("#Input_OrganisationId").SelectOptionAsync(new SelectOptionValue { Label = organisation });
        foreach (var role in roles)
            await admin.Locator("#create-roles").GetByLabel(role, new() { Exact = true }).CheckAsync();
        await admin.Locator("#Input_Password").FillAsync(StaffPassword);
    }

    private static async Task CreateStaffAsync(IPage admin, string username, string displayName, string organisation, string role)
    {
        await FillStaffAsync(admin, username, displayName, organisation, role);
        await admin.Locator("#create-staff-submit").ClickAsync();
        await Expect(admin.Locator($"#staff-list tr[data-username='{username}']")).ToContainTextAsync(role);
    }

    private async Task PublishItemAsync(string adminSecret)
    {
        using var drafter = await SecondFactorTestKit.ClientAsync(app, "wu.admin", adminSecret, AdminPassword);
        using (var created = await drafter.PostAsJsonAsync("/api/v1/items", Item()))
            created.StatusCode.ShouldBe(HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        using (var submitted = await drafter.PostAsJsonAsync($"/api/v1/items/{ItemCode}/draft/submit", new { }))
            submitted.StatusCode.ShouldBe(HttpStatusCode.OK, await submitted.Content.ReadAsStringAsync());
        var (secret, _) = await SecondFactorTestKit.EnrolAsync(app, "zheng.admin", AdminPassword);
        using var publisher = await SecondFactorTestKit.ClientAsync(app, "zheng.admin", secret, AdminPassword);
        using var published = await publisher.PostAsJsonAsync($"/api/v1/items/{ItemCode}/draft/publish", new { });
        published.StatusCode.ShouldBe(HttpStatusCode.OK, await published.Content.ReadAsStringAsync());
    }

    /// <summary>A citizen item the bureau handles for the market regulator: one material, one form field.</summary>
    private static object Item() => new Dictionary<string, object?>
    {
        ["code"] = ItemCode, ["name"] = ItemName, ["category"] = "行政许可", ["kind"] = "Promised", ["serviceObject"] = "Citizen",
        ["competentDepartment"] = "SCJGJ", ["implementingBody"] = "XZSPJ", ["supervisingDepartment"] = "SCJGJ",
        ["statutoryDays"] = 20, ["promisedDays"] = 7, ["legalBasis"] = "《青山县户外广告设施管理办法》第八条", ["conditions"] = "设置位置符合户外广告设施设置规划",
        ["visits"] = 0, ["onlineDepth"] = 4, ["resultName"] = "户外广告设施设置许可决定书",
        ["materials"] = new object[] { new { code = "M01", name = "户外广告设施设置申请表", required = true, legalBasis = "《青山县户外广告设施管理办法》第九条", blankForm = false } },
        ["steps"] = new object[]
        {
            new { kind = "Accept", sharePercent = 10 }, new { kind = "Review", sharePercent = 50 },
            new { kind = "Decide", sharePercent = 30 }, new { kind = "Deliver", sharePercent = 10 },
        },
        ["formFields"] = new object[] { new { key = "location", label = "设置地点", type = "Text", required = true } },
    };
}
