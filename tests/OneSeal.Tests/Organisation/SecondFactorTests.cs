using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using OneSeal.Organisation;
using OneSeal.Platform.Audit;
using OneSeal.Platform.Database;
using OneSeal.Tests.Api;
using OneSeal.Tests.Infrastructure;
using static OneSeal.Tests.Organisation.SecondFactorTestKit;

namespace OneSeal.Tests.Organisation;

/// <summary>
/// Issue 10 §6 in production mode: staff sign in with a TOTP second factor (enrolled first), recovery codes work once,
/// wrong codes count toward the lockout, the security administrator unlocks, resets and signs out, a password change
/// ends the other sessions, and staff cookies time out after 30 idle minutes. Every step lands in the audit trail.
/// </summary>
public abstract class SecondFactorTests(OneSealFactory app) : CaseApiTestBase(app)
{
    private FakeTimeProvider Clock => App.Time!;

    private Task<List<string>> AuditOfAsync(string username) =>
        InDb(db => db.Set<AuditEntry>().Where(a => a.EntityType == "account" && a.EntityId == username).OrderBy(a => a.Id).Select(a => a.Action).ToListAsync());

    [Fact]
    public async Task Staff_enrol_then_the_token_needs_a_current_TOTP_code_which_works_once()
    {
        var username = await NewStaffAsync(App, Roles.Clerk);
        using (var notEnrolled = await PostTokenAsync(App, username, null))
            await ShouldBeProblemAsync(notEnrolled, HttpStatusCode.Unauthorized, field: "otp", rule: "second-factor-enrolment-required");

        var (secret, recovery) = await EnrolAsync(App, username);
        recovery.Length.ShouldBe(10);
        recovery.Distinct().Count().ShouldBe(10);
        var stored = await InDb(db => db.Set<Account>().AsNoTracking().SingleAsync(a => a.Username == username));
        stored.TotpSecretProtected.ShouldNotBeNull().ShouldNotContain(secret, Case.Sensitive, "the secret is encrypted at rest");
        (await InDb(db => db.Set<OneSeal.Organisation.Accounts.RecoveryCode>().Where(r => r.AccountId == stored.Id).Select(r => r.CodeHash).ToListAsync()))
            .ShouldNotContain(recovery[0], "recovery codes are stored hashed");

        using (var missing = await PostTokenAsync(App, username, null))
        {
            var problem = await ShouldBeProblemAsync(missing, HttpStatusCode.Unauthorized, field: "otp", rule: "otp-required");
            problem.GetProperty("title").GetString()!.ShouldContain("动态验证码");
        }
        using (var wrong = await PostTokenAsync(App, username, "000000"))
            await ShouldBeProblemAsync(wrong, HttpStatusCode.Unauthorized, field: "otp", rule: "otp-invalid");
        var code = Code(App, secret);
        using (var right = await PostTokenAsync(App, username, code))
            await ShouldBeAsync(right, HttpStatusCode.OK);
        using (var replayed = await PostTokenAsync(App, username, code))
            await ShouldBeProblemAsync(replayed, HttpStatusCode.Unauthorized, field: "otp", rule: "otp-invalid");
        using (var wrongPassword = await PostTokenAsync(App, username, Code(App, secret), "Wrong#Password2026"))
            await ShouldBeProblemAsync(wrongPassword, HttpStatusCode.Unauthorized, rule: null);

        var audit = await AuditOfAsync(username);
        audit.ShouldContain("auth.second-factor-enrolled");
        audit.Count(a => a == "auth.second-factor-failed").ShouldBe(2);
        audit.ShouldContain("auth.sign-in");
    }

    [Fact]
    public async Task A_recovery_code_signs_in_once()
    {
        var username = await NewStaffAsync(App, Roles.Reviewer);
        var (_, recovery) = await EnrolAsync(App, username);
        using (var first = await PostTokenAsync(App, username, recovery[3].ToUpperInvariant()))
            await ShouldBeAsync(first, HttpStatusCode.OK);
        using (var again = await PostTokenAsync(App, username, recovery[3]))
            await ShouldBeProblemAsync(again, HttpStatusCode.Unauthorized, field: "otp", rule: "otp-invalid");
        (await AuditOfAsync(username)).ShouldContain("auth.recovery-code-used");
    }

    [Fact]
    public async Task Five_wrong_codes_lock_the_account_even_for_the_right_code_and_the_security_administrator_unlocks_it()
    {
        var username = await NewStaffAsync(App, Roles.Clerk);
        var (secret, _) = await EnrolAsync(App, username);
        for (var i = 0; i < 4; i++)
            using (var wrong = await PostTokenAsync(App, username, "12345" + i))
                await ShouldBeProblemAsync(wrong, HttpStatusCode.Unauthorized, field: "otp");
        using (var fifth = await PostTokenAsync(App, username, "999999"))
            await ShouldBeProblemAsync(fifth, HttpStatusCode.Locked, rule: "account-locked");
        using (var right = await PostTokenAsync(App, username, Code(App, secret)))
            await ShouldBeProblemAsync(right, HttpStatusCode.Locked, rule: "account-locked");

        var secadmin = await NewStaffAsync(App, Roles.SecurityAdmin);
        var (adminSecret, _) = await EnrolAsync(App, secadmin);
        using var admin = await ClientAsync(App, secadmin, adminSecret);
        var locked = await admin.GetFromJsonAsync<List<LockedRow>>("/api/v1/admin/security/locked");
        var row = locked.ShouldNotBeNull().Where(r => r.Username == username).ShouldHaveSingleItem();
        using (var unlock = await admin.PostAsync($"/api/v1/admin/security/accounts/{row.Id}/unlock", null))
            await ShouldBeAsync(unlock, HttpStatusCode.NoContent);
        using (var afterwards = await PostTokenAsync(App, username, Code(App, secret)))
            await ShouldBeAsync(afterwards, HttpStatusCode.OK);

        var audit = await AuditOfAsync(username);
        audit.Count(a => a == "auth.second-factor-failed").ShouldBe(5);
        audit.ShouldContain("auth.locked-out");
        audit.ShouldContain("account.unlocked");
    }

    [Fact]
    public async Task The_security_administrator_resets_a_lost_second_factor_and_signs_a_user_out_others_may_not()
    {
        var username = await NewStaffAsync(App, Roles.Clerk);
        var (secret, _) = await EnrolAsync(App, username);
        using var clerk = await ClientAsync(App, username, secret);
        var id = await AccountIdAsync(username);

        var secadmin = await NewStaffAsync(App, Roles.SecurityAdmin);
        var (adminSecret, _) = await EnrolAsync(App, secadmin);
        using var admin = await ClientAsync(App, secadmin, adminSecret);

        // The system administrator (and anyone else) may not: 三员分立.
        var sysadmin = await NewStaffAsync(App, Roles.Admin);
        var (sysSecret, _) = await EnrolAsync(App, sysadmin);
        using var system = await ClientAsync(App, sysadmin, sysSecret);
        foreach (var action in new[] { "unlock", "reset-2fa", "sign-out" })
            using (var refused = await system.PostAsync($"/api/v1/admin/security/accounts/{id}/{action}", null))
                await ShouldBeProblemAsync(refused, HttpStatusCode.Forbidden);
        using (var refusedList = await clerk.GetAsync("/api/v1/admin/security/locked"))
            await ShouldBeProblemAsync(refusedList, HttpStatusCode.Forbidden);

        using (var signOut = await admin.PostAsync($"/api/v1/admin/security/accounts/{id}/sign-out", null))
            await ShouldBeAsync(signOut, HttpStatusCode.NoContent);
        using (var ended = await clerk.GetAsync("/api/v1/cases"))
            ended.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);

        using (var reset = await admin.PostAsync($"/api/v1/admin/security/accounts/{id}/reset-2fa", null))
            await ShouldBeAsync(reset, HttpStatusCode.NoContent);
        using (var oldCode = await PostTokenAsync(App, username, Code(App, secret)))
            await ShouldBeProblemAsync(oldCode, HttpStatusCode.Unauthorized, field: "otp", rule: "second-factor-enrolment-required");
        var (newSecret, _) = await EnrolAsync(App, username);
        newSecret.ShouldNotBe(secret);
        using (var again = await PostTokenAsync(App, username, Code(App, newSecret)))
            await ShouldBeAsync(again, HttpStatusCode.OK);

        using (var missing = await admin.PostAsync($"/api/v1/admin/security/accounts/{Guid.NewGuid()}/unlock", null))
            await ShouldBeProblemAsync(missing, HttpStatusCode.NotFound);
        var audit = await AuditOfAsync(username);
        audit.ShouldContain("auth.signed-out-by-admin");
        audit.ShouldContain("auth.second-factor-reset");
    }

    [Fact]
    public async Task Changing_the_password_ends_the_other_sessions_and_keeps_this_one()
    {
        var username = await NewStaffAsync(App, Roles.Clerk);
        var (secret, _) = await EnrolAsync(App, username);
        using var api = await ClientAsync(App, username, secret);
        using var browser = await CookieBrowserAsync(App, username, secret);

        const string newPassword = "Ganjiang#River2027";
        using (var weak = await PostPasswordAsync(browser, Password, "password123", "password123"))
            WebUtility.HtmlDecode(await weak.Content.ReadAsStringAsync()).ShouldContain("密码至少 12 个字符");
        using (var changed = await PostPasswordAsync(browser, Password, newPassword, newPassword))
        {
            changed.StatusCode.ShouldBe(HttpStatusCode.Redirect, await changed.Content.ReadAsStringAsync());
            changed.Headers.Location!.OriginalString.ShouldBe("/account/security");
        }
        using (var stillHere = await browser.GetAsync("/account/security"))
            stillHere.StatusCode.ShouldBe(HttpStatusCode.OK, "this session stays signed in");
        using (var ended = await api.GetAsync("/api/v1/cases"))
            ended.StatusCode.ShouldBe(HttpStatusCode.Unauthorized, "the other session ended");
        using (var newOne = await PostTokenAsync(App, username, Code(App, secret), newPassword))
            await ShouldBeAsync(newOne, HttpStatusCode.OK);
        (await AuditOfAsync(username)).ShouldContain("auth.password-changed");
    }

    [Fact]
    public async Task Staff_pages_time_out_after_30_idle_minutes()
    {
        var username = await NewStaffAsync(App, Roles.Clerk);
        var (secret, _) = await EnrolAsync(App, username);
        using var browser = await CookieBrowserAsync(App, username, secret);
        Clock.Advance(TimeSpan.FromMinutes(25));
        using (var active = await browser.GetAsync("/account/security"))
            active.StatusCode.ShouldBe(HttpStatusCode.OK, "25 minutes idle: still signed in (and the cookie slides on)");
        Clock.Advance(TimeSpan.FromMinutes(25));
        using (var stillActive = await browser.GetAsync("/account/security"))
            stillActive.StatusCode.ShouldBe(HttpStatusCode.OK, "50 minutes after sign-in but 25 idle");
        Clock.Advance(TimeSpan.FromMinutes(31));
        using (var idle = await browser.GetAsync("/account/security"))
        {
            idle.StatusCode.ShouldBe(HttpStatusCode.Redirect, "31 idle minutes end a staff session");
            idle.Headers.Location!.ToString().ShouldContain("/account/login");
        }
    }

    [Fact]
    public async Task The_security_administrators_page_lists_a_locked_account_and_unlocks_it_others_may_not_open_it()
    {
        var username = await NewStaffAsync(App, Roles.Clerk);
        var (secret, _) = await EnrolAsync(App, username);
        for (var i = 0; i < 5; i++) (await PostTokenAsync(App, username, "00000" + i)).StatusCode.ShouldNotBe(HttpStatusCode.OK);

        var secadmin = await NewStaffAsync(App, Roles.SecurityAdmin);
        var (adminSecret, _) = await EnrolAsync(App, secadmin);
        using var browser = await CookieBrowserAsync(App, secadmin, adminSecret);
        var page = WebUtility.HtmlDecode(await browser.GetStringAsync("/admin/security"));
        page.ShouldContain(username);
        page.ShouldContain("工作人员登录必须使用动态验证码");
        var id = await AccountIdAsync(username);
        using (var unlock = await browser.PostAsync($"/admin/security?handler=Unlock&id={id}", new FormUrlEncodedContent(new Dictionary<string, string>
               {
                   ["__RequestVerificationToken"] = await SignInTestKit.FormTokenAsync(browser, "/admin/security?username=" + username),
               })))
            unlock.StatusCode.ShouldBe(HttpStatusCode.Redirect, await unlock.Content.ReadAsStringAsync());
        WebUtility.HtmlDecode(await browser.GetStringAsync("/admin/security")).ShouldContain("当前没有被锁定的账号");
        using (var signIn = await PostTokenAsync(App, username, Code(App, secret)))
            await ShouldBeAsync(signIn, HttpStatusCode.OK);
        Clock.Advance(Step); // that code is used up

        using var clerk = await CookieBrowserAsync(App, username, secret);
        using (var refused = await clerk.GetAsync("/admin/security"))
            refused.StatusCode.ShouldBe(HttpStatusCode.Redirect, "a clerk is sent to the access-denied page");
        (await AuditOfAsync(username)).ShouldContain("account.unlocked");
    }

    private static async Task<HttpResponseMessage> PostPasswordAsync(HttpClient browser, string current, string password, string confirm) =>
        await browser.PostAsync("/account/password", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["CurrentPassword"] = current,
            ["NewPassword"] = password,
            ["ConfirmPassword"] = confirm,
            ["__RequestVerificationToken"] = await SignInTestKit.FormTokenAsync(browser, "/account/password"),
        }));

    private sealed record LockedRow(Guid Id, string Username);
}

public sealed class ProductionSqliteApp() : OneSealFactory(DatabaseProvider.Sqlite, new OneSealFactoryOptions { Mode = "Production", Time = new FakeTimeProvider() });

public sealed class ProductionPostgresApp() : OneSealFactory(DatabaseProvider.Postgres, new OneSealFactoryOptions { Mode = "Production", Time = new FakeTimeProvider() });

[Trait("Provider", "Sqlite")]
public sealed class SecondFactorTests_Sqlite(ProductionSqliteApp app) : SecondFactorTests(app), IClassFixture<ProductionSqliteApp>;

[Trait("Provider", "Postgres")]
public sealed class SecondFactorTests_Postgres(ProductionPostgresApp app) : SecondFactorTests(app), IClassFixture<ProductionPostgresApp>;
