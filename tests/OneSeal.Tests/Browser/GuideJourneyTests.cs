using Microsoft.Playwright;
using OneSeal.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace OneSeal.Tests.Browser;

/// <summary>A visitor searches by pinyin initials, filters the public list by a life-event theme, opens a guide, and reads its version history.</summary>
public abstract class GuideJourneyTests(OneSealFactory app, BrowserFixture browser)
{
    [Fact]
    public async Task A_visitor_filters_by_theme_and_opens_a_guide()
    {
        await using var users = new BrowserUsers(browser, app);
        await users.RunAsync(nameof(A_visitor_filters_by_theme_and_opens_a_guide), async () =>
        {
            var page = await users.AnonymousAsync();
            await page.GotoAsync("/");
            await Expect(page.Locator("#themes-enterprise")).ToContainTextAsync("法人办事");
            await page.Locator("#themes-enterprise a[data-theme='E-PERMIT']").ClickAsync();
            await page.WaitForURLAsync("**/?theme=E-PERMIT");
            await Expect(page.Locator("#results-title")).ToContainTextAsync("筛选结果");
            await Expect(page.Locator("#theme")).ToHaveValueAsync("E-PERMIT");

            // Narrow by search text too; the theme stays.
            await page.Locator("#q").FillAsync("食品经营");
            await page.Locator("#search").ClickAsync();
            await Expect(page.Locator("#results-title")).ToContainTextAsync("食品经营");
            var hit = page.Locator("li.card[data-item-code='QS-XK-003'] h3 a");
            await Expect(hit).ToHaveTextAsync("食品经营许可（新办）");
            await hit.ClickAsync();

            await page.WaitForURLAsync("**/items/QS-XK-003");
            await Expect(page.Locator("h1")).ToHaveTextAsync("食品经营许可（新办）");
            await Expect(page.Locator("#guide-version")).ToContainTextAsync("第3版，2025年7月1日起施行");
            await Expect(page.Locator("#guide-materials tr[data-material-code='M01'] a.blank-form")).ToBeVisibleAsync();

            await page.Locator("#version-history").ClickAsync();
            await page.WaitForURLAsync("**/items/QS-XK-003/versions");
            await page.Locator("#versions tr[data-version='1'] a").ClickAsync();
            await Expect(page.Locator("#not-in-force")).ToContainTextAsync("本版本已不是现行版本");
        });
    }

    [Fact]
    public async Task Pinyin_initials_spjy_find_the_food_business_licence()
    {
        await using var users = new BrowserUsers(browser, app);
        await users.RunAsync(nameof(Pinyin_initials_spjy_find_the_food_business_licence), async () =>
        {
            var page = await users.AnonymousAsync();
            await page.GotoAsync("/");
            await page.Locator("#q").FillAsync("spjy");
            await page.Locator("#search").ClickAsync();

            var first = page.Locator("li.card").First;
            await Expect(first).ToHaveAttributeAsync("data-item-code", "QS-XK-003");
            await Expect(first.Locator("h3 a")).ToHaveTextAsync("食品经营许可（新办）");
        });
    }
}

[Collection(BrowserCollection.Name)]
[Trait("Provider", "Sqlite")]
public sealed class GuideJourneyTests_Sqlite(SqliteKestrelApp app, BrowserFixture browser)
    : GuideJourneyTests(app, browser), IClassFixture<SqliteKestrelApp>;

[Collection(BrowserCollection.Name)]
[Trait("Provider", "Postgres")]
public sealed class GuideJourneyTests_Postgres(PostgresKestrelApp app, BrowserFixture browser)
    : GuideJourneyTests(app, browser), IClassFixture<PostgresKestrelApp>;
