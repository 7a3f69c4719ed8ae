using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using OneSeal.Organisation;
using OneSeal.Organisation.Accounts;
using OneSeal.Platform.Database;
using OneSeal.Tests.Api;
using OneSeal.Tests.Infrastructure;
using static OneSeal.Tests.Organisation.SignInTestKit;

namespace OneSeal.Tests.Organisation;

/// <summary>
/// Defect 14: cookies and tokens are checked against the account's security stamp, so disabling an account, changing its
/// roles or password, and signing out end them; access tokens live an hour and refresh tokens work once.
/// </summary>
public abstract class SessionEndTests(OneSealFactory app) : CaseApiTestBase(app)
{
    private async Task<(HttpClient Api, HttpClient Browser)> SignedInTwiceAsync(string username)
    {
        var tokens = await TokensAsync(App, username);
        var api = Bearer(App, tokens.GetProperty("accessToken").GetString()!);
        var browser = await CookieBrowserAsync(App, username);
        (await api.GetAsync("/api/v1/cases?scope=acceptance")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await browser.GetAsync("/hall")).StatusCode.ShouldBe(HttpStatusCode.OK);
        return (api, browser);
    }

    private static async Task ShouldBeSignedOutAsync(HttpClient api, HttpClient browser)
    {
        (await api.GetAsync("/api/v1/cases?scope=acceptance")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        using var hall = await browser.GetAsync("/hall");
        hall.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        hall.Headers.Location!.ToString().ShouldContain("/account/login", Case.Sensitive, "the old cookie is sent back to sign in");
    }

    private Task ChangeAsync(string username, Action<Account> change) => InDb(async db =>
    {
        change(await db.Set<Account>().Include(a => a.Roles).SingleAsync(a => a.Username == username));
        await db.SaveChangesAsync();
    });

    [Fact]
    public async Task Defect14_disabling_an_account_ends_its_bearer_token_and_its_cookie()
    {
        // Before: the old token still accepted a case (200) and the cookie still opened the workbench.
        var username = await NewStaffAsync(App);
        var (api, browser) = await SignedInTwiceAsync(username);

        await ChangeAsync(username, a => a.Disable());

        await ShouldBeSignedOutAsync(api, browser);
        (await PostTokenAsync(App, username)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Defect14_a_disabled_flag_set_directly_in_the_database_also_ends_the_sessions()
    {
        var username = await NewStaffAsync(App);
        var (api, browser) = await SignedInTwiceAsync(username);

        await InDb(db => db.Set<Account>().Where(a => a.Username == username).ExecuteUpdateAsync(u => u.SetProperty(a => a.Disabled, true)));

        await ShouldBeSignedOutAsync(api, browser);
    }

    [Fact]
    public async Task Defect14_a_role_change_ends_the_sessions_that_carry_the_old_roles()
    {
        var username = await NewStaffAsync(App);
        var (api, browser) = await SignedInTwiceAsync(username);

        await ChangeAsync(username, a => a.SetRoles([Roles.Reviewer]));

        await ShouldBeSignedOutAsync(api, browser);
    }

    [Fact]
    public async Task Defect14_a_password_change_ends_the_sessions()
    {
        var username = await NewStaffAsync(App);
        var (api, browser) = await SignedInTwiceAsync(username);

        await ChangeAsync(username, a => a.SetPasswordHash(new PasswordHasher<Account>().HashPassword(a, "Another#Password1")));

        await ShouldBeSignedOutAsync(api, browser);
        (await PostTokenAsync(App, username, "Another#Password1")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Defect14_a_cookie_captured_before_sign_out_no_longer_works()
    {
        var username = await NewStaffAsync(App);
        using var browser = App.Anonymous();
        using var signIn = await PostLoginFormAsync(browser, username);
        var captured = AuthCookieOf(signIn);

        using var signOut = await browser.PostAsync("/account/logout", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = await FormTokenAsync(browser, "/account/logout"),
        }));
        signOut.StatusCode.ShouldBe(HttpStatusCode.Redirect);

        // Someone who copied the cookie before sign-out replays it.
        using var thief = App.Anonymous();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/hall");
        request.Headers.Add("Cookie", captured);
        using var replay = await thief.SendAsync(request);
        replay.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        replay.Headers.Location!.ToString().ShouldContain("/account/login");
    }

    [Fact]
    public async Task Signing_out_everywhere_on_the_security_page_ends_the_other_sessions_of_that_person_only()
    {
        var username = await NewStaffAsync(App);
        var (api, otherBrowser) = await SignedInTwiceAsync(username);
        var refreshToken = (await TokensAsync(App, username)).GetProperty("refreshToken").GetString()!;
        var (colleagueApi, colleagueBrowser) = await SignedInTwiceAsync(await NewStaffAsync(App));
        using var browser = await CookieBrowserAsync(App, username);

        using var post = await browser.PostAsync("/account/security?handler=SignOutEverywhere", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = await FormTokenAsync(browser, "/account/security"),
        }));
        post.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        post.Headers.Location!.ToString().ShouldContain("/account/login");

        // The phone's token, its refresh token, the other computer's cookie and this browser all end …
        await ShouldBeSignedOutAsync(api, otherBrowser);
        using (var refresh = await RefreshAsync(refreshToken))
            await ShouldBeProblemAsync(refresh, HttpStatusCode.Unauthorized);
        using (var self = await browser.GetAsync("/hall")) self.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        // … a colleague's sessions do not, and the person signs in again with the same password.
        (await colleagueApi.GetAsync("/api/v1/cases?scope=acceptance")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await colleagueBrowser.GetAsync("/hall")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await PostTokenAsync(App, username)).StatusCode.ShouldBe(HttpStatusCode.OK);
        var id = await AccountIdAsync(username);
        (await InDb(db => db.Set<OneSeal.Platform.Audit.AuditEntry>().CountAsync(a => a.Action == "auth.sign-out-everywhere" && a.ActorId == id))).ShouldBe(1);
    }

    [Fact]
    public async Task Defect14_signing_out_through_the_API_ends_the_token_and_its_refresh_token()
    {
        var username = await NewStaffAsync(App);
        var tokens = await TokensAsync(App, username);
        using var api = Bearer(App, tokens.GetProperty("accessToken").GetString()!);

        (await api.PostAsync("/api/v1/auth/sign-out", null)).StatusCode.ShouldBe(HttpStatusCode.NoContent);

        (await api.GetAsync("/api/v1/cases")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        using var refresh = await RefreshAsync(tokens.GetProperty("refreshToken").GetString()!);
        await ShouldBeProblemAsync(refresh, HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Defect14_an_access_token_lives_at_most_an_hour_and_a_refresh_token_works_once()
    {
        // Before: tokens lived 8 hours and the returned refreshToken was accepted nowhere.
        var username = await NewStaffAsync(App);
        var first = await TokensAsync(App, username);
        first.GetProperty("expiresIn").GetInt64().ShouldBeLessThanOrEqualTo(3600);
        using var old = Bearer(App, first.GetProperty("accessToken").GetString()!);

        App.Time!.Advance(TimeSpan.FromMinutes(61));
        (await old.GetAsync("/api/v1/cases")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized, "an access token expires after an hour");

        var refreshToken = first.GetProperty("refreshToken").GetString()!;
        using var refreshed = await RefreshAsync(refreshToken);
        await ShouldBeAsync(refreshed, HttpStatusCode.OK);
        var second = await refreshed.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>();
        second.GetProperty("refreshToken").GetString().ShouldNotBe(refreshToken, "refresh tokens rotate");
        using var renewed = Bearer(App, second.GetProperty("accessToken").GetString()!);
        (await renewed.GetAsync("/api/v1/cases")).StatusCode.ShouldBe(HttpStatusCode.OK);

        // Only hashes are stored.
        var hashes = await InDb(db => db.Set<RefreshToken>().Where(t => t.AccountId == db.Set<Account>().Single(a => a.Username == username).Id)
            .Select(t => t.TokenHash).ToListAsync());
        hashes.Count.ShouldBe(2);
        hashes.ShouldNotContain(refreshToken);
        hashes.ShouldContain(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(refreshToken))));

        // A used refresh token presented again was copied: refused, and the account's sessions end.
        using var reused = await RefreshAsync(refreshToken);
        await ShouldBeProblemAsync(reused, HttpStatusCode.Unauthorized);
        (await renewed.GetAsync("/api/v1/cases")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        using var afterReuse = await RefreshAsync(second.GetProperty("refreshToken").GetString()!);
        await ShouldBeProblemAsync(afterReuse, HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Defect14_a_refresh_token_of_a_disabled_account_or_an_unknown_one_is_refused()
    {
        var username = await NewStaffAsync(App);
        var tokens = await TokensAsync(App, username);
        await ChangeAsync(username, a => a.Disable());

        await ShouldBeProblemAsync(await RefreshAsync(tokens.GetProperty("refreshToken").GetString()!), HttpStatusCode.Unauthorized);
        await ShouldBeProblemAsync(await RefreshAsync("not-a-refresh-token"), HttpStatusCode.Unauthorized);
        await ShouldBeProblemAsync(await App.Anonymous().PostAsJsonAsync("/api/v1/auth/refresh", new { }), HttpStatusCode.BadRequest, field: "refreshToken");
    }

    private Task<HttpResponseMessage> RefreshAsync(string refreshToken) =>
        App.Anonymous().PostAsJsonAsync("/api/v1/auth/refresh", new { refreshToken });
}

[Trait("Provider", "Sqlite")]
public sealed class SessionEndTests_Sqlite(SignInSqliteApp app) : SessionEndTests(app), IClassFixture<SignInSqliteApp>;

[Trait("Provider", "Postgres")]
public sealed class SessionEndTests_Postgres(SignInPostgresApp app) : SessionEndTests(app), IClassFixture<SignInPostgresApp>;
