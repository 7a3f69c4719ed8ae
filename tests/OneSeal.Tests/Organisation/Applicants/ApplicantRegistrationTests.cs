using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using OneSeal.Organisation;
using OneSeal.Platform.Audit;
using OneSeal.Platform.Database;
using OneSeal.Tests.Api;
using OneSeal.Tests.Infrastructure;
using static OneSeal.Tests.Organisation.Applicants.ApplicantKit;

namespace OneSeal.Tests.Organisation.Applicants;

/// <summary>Issue 10 §5: applicants register, prove the phone by SMS code, apply, reset the password, and authorise agents.</summary>
public abstract class ApplicantRegistrationTests(OneSealFactory app) : CaseApiTestBase(app)
{
    private FakeTimeProvider Clock => App.Time!;

    [Fact]
    public async Task A_citizen_registers_verifies_with_the_texted_code_signs_in_and_applies()
    {
        var (phone, id) = (NewPhone(), NewCitizenId());
        await RegisterCitizenAsync(App, phone, id, "李小花");

        using (var early = await PostAsync(App, "/api/v1/auth/token", new { username = phone, password = Password }))
            await ShouldBeProblemAsync(early, HttpStatusCode.Forbidden, rule: "phone-not-verified");

        (await VerifyAsync(App, phone)).ShouldBe(phone, "the sign-in name defaults to the phone number");
        var applicant = await App.ClientFor(phone, Password);
        var created = await CreateCaseAsync(applicant, Demo.SoleTrader, Demo.SoleTraderForm(id));
        await UploadRequiredAsync(applicant, created.Id, Demo.SoleTrader);
        (await StepAsync(applicant, created.Id, "submit")).ShouldBe("submitted");
        (await GetCaseAsync(applicant, created.Id)).ApplicantName.ShouldBe("李小花");

        // At rest: no phone or ID number in clear, keyed hashes for the lookups (phone, and the later walk-in linking).
        var row = await InDb(db => db.Set<Account>().AsNoTracking().SingleAsync(a => a.Username == phone));
        row.Phone.ShouldBeNull();
        row.PhoneProtected.ShouldNotBeNull().ShouldNotContain(phone);
        row.PhoneMasked.ShouldBe(phone[..3] + "****" + phone[^4..]);
        row.PhoneHash!.Length.ShouldBe(64);
        row.IdentityCodeHash!.Length.ShouldBe(64);
        row.IdentityCodeProtected.ShouldNotBeNull().ShouldNotContain(id);
        row.IdentityCodeMasked.ShouldBe(id[..6] + "********" + id[^4..]);
        row.PhoneVerifiedAt.ShouldNotBeNull();
        var audit = await InDb(db => db.Set<AuditEntry>().Where(a => a.EntityId == row.Id.ToString()).Select(a => a.Action).ToListAsync());
        audit.ShouldContain("account.register");
        audit.ShouldContain("account.phone-verified");
        var codes = await InDb(db => db.Set<OneSeal.Organisation.Applicants.OneTimeCode>().AsNoTracking().Where(c => c.PhoneHash == row.PhoneHash).ToListAsync());
        codes.ShouldHaveSingleItem().UsedAt.ShouldNotBeNull();
    }

    [Theory]
    [InlineData("idNumber", "身份证号码")]
    [InlineData("phone", "手机号码")]
    [InlineData("password", "密码")]
    [InlineData("name", "姓名")]
    [InlineData("kind", "注册类型")]
    public async Task A_bad_field_is_a_problem_naming_it_in_Chinese_and_writes_nothing(string field, string chinese)
    {
        var body = new Dictionary<string, object?>
        {
            ["kind"] = "citizen", ["name"] = "王五", ["idNumber"] = NewCitizenId(), ["phone"] = NewPhone(), ["password"] = Password,
        };
        body[field] = field switch
        {
            "idNumber" => (string)body["idNumber"]! is var id ? id[..17] + (id[^1] == '0' ? "1" : "0") : null,
            "phone" => "12345",
            "password" => "password1",
            "name" => "",
            _ => "robot",
        };
        var before = await InDb(db => db.Set<Account>().CountAsync());
        using var response = await PostAsync(App, "/api/v1/accounts/register", body);
        var problem = await ShouldBeProblemAsync(response, HttpStatusCode.BadRequest, field: field);
        FieldMessage(problem, field).ShouldContain(chinese);
        (await InDb(db => db.Set<Account>().CountAsync())).ShouldBe(before);
    }

    [Fact]
    public async Task An_enterprise_with_a_bad_credit_code_is_told_so_on_the_field_uscc()
    {
        var good = NewUscc();
        using var response = await PostAsync(App, "/api/v1/accounts/register", new
        {
            kind = "enterprise", name = "青山县某某有限公司", uscc = good[..17] + (good[^1] == 'A' ? "B" : "A"), phone = NewPhone(), password = Password,
        });
        var problem = await ShouldBeProblemAsync(response, HttpStatusCode.BadRequest, field: "uscc");
        FieldMessage(problem, "uscc").ShouldContain("统一社会信用代码");
    }

    [Fact]
    public async Task A_phone_or_ID_number_already_registered_is_refused_without_saying_whose()
    {
        var (_, phone, id) = await NewCitizenAsync(App, "赵大明");

        using var samePhone = await PostAsync(App, "/api/v1/accounts/register", new { kind = "citizen", name = "钱二", idNumber = NewCitizenId(), phone, password = Password });
        var p1 = await ShouldBeProblemAsync(samePhone, HttpStatusCode.BadRequest, field: "phone", rule: "already-registered");
        using var sameId = await PostAsync(App, "/api/v1/accounts/register", new { kind = "citizen", name = "钱二", idNumber = id, phone = NewPhone(), password = Password });
        var p2 = await ShouldBeProblemAsync(sameId, HttpStatusCode.BadRequest, field: "idNumber", rule: "already-registered");
        foreach (var p in new[] { p1, p2 })
        {
            p.ToString().ShouldNotContain("赵");
            p.ToString().ShouldNotContain(phone[^4..]);
        }
    }

    [Fact]
    public async Task A_registration_never_verified_holds_nothing_registering_again_replaces_it()
    {
        var (phone, id) = (NewPhone(), NewCitizenId());
        await RegisterCitizenAsync(App, phone, id, "孙甲");
        await RegisterCitizenAsync(App, phone, id, "孙乙");
        (await VerifyAsync(App, phone)).ShouldBe(phone);
        (await InDb(db => db.Set<Account>().Where(a => a.Username == phone).Select(a => a.DisplayName).ToListAsync())).ShouldBe(["孙乙"]);
    }

    [Fact]
    public async Task A_code_expires_after_10_minutes_and_a_new_one_may_be_asked_for_after_60_seconds()
    {
        var (phone, id) = (NewPhone(), NewCitizenId());
        await RegisterCitizenAsync(App, phone, id);
        var first = await LatestCodeAsync(App, phone);

        using (var tooSoon = await PostAsync(App, "/api/v1/accounts/send-code", new { phone, purpose = "register" }))
            await ShouldBeProblemAsync(tooSoon, (HttpStatusCode)429, rule: "code-too-soon");

        Clock.Advance(TimeSpan.FromMinutes(10) + TimeSpan.FromSeconds(1));
        using (var expired = await PostAsync(App, "/api/v1/accounts/verify-phone", new { phone, code = first }))
            await ShouldBeProblemAsync(expired, HttpStatusCode.BadRequest, field: "code", rule: "code-expired");

        using (var resend = await PostAsync(App, "/api/v1/accounts/send-code", new { phone, purpose = "register" }))
            resend.StatusCode.ShouldBe(HttpStatusCode.Accepted);
        (await VerifyAsync(App, phone)).ShouldBe(phone);
    }

    [Fact]
    public async Task Five_wrong_codes_kill_the_code_even_for_the_right_one()
    {
        var (phone, id) = (NewPhone(), NewCitizenId());
        await RegisterCitizenAsync(App, phone, id);
        var right = await LatestCodeAsync(App, phone);
        var wrong = right == "000000" ? "111111" : "000000";
        for (var i = 1; i <= 5; i++)
        {
            using var response = await PostAsync(App, "/api/v1/accounts/verify-phone", new { phone, code = wrong });
            await ShouldBeProblemAsync(response, HttpStatusCode.BadRequest, field: "code", rule: "code-wrong");
        }
        using (var dead = await PostAsync(App, "/api/v1/accounts/verify-phone", new { phone, code = right }))
            await ShouldBeProblemAsync(dead, HttpStatusCode.BadRequest, field: "code", rule: "code-attempts");
        using (var stillLocked = await PostAsync(App, "/api/v1/auth/token", new { username = phone, password = Password }))
            await ShouldBeProblemAsync(stillLocked, HttpStatusCode.Forbidden, rule: "phone-not-verified");
    }

    [Fact]
    public async Task Resetting_the_password_by_code_ends_the_old_token()
    {
        var (username, phone, _) = await NewCitizenAsync(App);
        var old = await App.ClientFor(username, Password);
        (await old.GetAsync("/api/v1/cases")).StatusCode.ShouldBe(HttpStatusCode.OK);

        Clock.Advance(TimeSpan.FromSeconds(61));
        using (var ask = await PostAsync(App, "/api/v1/accounts/reset-password", new { phone }))
            ask.StatusCode.ShouldBe(HttpStatusCode.Accepted);
        var code = await LatestCodeAsync(App, phone);
        using (var weak = await PostAsync(App, "/api/v1/accounts/reset-password", new { phone, code, newPassword = "12345678" }))
            await ShouldBeProblemAsync(weak, HttpStatusCode.BadRequest, field: "newPassword");
        using (var reset = await PostAsync(App, "/api/v1/accounts/reset-password", new { phone, code, newPassword = "Ganjiang-River-7" }))
            reset.StatusCode.ShouldBe(HttpStatusCode.NoContent, await reset.Content.ReadAsStringAsync());

        (await old.GetAsync("/api/v1/cases")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        using (var oldPassword = await PostAsync(App, "/api/v1/auth/token", new { username, password = Password }))
            oldPassword.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        using (var newPassword = await PostAsync(App, "/api/v1/auth/token", new { username, password = "Ganjiang-River-7" }))
            newPassword.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await InDb(db => db.Set<AuditEntry>().CountAsync(a => a.Action == "account.password-reset"))).ShouldBeGreaterThan(0);
    }

    [Fact]
    public async Task An_enterprise_registers_and_authorises_an_agent_who_then_sees_it_and_a_revoke_ends_it()
    {
        var (agentName, agentPhone, agentId) = await NewCitizenAsync(App, "周经办");
        var (enterpriseName, _) = await NewEnterpriseAsync(App, "青山县测试科技有限公司");
        enterpriseName.ShouldStartWith("qs");
        var enterprise = await App.ClientFor(enterpriseName, Password);
        var agent = await App.ClientFor(agentName, Password);

        var endsOn = OneSeal.Platform.Time.LegalDates.Today(Clock).AddMonths(6);
        using (var citizenTries = await agent.PostAsJsonAsync("/api/v1/my/agents", new { phone = NewPhone(), endsOn }))
            await ShouldBeProblemAsync(citizenTries, HttpStatusCode.Forbidden, rule: "enterprise-only");
        using (var nobody = await enterprise.PostAsJsonAsync("/api/v1/my/agents", new { phone = NewPhone(), endsOn }))
            await ShouldBeProblemAsync(nobody, HttpStatusCode.BadRequest, field: "phone", rule: "agent-not-found");
        using (var grant = await enterprise.PostAsJsonAsync("/api/v1/my/agents", new { idNumber = agentId, endsOn }))
            grant.StatusCode.ShouldBe(HttpStatusCode.Created, await grant.Content.ReadAsStringAsync());
        using (var again = await enterprise.PostAsJsonAsync("/api/v1/my/agents", new { phone = agentPhone, endsOn }))
            await ShouldBeProblemAsync(again, HttpStatusCode.Conflict, rule: "agent-already-granted");

        var mine = await enterprise.GetFromJsonAsync<MyAgentsDto>("/api/v1/my/agents", Web);
        var granted = mine!.Agents.ShouldHaveSingleItem();
        (granted.AgentName, granted.Active, granted.AgentPhoneMasked).ShouldBe(("周**", true, agentPhone[..3] + "****" + agentPhone[^4..]));
        (await agent.GetFromJsonAsync<MyAgentsDto>("/api/v1/my/agents", Web))!.ActingFor.ShouldHaveSingleItem().EnterpriseName.ShouldBe("青山县测试科技有限公司");

        // On the apply page of an item open to enterprises the agent may choose to apply for it.
        using var agentBrowser = App.Anonymous();
        (await SignInTestKit.PostLoginFormAsync(agentBrowser, agentName, Password)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        WebUtility.HtmlDecode(await agentBrowser.GetStringAsync($"/apply/{Demo.FoodLicence}")).ShouldContain("青山县测试科技有限公司（经办人代为办理）");
        WebUtility.HtmlDecode(await agentBrowser.GetStringAsync("/my/agents")).ShouldContain("青山县测试科技有限公司");

        (await enterprise.DeleteAsync($"/api/v1/my/agents/{granted.Id}")).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await agent.GetFromJsonAsync<MyAgentsDto>("/api/v1/my/agents", Web))!.ActingFor.ShouldBeEmpty();
        WebUtility.HtmlDecode(await agentBrowser.GetStringAsync($"/apply/{Demo.FoodLicence}")).ShouldNotContain("经办人代为办理");
        (await InDb(db => db.Set<AuditEntry>().Where(a => a.Action.StartsWith("agent.")).Select(a => a.Action).ToListAsync()))
            .ShouldBe(["agent.grant", "agent.revoke"], ignoreOrder: true);
    }

    [Fact]
    public async Task The_demo_SMS_outbox_page_shows_the_code_and_the_login_page_sends_an_unverified_applicant_to_the_code_step()
    {
        var (phone, id) = (NewPhone(), NewCitizenId());
        await RegisterCitizenAsync(App, phone, id);
        var page = WebUtility.HtmlDecode(await App.Anonymous().GetStringAsync("/dev/sms"));
        page.ShouldContain(phone);
        page.ShouldContain("验证码 " + await LatestCodeAsync(App, phone));

        using var browser = App.Anonymous();
        using var login = await SignInTestKit.PostLoginFormAsync(browser, phone, Password);
        login.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        login.Headers.Location!.ToString().ShouldStartWith("/account/verify-phone");
    }

    private sealed record AgentDto(Guid Id, string EnterpriseName, string AgentName, string AgentPhoneMasked, DateOnly EndsOn, bool Active);
    private sealed record MyAgentsDto(List<AgentDto> Agents, List<AgentDto> ActingFor);
}

public sealed class ApplicantSqliteApp() : OneSealFactory(DatabaseProvider.Sqlite, new OneSealFactoryOptions { Time = new FakeTimeProvider() });

public sealed class ApplicantPostgresApp() : OneSealFactory(DatabaseProvider.Postgres, new OneSealFactoryOptions { Time = new FakeTimeProvider() });

[Trait("Provider", "Sqlite")]
public sealed class ApplicantRegistrationTests_Sqlite(ApplicantSqliteApp app) : ApplicantRegistrationTests(app), IClassFixture<ApplicantSqliteApp>;

[Trait("Provider", "Postgres")]
public sealed class ApplicantRegistrationTests_Postgres(ApplicantPostgresApp app) : ApplicantRegistrationTests(app), IClassFixture<ApplicantPostgresApp>;
