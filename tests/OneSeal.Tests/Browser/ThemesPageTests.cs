using OneSeal.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace OneSeal.Tests.Browser;

/// <summary>
/// Issue 11 gaps: the system administrator opens 领域与部门 from the menu at 1366×768, adds a theme and ticks the departments
/// whose items it takes; and the clerk's menu stays on one line at that width.
/// </summary>
[Collection(BrowserCollection.Name)]
[Trait("Provider", "Postgres")]
public sealed class ThemesPageTests(PostgresKestrelApp app, BrowserFixture browser) : IClassFixture<PostgresKestrelApp>
{
    [Fact]
    public async Task The_system_administrator_adds_a_theme_and_chooses_its_departments()
    {
        await using var users = new BrowserUsers(browser, app);
        await users.RunAsync(nameof(The_system_administrator_adds_a_theme_and_chooses_its_departments), async () =>
        {
            var admin = await users.SignedInAsync("admin");
            await admin.SetViewportSizeAsync(1366, 768);
            await admin.Locator("#nav-admin-themes").ClickAsync();
            await Expect(admin.Locator("h1")).ToHaveTextAsync("领域与部门");

            await admin.Locator("#new-code").FillAsync("Culture");
            await admin.Locator("#new-name").FillAsync("文化旅游");
            await admin.Locator("#create-theme").ClickAsync();
            await Expect(admin.Locator("#new-code-error")).ToContainTextAsync("小写英文字母");
            await admin.Locator("#new-code").FillAsync("culture");
            await admin.Locator("#create-theme").ClickAsync();
            await Expect(admin.Locator("#notice")).ToContainTextAsync("已新增受理领域“文化旅游”");

            var theme = admin.Locator("details[data-theme='culture']");
            await theme.Locator("summary").ClickAsync();
            await Expect(theme.Locator("summary")).ToContainTextAsync("尚未设置受理部门");
            await theme.Locator("input[name='departmentIds']").First.CheckAsync();
            await theme.Locator("button[data-save='culture']").ClickAsync();
            await Expect(admin.Locator("#notice")).ToContainTextAsync("受理 1 个部门的事项");
            await Expect(admin.Locator("details[data-theme='culture'] summary")).Not.ToContainTextAsync("尚未设置受理部门");

            var clerk = await users.SignedInAsync("clerk");
            await clerk.SetViewportSizeAsync(1366, 768);
            var rows = await clerk.EvaluateAsync<int>(
                "() => new Set([...document.querySelectorAll('header.top nav ul > li')].map(li => Math.round(li.getBoundingClientRect().top))).size");
            rows.ShouldBe(1);
        });
    }
}
