using System.Net;
using OneSeal.Platform.Database;
using OneSeal.Tests.Api;
using OneSeal.Tests.Infrastructure;
using static OneSeal.Tests.Organisation.SignInTestKit;

namespace OneSeal.Tests.Organisation;

/// <summary>Defect 13: sign-in attempts are limited per client address (429), on the API and the login form alike.</summary>
[Trait("Provider", "Sqlite")]
public sealed class SignInRateLimitTests(SignInRateLimitTests.App3 app) : CaseApiTestBase(app), IClassFixture<SignInRateLimitTests.App3>
{
    /// <summary>Three sign-in attempts per address and minute.</summary>
    public sealed class App3() : OneSealFactory(DatabaseProvider.Sqlite, new OneSealFactoryOptions
    {
        Settings = new Dictionary<string, string?> { ["SignIn:PermitsPerMinute"] = "3" },
    });

    [Fact]
    public async Task Defect13_sign_in_attempts_beyond_the_limit_are_429_on_the_API_and_the_login_page()
    {
        // Before: 30 wrong passwords in a row were all answered, the 31st attempt signed in.
        for (var i = 0; i < 3; i++)
            (await PostTokenAsync(App, "clerk2", "wrong-" + i)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);

        using var api = await PostTokenAsync(App, "clerk2");
        var problem = await ShouldBeProblemAsync(api, HttpStatusCode.TooManyRequests, rule: "too-many-sign-ins");
        problem.GetProperty("title").GetString()!.ShouldContain("过于频繁");
        api.Headers.RetryAfter.ShouldNotBeNull();

        using var refresh = await App.Anonymous().PostAsync("/api/v1/auth/refresh",
            new StringContent("{\"refreshToken\":\"x\"}", System.Text.Encoding.UTF8, "application/json"));
        await ShouldBeProblemAsync(refresh, HttpStatusCode.TooManyRequests);

        // The login form can still be read, but posting it is refused with a Chinese page.
        using var browser = App.Anonymous();
        using var page = await PostLoginFormAsync(browser, "clerk2");
        page.StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
        page.Content.Headers.ContentType!.MediaType.ShouldBe("text/html");
        (await page.Content.ReadAsStringAsync()).ShouldContain("登录尝试过于频繁");
    }
}
