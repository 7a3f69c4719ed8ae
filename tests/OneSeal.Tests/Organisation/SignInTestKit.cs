using Microsoft.Extensions.DependencyInjection;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using OneSeal.Organisation;
using OneSeal.Platform.Security;
using OneSeal.Tests.Infrastructure;

namespace OneSeal.Tests.Organisation;

/// <summary>Fresh accounts, token and login-form sign-ins for the sign-in security tests (each test its own account).</summary>
public static partial class SignInTestKit
{
    public const string Password = OneSealFactory.DemoPassword;

    /// <summary>A new staff account of the bureau (XZSPJ, or <paramref name="agencyCode"/>) with <paramref name="role"/>, password <see cref="Password"/>.</summary>
    public static Task<string> NewStaffAsync(OneSealFactory app, string role = Roles.Clerk, string agencyCode = "XZSPJ", string displayName = "测试人员") => app.InDb(async db =>
    {
        var bureau = await db.Set<Agency>().Where(a => a.Code == agencyCode).Select(a => a.Id).SingleAsync();
        var id = Guid.NewGuid();
        var account = new Account
        {
            Id = id, Username = "u" + id.ToString("N")[..12], DisplayName = displayName, Kind = AccountKind.Staff, PasswordHash = "",
            OrganisationId = bureau, CreatedAt = DateTimeOffset.UnixEpoch, Roles = [new AccountRole { AccountId = id, Role = role }],
        };
        account.PasswordHash = app.Services.GetRequiredService<OneSeal.Organisation.Accounts.PasswordHashing>().Hasher.HashPassword(account, Password);
        db.Add(account);
        await db.SaveChangesAsync();
        return account.Username;
    });

    public static Task<HttpResponseMessage> PostTokenAsync(OneSealFactory app, string username, string password = Password) =>
        app.Anonymous().PostAsJsonAsync("/api/v1/auth/token", new { username, password });

    /// <summary>Signs in through the token endpoint; returns the parsed body (accessToken, expiresIn, refreshToken).</summary>
    public static async Task<JsonElement> TokensAsync(OneSealFactory app, string username)
    {
        using var response = await PostTokenAsync(app, username);
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(HttpStatusCode.OK, body);
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    public static HttpClient Bearer(OneSealFactory app, string accessToken)
    {
        var client = app.Anonymous();
        client.DefaultRequestHeaders.Authorization = new("Bearer", accessToken);
        return client;
    }

    /// <summary>Posts the login form (with its antiforgery token) in a client that keeps cookies, like a browser.</summary>
    public static async Task<HttpResponseMessage> PostLoginFormAsync(HttpClient browser, string username, string password = Password) =>
        await browser.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Username"] = username,
            ["Password"] = password,
            ["__RequestVerificationToken"] = await FormTokenAsync(browser, "/account/login"),
        }));

    /// <summary>A browser (cookie-keeping client, no redirects followed) signed in through the login form.</summary>
    public static async Task<HttpClient> CookieBrowserAsync(OneSealFactory app, string username)
    {
        var browser = app.Anonymous();
        using var response = await PostLoginFormAsync(browser, username);
        response.StatusCode.ShouldBe(HttpStatusCode.Redirect, await response.Content.ReadAsStringAsync());
        return browser;
    }

    /// <summary>The antiforgery token of the form on <paramref name="path"/>.</summary>
    public static async Task<string> FormTokenAsync(HttpClient browser, string path)
    {
        var form = await browser.GetStringAsync(path);
        var token = AntiforgeryField().Match(form);
        token.Success.ShouldBeTrue($"{path} carries an antiforgery token");
        return WebUtility.HtmlDecode(token.Groups[1].Value);
    }

    /// <summary>The value of the <c>oneseal.auth</c> cookie that <paramref name="browser"/>'s last sign-in set.</summary>
    public static string AuthCookieOf(HttpResponseMessage signIn) =>
        signIn.Headers.GetValues("Set-Cookie").Select(v => v.Split(';')[0]).Single(v => v.StartsWith("oneseal.auth=", StringComparison.Ordinal));

    [GeneratedRegex(@"name=""__RequestVerificationToken""[^>]*?value=""([^""]+)""")]
    private static partial Regex AntiforgeryField();
}
