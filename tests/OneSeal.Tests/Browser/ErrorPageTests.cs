using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using OneSeal.Platform.Database;
using OneSeal.Platform.Http;
using OneSeal.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace OneSeal.Tests.Browser;

/// <summary>
/// Issue 8 defect 8: <c>/monitor</c> and <c>/admin</c> in a browser showed a problem+json body. Pages now answer with an
/// HTML page in the site's layout and the right status (404, 403, 400, 500 with the trace id); the API keeps
/// problem+json. Failures are provoked by <see cref="FaultRoutes"/>, routes that exist only in this fixture. No database
/// is involved beyond the app's start, so SQLite only.
/// </summary>
[Collection(BrowserCollection.Name)]
[Trait("Provider", "Sqlite")]
public sealed class ErrorPageTests(FaultyKestrelApp app, BrowserFixture browser) : IClassFixture<FaultyKestrelApp>
{
    [Fact]
    public async Task Defect08_pages_get_html_error_pages_in_the_site_layout_and_the_api_keeps_problem_json()
    {
        await using var users = new BrowserUsers(browser, app);
        await users.RunAsync(nameof(Defect08_pages_get_html_error_pages_in_the_site_layout_and_the_api_keeps_problem_json), async () =>
        {
            var page = await users.AnonymousAsync();
            foreach (var path in new[] { "/monitor", "/admin", "/items/QS-NO-SUCH/guide.pdf" })
            {
                var response = (await page.GotoAsync(path)).ShouldNotBeNull();
                response.Status.ShouldBe(404, path);
                response.Headers["content-type"].ShouldStartWith("text/html");
                await ExpectSiteLayoutAsync(page);
                await Expect(page.Locator("#error-status")).ToHaveTextAsync("404");
            }
            await Expect(page.Locator("h1")).ToContainTextAsync("页面不存在");
            // A rule's own message where one said no (the guide PDF of an item that does not exist).
            await Expect(page.Locator("#error-message")).ToContainTextAsync("QS-NO-SUCH");

            var failed = (await page.GotoAsync("/test/fault")).ShouldNotBeNull();
            failed.Status.ShouldBe(500);
            await ExpectSiteLayoutAsync(page);
            await Expect(page.Locator("h1")).ToContainTextAsync("服务器出错了");
            await Expect(page.Locator("#trace-id")).Not.ToBeEmptyAsync();
            (await page.ContentAsync()).ShouldNotContain(FaultRoutes.Secret, customMessage: "an exception's text is not for the public");

            var refused = (await page.GotoAsync("/test/forbidden")).ShouldNotBeNull();
            refused.Status.ShouldBe(403);
            await ExpectSiteLayoutAsync(page);
            await Expect(page.Locator("#error-message")).ToHaveTextAsync(FaultRoutes.ForbiddenMessage);

            // A form posted without its antiforgery token: 400, still a page.
            var stale = await page.APIRequest.PostAsync("/account/login", new() { Form = page.APIRequest.CreateFormData().Set("username", "x") });
            stale.Status.ShouldBe(400);
            stale.Headers["content-type"].ShouldStartWith("text/html");
            (await stale.TextAsync()).ShouldContain("请求未能完成");

            // A signed-in clerk on an administrator's page: the access-denied page, 403, in the layout.
            var clerk = await users.SignedInAsync("clerk");
            var denied = (await clerk.GotoAsync("/admin/catalog")).ShouldNotBeNull();
            denied.Status.ShouldBe(403);
            await ExpectSiteLayoutAsync(clerk);
            await Expect(clerk.Locator("h1")).ToContainTextAsync("无权访问");

            // The API: problem+json as before, for a missing route, a failure (with its trace id) and a rule.
            foreach (var (path, status) in new[] { ("/api/v1/no-such-thing", 404), ("/api/v1/test/fault", 500), ("/api/v1/items/QS-NO-SUCH", 404) })
            {
                var api = await page.APIRequest.GetAsync(path);
                api.Status.ShouldBe(status, path);
                api.Headers["content-type"].ShouldStartWith("application/problem+json", customMessage: path);
                var problem = await api.JsonAsync();
                problem!.Value.GetProperty("status").GetInt32().ShouldBe(status);
                problem.Value.GetProperty("traceId").GetString().ShouldNotBeNullOrEmpty();
            }
        });
    }

    private static async Task ExpectSiteLayoutAsync(IPage page)
    {
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "zh-CN");
        await Expect(page.Locator("header.top nav")).ToBeVisibleAsync();
        await Expect(page.Locator("main a[href='/']")).ToContainTextAsync("返回首页");
        (await page.ContentAsync()).ShouldNotContain("\"traceId\"");
    }
}

/// <summary>The app with <see cref="FaultRoutes"/> added: a page and an API route that throw.</summary>
public sealed class FaultyKestrelApp() : OneSealFactory(DatabaseProvider.Sqlite, new OneSealFactoryOptions
{
    Kestrel = true,
    Services = s => s.AddTransient<IStartupFilter, FaultRoutes>(),
});

/// <summary>
/// Appended after the app's own pipeline, so it sees only requests no endpoint took, inside the app's error handling:
/// <c>…/test/fault</c> throws an unexpected exception, <c>/test/forbidden</c> a rule's refusal.
/// </summary>
public sealed class FaultRoutes : IStartupFilter
{
    public const string Secret = "connection string with a password";
    public const string ForbiddenMessage = "测试：该操作需要另一个岗位。";

    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        next(app);
        app.Use((http, rest) =>
        {
            if (http.Request.Path.Value?.EndsWith("/test/fault", StringComparison.Ordinal) == true) throw new InvalidOperationException(Secret);
            if (http.Request.Path == "/test/forbidden") throw new ForbiddenException("test-role", ForbiddenMessage);
            return rest(http);
        });
    };
}
