using Microsoft.Playwright;
using OneSeal.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace OneSeal.Tests.Browser;

/// <summary>
/// Defects 19 and 13 in a real browser: under the strict Content-Security-Policy (no inline scripts or styles) no page
/// of any audience has anything refused, and the login page tells a locked-out user so in Chinese.
/// </summary>
[Collection(BrowserCollection.Name)]
[Trait("Provider", "Sqlite")]
public sealed class SecurityPolicyPageTests(SqliteKestrelApp app, BrowserFixture browser) : IClassFixture<SqliteKestrelApp>
{
    [Fact]
    public async Task Defect19_no_page_breaks_under_the_content_security_policy()
    {
        await using var users = new BrowserUsers(browser, app);
        await users.RunAsync(nameof(Defect19_no_page_breaks_under_the_content_security_policy), async () =>
        {
            var refused = new List<string>();
            async Task VisitAsync(IPage page, string path, string? waitFor = null)
            {
                await page.GotoAsync(path);
                if (waitFor is not null) await Expect(page.Locator(waitFor).First).ToBeVisibleAsync();
                else await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
            }
            IPage Watch(IPage page)
            {
                page.Console += (_, m) => { if (m.Text.Contains("Content Security Policy")) lock (refused) refused.Add($"{page.Url}: {m.Text}"); };
                page.PageError += (_, e) => { lock (refused) refused.Add($"{page.Url}: {e}"); };
                return page;
            }

            var visitor = Watch(await users.AnonymousAsync());
            await VisitAsync(visitor, "/");
            await VisitAsync(visitor, "/items/QS-XK-003");
            await VisitAsync(visitor, "/calendar");
            await VisitAsync(visitor, "/verify");
            await VisitAsync(visitor, "/api-docs/index.html", ".opblock");

            var admin = Watch(await users.SignedInAsync("admin"));
            foreach (var path in new[] { "/admin/catalog", "/admin/catalog/import", "/admin/calendar", "/admin/transfers", "/admin/catalog/stats" })
                await VisitAsync(admin, path);
            // The chart's figure lost its inline style="margin:0"; the stylesheet gives it instead.
            await Expect(admin.Locator("figure.chart svg").First).ToBeVisibleAsync();
            (await admin.Locator("figure.chart").First.EvaluateAsync<string>("f => getComputedStyle(f).marginLeft")).ShouldBe("0px");

            var applicant = Watch(await users.SignedInAsync("applicant"));
            await VisitAsync(applicant, "/my/cases");
            await VisitAsync(applicant, "/apply/QS-XK-003");
            var clerk = Watch(await users.SignedInAsync("clerk"));
            await VisitAsync(clerk, "/hall");
            var reviewer = Watch(await users.SignedInAsync("reviewer"));
            await VisitAsync(reviewer, "/office");

            refused.ShouldBeEmpty(string.Join("\n", refused));
        });
    }

    [Fact]
    public async Task Defect13_the_login_page_tells_a_locked_out_user_in_Chinese()
    {
        await using var users = new BrowserUsers(browser, app);
        await users.RunAsync(nameof(Defect13_the_login_page_tells_a_locked_out_user_in_Chinese), async () =>
        {
            var page = await users.AnonymousAsync();
            await page.GotoAsync("/account/login");
            for (var i = 0; i < 5; i++)
            {
                await page.Locator("#username").FillAsync("dept");
                await page.Locator("#password").FillAsync("wrong-password-" + i);
                await page.Locator("#login").ClickAsync();
                await Expect(page.Locator("#password")).ToBeEmptyAsync();
            }
            await Expect(page.Locator("main")).ToContainTextAsync("该账号连续登录失败次数过多，已被临时锁定");

            await page.Locator("#username").FillAsync("dept");
            await page.Locator("#password").FillAsync(OneSealFactory.DemoPassword);
            await page.Locator("#login").ClickAsync();
            await Expect(page.Locator("main")).ToContainTextAsync("已被临时锁定");
            await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/account/login"));
        });
    }
}
