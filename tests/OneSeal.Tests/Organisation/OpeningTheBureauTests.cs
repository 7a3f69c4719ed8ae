using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using OneSeal.Platform.Database;
using OneSeal.Tests.Api;
using OneSeal.Tests.Infrastructure;
using OneSeal.Tests.Organisation.Applicants;

namespace OneSeal.Tests.Organisation;

/// <summary>
/// Issue 10's "done when", without the browser: from an empty database in production mode (nothing seeded), the first
/// administrator is made on the command line, signs in with a second factor and sets the county up through the API —
/// the security and audit administrators, the region, the bureau with a section, a department, the service centre and
/// hall, two staff with roles, a window, the bureau's seal and a published item; a citizen registers with a code texted
/// through the SMS gateway and applies; the clerk the administrator created accepts. Every step is an answer a real
/// client would get, and the audit administrator then finds the setup in an intact audit trail.
/// </summary>
public abstract class OpeningTheBureauTests(OneSealFactory app) : CaseApiTestBase(app)
{
    private const string AdminPassword = "Qingshan#Root2026";
    private const string StaffPassword = SecondFactorTestKit.Password;
    private const string ItemCode = "QS-OPEN-001";
    private static readonly string BureauUscc = "11360999MB1234567" + OneSeal.Organisation.Identifiers.UnifiedSocialCreditCode.ComputeCheckCharacter("11360999MB1234567");

    [Fact]
    public async Task A_county_is_set_up_from_an_empty_database_and_takes_its_first_application()
    {
        // 1. The first system administrator, on the command line, as an operator would; a second one for the catalog's
        //    four-eyes rule (system administrators come only from the server, never from the web).
        await CreateAdminOnCommandLineAsync("wu.admin");
        await CreateAdminOnCommandLineAsync("zheng.admin");

        // 2. No token without a second factor; enrolment, then a code.
        using (var refused = await SecondFactorTestKit.PostTokenAsync(App, "wu.admin", null, AdminPassword))
            await ShouldBeProblemAsync(refused, HttpStatusCode.Unauthorized, "otp", "second-factor-enrolment-required");
        var root = await SignedInAsync("wu.admin", AdminPassword);

        // 3. The organisation tree.
        await SendAsync(root, HttpMethod.Post, "/api/v1/admin/regions", new { code = "360999000000", name = "青山县" }, HttpStatusCode.Created);
        var bureau = await CreateOrganisationAsync(root, new { code = "XZSPJ", name = "青山县行政审批局", shortName = "审批局", kind = "Bureau", uscc = BureauUscc, phone = "0796-8200100", regionCode = "360999000000" });
        var section = await CreateOrganisationAsync(root, new { code = "XZSPJ-1", name = "审批一科", kind = "Section", parentId = bureau, regionCode = "360999000000" });
        var department = await CreateOrganisationAsync(root, new { code = "SCJGJ", name = "青山县市场监督管理局", kind = "Department", regionCode = "360999000000" });
        var centre = await CreateOrganisationAsync(root, new { code = "ZWFW", name = "青山县政务服务中心", kind = "ServiceCentre", parentId = bureau, regionCode = "360999000000" });
        var hall = await CreateOrganisationAsync(root, new { code = "ZWFW-DT", name = "政务服务大厅", kind = "Hall", parentId = centre, regionCode = "360999000000" });

        // 4. The other two administrators and two staff; nobody gets two of the three administrators' roles.
        await CreateStaffAsync(root, "sec", "冯安全", bureau, "secadmin");
        await CreateStaffAsync(root, "audit", "陈审计", bureau, "auditor");
        var clerkId = await CreateStaffAsync(root, "li.clerk", "李窗口", section, "clerk");
        var reviewerId = await CreateStaffAsync(root, "zhao.review", "赵审查", section, "reviewer");
        using (var twoAdmins = await root.PostAsJsonAsync("/api/v1/admin/staff", new { username = "both", displayName = "两员", organisationId = bureau, roles = new[] { "secadmin", "auditor" }, password = StaffPassword }))
            twoAdmins.StatusCode.ShouldBeOneOf(HttpStatusCode.Forbidden, HttpStatusCode.BadRequest, HttpStatusCode.UnprocessableEntity);

        // 5. The security administrator gives the reviewer the chief's role too (roles after creation are theirs).
        var sec = await SignedInAsync("sec", StaffPassword);
        await SendAsync(sec, HttpMethod.Put, $"/api/v1/admin/staff/{reviewerId}/roles",
            new { roles = new object[] { new { role = "reviewer" }, new { role = "chief" } } }, HttpStatusCode.NoContent);

        // 6. A window at the hall with the clerk on its A post, and the bureau's seal.
        await SendAsync(root, HttpMethod.Post, "/api/v1/admin/windows",
            new { hallId = hall, number = "A01", name = "综合受理一号窗口", zone = "A区", kind = "Comprehensive", themes = new[] { "market" }, aPostId = clerkId }, HttpStatusCode.Created);
        await SendAsync(root, HttpMethod.Post, "/api/v1/admin/seals",
            new { organisationId = bureau, name = "青山县行政审批局行政审批专用章" }, HttpStatusCode.Created);

        // 7. An item the bureau handles, drafted by one administrator and published by the other.
        await SendAsync(root, HttpMethod.Post, "/api/v1/items", NewItem(), HttpStatusCode.Created);
        await SendAsync(root, HttpMethod.Post, $"/api/v1/items/{ItemCode}/draft/submit", new { }, HttpStatusCode.OK);
        var root2 = await SignedInAsync("zheng.admin", AdminPassword);
        await SendAsync(root2, HttpMethod.Post, $"/api/v1/items/{ItemCode}/draft/publish", new { }, HttpStatusCode.OK);

        // 8. A citizen registers with a code texted through the gateway, signs in and applies.
        var phone = ApplicantKit.NewPhone();
        await ApplicantKit.RegisterCitizenAsync(App, phone, ApplicantKit.NewCitizenId(), "王小明");
        using (var verify = await Anonymous().PostAsJsonAsync("/api/v1/accounts/verify-phone", new { phone, code = await TextedCodeAsync(phone) }))
            await ShouldBeAsync(verify, HttpStatusCode.OK);
        using var citizen = await App.ClientFor(phone, ApplicantKit.Password);
        var created = await CreateCaseAsync(citizen, ItemCode, new { note = "首次申请" });
        await ShouldBeAsync(await UploadAsync(citizen, created.Id, "M01", "申请书.pdf", SampleFiles.Pdf("申请书"), "application/pdf"), HttpStatusCode.Created);
        (await StepAsync(citizen, created.Id, "submit")).ShouldBe("submitted");

        // 9. The clerk made by the administrator signs in with a second factor and accepts.
        var clerk = await SignedInAsync("li.clerk", StaffPassword);
        (await StepAsync(clerk, created.Id, "accept")).ShouldBe("accepted");

        // 10. The audit administrator finds the setup and the acceptance, and the chain verifies intact.
        var auditor = await SignedInAsync("audit", StaffPassword);
        var found = await auditor.GetStringAsync("/api/v1/audit?action=case.accepted");
        found.ShouldContain("li.clerk");
        using (var verified = await auditor.PostAsync("/api/v1/audit/verify", null))
        {
            await ShouldBeAsync(verified, HttpStatusCode.OK);
            (await verified.Content.ReadAsStringAsync()).ShouldContain("\"intact\":true");
        }
        using (var rootReads = await root.GetAsync("/api/v1/audit"))
            rootReads.StatusCode.ShouldBe(HttpStatusCode.Forbidden, "the system administrator never reads the audit trail");
    }

    private Task CreateAdminOnCommandLineAsync(string username) => OpeningKit.CreateAdminOnCommandLineAsync(App, username, AdminPassword);

    private Task<string> TextedCodeAsync(string phone) => OpeningKit.TextedCodeAsync(App, ((OpeningApp)App).Gateway, phone);

    /// <summary>Enrols <paramref name="username"/>'s second factor and returns a bearer client signed in with a code.</summary>
    private async Task<HttpClient> SignedInAsync(string username, string password)
    {
        var (secret, _) = await SecondFactorTestKit.EnrolAsync(App, username, password);
        return await SecondFactorTestKit.ClientAsync(App, username, secret, password);
    }

    private static async Task<JsonElement> SendAsync(HttpClient client, HttpMethod method, string url, object body, HttpStatusCode expected)
    {
        using var request = new HttpRequestMessage(method, url) { Content = JsonContent.Create(body) };
        using var response = await client.SendAsync(request);
        await ShouldBeAsync(response, expected);
        var text = await response.Content.ReadAsStringAsync();
        return text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
    }

    private static async Task<Guid> CreateOrganisationAsync(HttpClient admin, object body) =>
        (await SendAsync(admin, HttpMethod.Post, "/api/v1/admin/organisations", body, HttpStatusCode.Created)).GetProperty("id").GetGuid();

    private static async Task<Guid> CreateStaffAsync(HttpClient admin, string username, string displayName, Guid organisationId, string role) =>
        (await SendAsync(admin, HttpMethod.Post, "/api/v1/admin/staff",
            new { username, displayName, organisationId, roles = new[] { role }, password = StaffPassword }, HttpStatusCode.Created)).GetProperty("id").GetGuid();

    private static Dictionary<string, object?> NewItem() => new()
    {
        ["code"] = ItemCode, ["name"] = "小型餐饮登记（新办）", ["category"] = "行政许可", ["kind"] = "Promised", ["serviceObject"] = "Both",
        ["competentDepartment"] = "SCJGJ", ["implementingBody"] = "XZSPJ", ["supervisingDepartment"] = "SCJGJ",
        ["statutoryDays"] = 20, ["promisedDays"] = 5, ["legalBasis"] = "《青山县小型餐饮管理办法》第三条", ["conditions"] = "有固定经营场所",
        ["visits"] = 0, ["onlineDepth"] = 4, ["resultName"] = "小型餐饮登记证",
        ["materials"] = new object[] { new { code = "M01", name = "申请书", required = true, legalBasis = "《青山县小型餐饮管理办法》第四条", blankForm = false } },
        ["steps"] = new object[]
        {
            new { kind = "Accept", sharePercent = 10 }, new { kind = "Review", sharePercent = 60 },
            new { kind = "Decide", sharePercent = 20 }, new { kind = "Deliver", sharePercent = 10 },
        },
        ["formFields"] = new object[] { new { key = "note", label = "备注", type = "Text", required = false } },
    };
}

/// <summary>Production mode (nothing seeded) on a fake clock, texting through an SMS gateway on 127.0.0.1; Kestrel for a browser.</summary>
public abstract class OpeningApp : OneSealFactory
{
    protected OpeningApp(DatabaseProvider provider, SmsGatewayStub gateway, bool kestrel = false) : base(provider, new OneSealFactoryOptions
    {
        Kestrel = kestrel,
        Mode = "Production",
        Time = new FakeTimeProvider(),
        Settings = new Dictionary<string, string?> { ["OneSeal:Sms:Url"] = gateway.Url, ["OneSeal:Sms:Key"] = "test-key" },
    }) => Gateway = gateway;

    public SmsGatewayStub Gateway { get; }

    protected override void Dispose(bool disposing)
    {
        if (disposing) Gateway.Dispose();
        base.Dispose(disposing);
    }
}

public sealed class OpeningSqliteApp() : OpeningApp(DatabaseProvider.Sqlite, new SmsGatewayStub());

public sealed class OpeningPostgresApp() : OpeningApp(DatabaseProvider.Postgres, new SmsGatewayStub());

[Trait("Provider", "Sqlite")]
public sealed class OpeningTheBureauTests_Sqlite(OpeningSqliteApp app) : OpeningTheBureauTests(app), IClassFixture<OpeningSqliteApp>;

[Trait("Provider", "Postgres")]
public sealed class OpeningTheBureauTests_Postgres(OpeningPostgresApp app) : OpeningTheBureauTests(app), IClassFixture<OpeningPostgresApp>;
