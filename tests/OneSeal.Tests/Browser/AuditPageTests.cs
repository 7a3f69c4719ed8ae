using OneSeal.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace OneSeal.Tests.Browser;

/// <summary>
/// Defect 18: the monitoring officer opens 审计记录核验 from the menu, presses 立即核验 and reads the result, the time,
/// the entries checked and that no entry is broken.
/// </summary>
public abstract class AuditPageTests(OneSealFactory app, BrowserFixture browser)
{
    [Fact]
    public async Task Defect18_a_monitoring_officer_verifies_the_audit_trail_from_the_auditor_page()
    {
        await using var users = new BrowserUsers(browser, app);
        await users.RunAsync(nameof(Defect18_a_monitoring_officer_verifies_the_audit_trail_from_the_auditor_page), async () =>
        {
            var monitor = await users.SignedInAsync("monitor");
            await monitor.Locator("nav a[href='/admin/audit']").ClickAsync();
            await Expect(monitor.Locator("h1")).ToHaveTextAsync("审计记录核验");

            await monitor.Locator("#verify-now").ClickAsync();

            await Expect(monitor.Locator("#notice")).ToContainTextAsync("审计记录完整");
            await Expect(monitor.Locator("#verification-result")).ToHaveAttributeAsync("data-intact", "true");
            await Expect(monitor.Locator("#verification-result")).ToContainTextAsync("完整，未发现篡改");
            await Expect(monitor.Locator("#verification-first-broken")).ToHaveTextAsync("—");
            await Expect(monitor.Locator("#verification-entries")).Not.ToHaveTextAsync("0");
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
