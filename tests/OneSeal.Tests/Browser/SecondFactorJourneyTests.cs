using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using OneSeal.Organisation;
using OneSeal.Platform.Database;
using OneSeal.Tests.Infrastructure;
using OneSeal.Tests.Organisation;
using static Microsoft.Playwright.Assertions;

namespace OneSeal.Tests.Browser;

public sealed class ProductionSqliteKestrelApp() : OneSealFactory(DatabaseProvider.Sqlite,
    new OneSealFactoryOptions { Kestrel = true, Mode = "Production", Time = new FakeTimeProvider() });

/// <summary>
/// Issue 10 §6 in a real browser, production mode: a security administrator signs in for the first time, is led to bind
/// an authenticator (reads the key beside the QR code, as someone who cannot scan would), keeps the recovery codes,
/// and next time signs in with password and code.
/// </summary>
[Collection(BrowserCollection.Name)]
[Trait("Provider", "Sqlite")]
public sealed class SecondFactorJourneyTests(ProductionSqliteKestrelApp app, BrowserFixture browser) : IClassFixture<ProductionSqliteKestrelApp>
{
    [Fact]
    public async Task Staff_enrol_an_authenticator_at_first_sign_in_then_sign_in_with_a_code()
    {
        var username = await SecondFactorTestKit.NewStaffAsync(app, Roles.SecurityAdmin);
        await using var users = new BrowserUsers(browser, app);
        await users.RunAsync(nameof(Staff_enrol_an_authenticator_at_first_sign_in_then_sign_in_with_a_code), async () =>
        {
            var page = await users.AnonymousAsync(1366, 768, "secadmin");
            await SignInAsync(page, username);
            await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/account/enrol$"));
            await Expect(page.Locator("#enrol-qr")).ToBeVisibleAsync();
            await NoSeriousAxeViolationsAsync(page);
            var secret = (await page.Locator("#totp-secret").InnerTextAsync()).Replace(" ", "");
            await page.Locator("#code").FillAsync(SecondFactorTestKit.Code(app, secret));
            await page.Locator("#confirm-enrol").ClickAsync();
            await Expect(page.Locator("#recovery-codes li")).ToHaveCountAsync(10);
            await page.Locator("#continue").ClickAsync();
            await Expect(page.Locator("h1")).ToHaveTextAsync("安全管理");
            await Expect(page.Locator("#password-policy")).ToContainTextAsync("工作人员登录必须使用动态验证码");
            await NoSeriousAxeViolationsAsync(page);

            await page.Locator("header form[action='/account/logout'] button").ClickAsync();
            app.Time!.Advance(SecondFactorTestKit.Step);
            await SignInAsync(page, username);
            await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/account/second-factor$"));
            await page.Locator("#code").FillAsync("000000");
            await page.Locator("#verify-code").ClickAsync();
            await Expect(page.Locator("#code-error")).ToContainTextAsync("动态验证码不正确");
            await NoSeriousAxeViolationsAsync(page);
            await page.Locator("#code").FillAsync(SecondFactorTestKit.Code(app, secret));
            await page.Locator("#verify-code").ClickAsync();
            await Expect(page.Locator("h1")).ToHaveTextAsync("安全管理");
            await page.Locator("#nav-account-security").ClickAsync();
            await Expect(page.Locator("#second-factor-state")).ToContainTextAsync("已绑定");
            await NoSeriousAxeViolationsAsync(page);
        });
    }

    private static async Task NoSeriousAxeViolationsAsync(IPage page)
    {
        var axe = await page.RunAxe();
        axe.Passes.ShouldNotBeEmpty("axe-core did not run");
        axe.Violations.Where(v => v.Impact is "serious" or "critical")
            .Select(v => $"{v.Id} ({v.Impact}): {v.Help} at {string.Join(", ", v.Nodes.Select(n => n.Target.ToString()))}")
            .ShouldBeEmpty($"axe found serious or critical violations on {page.Url}");
    }

    private static async Task SignInAsync(IPage page, string username)
    {
        await page.GotoAsync("/account/login");
        await page.Locator("#username").FillAsync(username);
        await page.Locator("#password").FillAsync(SecondFactorTestKit.Password);
        await page.Locator("#login").ClickAsync();
    }
}
