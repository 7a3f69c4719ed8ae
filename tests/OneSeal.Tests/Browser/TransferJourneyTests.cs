using Microsoft.Playwright;
using OneSeal.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace OneSeal.Tests.Browser;

/// <summary>
/// The administrator registers a transfer batch on <c>/admin/transfers</c> — picks an item still at its department, sets the
/// document number and date — and sees the batch listed with the item; the reform pages draw their charts and lists.
/// </summary>
public abstract class TransferJourneyTests(OneSealFactory app, BrowserFixture browser)
{
    // 生产经营单位生产安全事故应急预案备案, still with 县应急管理局 in the demo.
    private const string ItemCode = "QS-QT-005";

    [Fact]
    public async Task An_administrator_registers_a_transfer_batch_and_sees_it_listed()
    {
        await using var users = new BrowserUsers(browser, app);
        await users.RunAsync(nameof(An_administrator_registers_a_transfer_batch_and_sees_it_listed), async () =>
        {
            var admin = await users.SignedInAsync("admin");
            await admin.Locator("header nav a", new() { HasText = "划转批次" }).ClickAsync();
            await admin.WaitForURLAsync("**/admin/transfers");
            await Expect(admin.Locator("h1")).ToHaveTextAsync("划转批次");

            const string document = "青审改发〔2026〕5号";
            await admin.Locator("#DocumentNumber").FillAsync(document);
            await admin.Locator("#Title").FillAsync("关于划转第三批行政审批事项的通知");
            await Expect(admin.Locator("#Window")).ToHaveValueAsync("综合受理区");
            var row = admin.Locator($"#transfer-form tr[data-item-code='{ItemCode}']");
            await Expect(row).ToContainTextAsync("应急管理局");
            await row.Locator("input[type=checkbox]").CheckAsync();
            await admin.Locator("#create-transfer").ClickAsync();

            await Expect(admin.Locator("#notice")).ToContainTextAsync(document);
            var batch = admin.Locator($"#transfer-batches li[data-document-number='{document}']");
            await batch.Locator("summary").ClickAsync();
            var moved = batch.Locator($"tr[data-item-code='{ItemCode}']");
            await Expect(moved).ToContainTextAsync("应急管理局");
            await Expect(moved).ToContainTextAsync("综合受理区");
            // Moved today, so it is no longer offered for another batch.
            await Expect(admin.Locator($"#transfer-form tr[data-item-code='{ItemCode}']")).ToHaveCountAsync(0);

            await admin.GotoAsync("/admin/catalog/stats");
            await Expect(admin.Locator("svg#chart-transferred title").First).ToHaveTextAsync("各部门事项数与已划转事项数");
            await Expect(admin.Locator("#chart-transferred-data tbody tr").First).ToBeVisibleAsync();

            await admin.GotoAsync("/admin/catalog/worklists");
            await Expect(admin.Locator("#materialsWithoutBasis-table tbody tr").First).ToBeVisibleAsync();
        });
    }
}

[Collection(BrowserCollection.Name)]
[Trait("Provider", "Sqlite")]
public sealed class TransferJourneyTests_Sqlite(SqliteKestrelApp app, BrowserFixture browser)
    : TransferJourneyTests(app, browser), IClassFixture<SqliteKestrelApp>;
