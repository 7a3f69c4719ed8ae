using OneSeal.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace OneSeal.Tests.Browser;

/// <summary>
/// Issue 10 (三员分立; before it, defect 18 with the monitoring officer): the audit administrator opens 审计记录核验 from
/// the menu, searches the trail by the clerk's name and reads who did what by name, then presses 立即核验 and reads the
/// result, the entries checked and that no entry is broken.
/// </summary>
public abstract class AuditPageTests(OneSealFactory app, BrowserFixture browser)
{
    [Fact]
    public async Task The_audit_administrator_searches_the_trail_by_actor_and_verifies_the_chain()
    {
        await using var users = new BrowserUsers(browser, app);
        await users.RunAsync(nameof(The_audit_administrator_searches_the_trail_by_actor_and_verifies_the_chain), async () =>
        {
            // Something of the clerk's in the trail: a sign-in.
            (await app.ClientFor("clerk")).Dispose();
            var auditor = await users.SignedInAsync("auditor");
            await auditor.Locator("nav a[href='/admin/audit']").ClickAsync();
            await Expect(auditor.Locator("h1")).ToHaveTextAsync("审计记录核验");

            await auditor.Locator("#actor").FillAsync("李窗口");
            await auditor.Locator("#audit-search-submit").ClickAsync();
            await Expect(auditor.Locator("#audit-results tbody tr").First).ToBeVisibleAsync();
            await Expect(auditor.Locator("#audit-results td.actor").First).ToHaveTextAsync("李窗口");
            await Expect(auditor.Locator("#audit-results")).ToContainTextAsync("登录");
            (await auditor.Locator("#audit-results td.actor").AllInnerTextsAsync()).ShouldAllBe(n => n == "李窗口");

            await auditor.Locator("#verify-now").ClickAsync();

            await Expect(auditor.Locator("#notice")).ToContainTextAsync("审计记录完整");
            await Expect(auditor.Locator("#verification-result")).ToHaveAttributeAsync("data-intact", "true");
            await Expect(auditor.Locator("#verification-result")).ToContainTextAsync("完整，未发现篡改");
            await Expect(auditor.Locator("#verification-first-broken")).ToHaveTextAsync("—");
            await Expect(auditor.Locator("#verification-entries")).Not.ToHaveTextAsync("0");
        });
    }
}

[Collection(BrowserCollection.Name)]
[Trait("Provider", "Sqlite")]
public sealed class AuditPageTests_Sqlite(SqliteKestrelApp app, BrowserFixture browser)
    : AuditPageTests(app, browser), IClassFixture<SqliteKestrelApp>;

[Collection(BrowserCollection.Name)]
[Trait("Provider", "Postgres")]
public sealed class AuditPageTests_Postgres(PostgresKestrelApp app, BrowserFixture browser)
    : AuditPageTests(app, browser), IClassFixture<PostgresKestrelApp>;
