using Microsoft.Playwright;
using OneSeal.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace OneSeal.Tests.Browser;

/// <summary>
/// Issue 11 §4 (1) in a browser at 1366×768: a 即办件 accepted by the clerk at window A01 is decided by the window chief
/// seated at that window in the same visit, and the page offers the decision's print view and the certificate.
/// </summary>
[Collection(BrowserCollection.Name)]
[Trait("Provider", "Postgres")]
public sealed class WindowChiefJourneyTests(PostgresKestrelApp app, BrowserFixture browser) : IClassFixture<PostgresKestrelApp>
{
    [Fact]
    public async Task The_window_chief_decides_an_immediate_item_at_the_window_and_is_offered_the_print_views()
    {
        await using var users = new BrowserUsers(browser, app);
        await users.RunAsync(nameof(The_window_chief_decides_an_immediate_item_at_the_window_and_is_offered_the_print_views), async () =>
        {
            var c = await new LifecycleCases(app).SubmittedAsync(LifecycleCases.SoleTrader);

            var clerk = await users.SignedInAsync("clerk");
            await clerk.GotoAsync("/hall/windows");
            await clerk.Locator("tr[data-window='A01']").GetByRole(AriaRole.Button, new() { Name = "在此签到" }).ClickAsync();
            await Expect(clerk.Locator("#my-seat")).ToContainTextAsync("A01");
            await clerk.GotoAsync($"/hall/cases/{c.Id}");
            await clerk.Locator("#accept").ClickAsync();
            await Expect(clerk.Locator(".notice")).ToContainTextAsync("已受理办件");

            var chief = await users.SignedInAsync("winchief");
            await chief.SetViewportSizeAsync(1366, 768);
            await chief.Locator("#nav-hall-chief").ClickAsync();
            await Expect(chief.Locator("h1")).ToHaveTextAsync("窗口负责人工作台");
            await Expect(chief.Locator("#powers [data-power='decide-immediate']")).ToHaveTextAsync("即办件当场决定");
            await chief.Locator("#nav-hall-windows").ClickAsync();
            await chief.Locator("tr[data-window='A01']").GetByRole(AriaRole.Button, new() { Name = "在此签到" }).ClickAsync();
            await Expect(chief.Locator("#my-seat")).ToContainTextAsync("窗口负责人");

            await chief.GotoAsync($"/hall/cases/{c.Id}");
            await Expect(chief.Locator("#window-approve")).ToBeCheckedAsync();
            await chief.Locator("#decide-at-window").ClickAsync();
            await Expect(chief.Locator("#notice")).ToContainTextAsync("已当场准予许可");
            await Expect(chief.Locator("#case-status")).ToHaveAttributeAsync("data-status", "certificate-issued");
            await Expect(chief.Locator("#print-decision")).ToHaveAttributeAsync("href", new System.Text.RegularExpressions.Regex("^/hall/notices/[0-9a-f-]{36}/print$"));
            await Expect(chief.Locator("#print-decision")).ToContainTextAsync("准予");
            await Expect(chief.Locator("#print-certificate")).ToHaveAttributeAsync("href", new System.Text.RegularExpressions.Regex("^/certificates/.+/download$"));
            (await chief.EvaluateAsync<int>("document.documentElement.scrollWidth")).ShouldBeLessThanOrEqualTo(1366, "no sideways scrolling at 1366 px");
        });
    }
}
