using Microsoft.Extensions.DependencyInjection;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Identity;
using OneSeal.Organisation;
using OneSeal.Platform.Security;
using OneSeal.Tests.Infrastructure;
using OtpNet;

namespace OneSeal.Tests.Organisation;

/// <summary>
/// Production-mode sign-in with a second factor, for tests: accounts made in the database, enrolment through the API, and
/// the TOTP code computed from the secret at the app's clock (the fake one when the factory has it). A code is accepted
/// once: a test that signs in twice moves the fake clock on by <see cref="Step"/> between the two.
/// </summary>
public static class SecondFactorTestKit
{
    public const string Password = "Qingshan#Hall2026";
    public static readonly TimeSpan Step = TimeSpan.FromSeconds(30);

    /// <summary>A new staff account (no organisation: production mode has none seeded) holding <paramref name="roles"/>.</summary>
    public static Task<string> NewStaffAsync(OneSealFactory app, params string[] roles) => app.InDb(async db =>
    {
        var id = Guid.NewGuid();
        var account = new Account
        {
            Id = id, Username = "s" + id.ToString("N")[..12], DisplayName = "测试人员", Kind = AccountKind.Staff, PasswordHash = "",
            CreatedAt = DateTimeOffset.UnixEpoch, Roles = roles.Select(r => new AccountRole { AccountId = id, Role = r }).ToList(),
        };
        account.PasswordHash = app.Services.GetRequiredService<OneSeal.Organisation.Accounts.PasswordHashing>().Hasher.HashPassword(account, Password);
        db.Add(account);
        await db.SaveChangesAsync();
        return account.Username;
    });

    /// <summary>The six-digit code of <paramref name="secret"/> (base32, as the enrolment shows it) at the app's clock.</summary>
    public static string Code(OneSealFactory app, string secret) =>
        new Totp(Base32Encoding.ToBytes(secret.Replace(" ", ""))).ComputeTotp((app.Time?.GetUtcNow() ?? DateTimeOffset.UtcNow).UtcDateTime);

    /// <summary>Enrols through <c>POST /api/v1/auth/second-factor/enrol</c> and <c>/confirm</c>; returns the secret and the recovery codes.</summary>
    public static async Task<(string Secret, string[] RecoveryCodes)> EnrolAsync(OneSealFactory app, string username, string password = Password)
    {
        using var client = app.Anonymous();
        using var begin = await client.PostAsJsonAsync("/api/v1/auth/second-factor/enrol", new { username, password });
        var beginBody = await begin.Content.ReadAsStringAsync();
        begin.StatusCode.ShouldBe(HttpStatusCode.OK, beginBody);
        var secret = JsonDocument.Parse(beginBody).RootElement.GetProperty("secret").GetString()!;
        using var confirm = await client.PostAsJsonAsync("/api/v1/auth/second-factor/confirm", new { username, password, otp = Code(app, secret) });
        var confirmBody = await confirm.Content.ReadAsStringAsync();
        confirm.StatusCode.ShouldBe(HttpStatusCode.OK, confirmBody);
        var codes = JsonDocument.Parse(confirmBody).RootElement.GetProperty("recoveryCodes").EnumerateArray().Select(c => c.GetString()!).ToArray();
        app.Time?.Advance(Step); // the enrolment used this step's code
        return (secret, codes);
    }

    public static Task<HttpResponseMessage> PostTokenAsync(OneSealFactory app, string username, string? otp, string password = Password) =>
        app.Anonymous().PostAsJsonAsync("/api/v1/auth/token", new { username, password, otp });

    /// <summary>A bearer client for a staff account with a second factor (moves the fake clock on a step afterwards).</summary>
    public static async Task<HttpClient> ClientAsync(OneSealFactory app, string username, string secret, string password = Password)
    {
        using var response = await PostTokenAsync(app, username, Code(app, secret), password);
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(HttpStatusCode.OK, body);
        app.Time?.Advance(Step);
        var client = app.Anonymous();
        client.DefaultRequestHeaders.Authorization = new("Bearer", JsonDocument.Parse(body).RootElement.GetProperty("accessToken").GetString());
        return client;
    }

    /// <summary>A cookie-keeping client signed in through the login form and the code page, like a browser.</summary>
    public static async Task<HttpClient> CookieBrowserAsync(OneSealFactory app, string username, string secret, string password = Password)
    {
        var browser = app.Anonymous();
        using (var login = await SignInTestKit.PostLoginFormAsync(browser, username, password))
        {
            login.StatusCode.ShouldBe(HttpStatusCode.Redirect, await login.Content.ReadAsStringAsync());
            login.Headers.Location!.OriginalString.ShouldBe("/account/second-factor");
        }
        using var code = await browser.PostAsync("/account/second-factor", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Code"] = Code(app, secret),
            ["__RequestVerificationToken"] = await SignInTestKit.FormTokenAsync(browser, "/account/second-factor"),
        }));
        code.StatusCode.ShouldBe(HttpStatusCode.Redirect, await code.Content.ReadAsStringAsync());
        app.Time?.Advance(Step);
        return browser;
    }
}
