using Microsoft.Playwright;
using OneSeal.Tests.Catalog.Exchange;
using OneSeal.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace OneSeal.Tests.Browser;

/// <summary>
/// The administrator downloads the catalog from /admin/catalog/import, uploads a broken copy and reads every error
/// by sheet, row and column in the table, then uploads a good copy and is told how many drafts were made.
/// </summary>
public abstract class CatalogImportPageTests(OneSealFactory app, BrowserFixture browser)
{
    [Fact]
    public async Task An_administrator_exports_then_imports_with_progress_and_sees_errors_and_the_result()
    {
        await using var users = new BrowserUsers(browser, app);
        var dir = Path.Combine(Path.GetTempPath(), $"oneseal-import-{Guid.NewGuid():N}");
        Directory.CreateDirectory(dir);
        try
        {
            await users.RunAsync(nameof(An_administrator_exports_then_imports_with_progress_and_sees_errors_and_the_result), async () =>
            {
                var admin = await users.SignedInAsync("admin");
                await admin.GotoAsync("/admin/catalog/import");
                await Expect(admin.Locator("h1")).ToHaveTextAsync("事项清单导入导出");

                var download = await admin.RunAndWaitForDownloadAsync(() => admin.Locator("#export-in-force").ClickAsync());
                var exported = Path.Combine(dir, "catalog.xlsx");
                await download.SaveAsAsync(exported);
                var bytes = await File.ReadAllBytesAsync(exported);

                var broken = Path.Combine(dir, "broken.xlsx");
                await File.WriteAllBytesAsync(broken, TestWorkbook.Edit(bytes, b =>
                {
                    b.KeepItems("QS-XK-013", "QS-XK-014");
                    b.Set("items", b.RowOf("items", "code", "QS-XK-014"), "promisedDays", "999");
                }));
                await admin.Locator("#file").SetInputFilesAsync(broken);
                await admin.Locator("#import").ClickAsync();
                await Expect(admin.Locator("#import-summary")).ToContainTextAsync("导入失败");
                var row = admin.Locator("#import-errors tbody tr[data-rule='range']");
                await Expect(row).ToHaveCountAsync(1);
                await Expect(row).ToContainTextAsync("承诺时限");
                await Expect(admin.Locator("#import-progress")).ToBeVisibleAsync();

                var good = Path.Combine(dir, "good.xlsx");
                await File.WriteAllBytesAsync(good, TestWorkbook.Edit(bytes, b =>
                {
                    b.KeepItems("QS-XK-013", "QS-XK-014");
                    b.Set("items", b.RowOf("items", "code", "QS-XK-014"), "phone", "0796-7230014");
                }));
                await admin.Locator("#file").SetInputFilesAsync(good);
                await admin.Locator("#import").ClickAsync();
                // QS-XK-013 is exactly its version in force: no draft for it (issue 8 defect 9).
                await Expect(admin.Locator("#import-summary")).ToContainTextAsync("导入完成：文件中 2 个事项，新建草稿 0 个，更新草稿 1 个，未变化 1 个（未生成草稿）");
                await Expect(admin.Locator("#import-errors")).ToHaveCountAsync(0);
            });
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public async Task Without_script_the_form_posts_and_the_result_page_lists_the_errors()
    {
        await using var users = new BrowserUsers(browser, app);
        var file = Path.Combine(Path.GetTempPath(), $"oneseal-import-{Guid.NewGuid():N}.xlsx");
        try
        {
            await users.RunAsync(nameof(Without_script_the_form_posts_and_the_result_page_lists_the_errors), async () =>
            {
                var admin = await users.SignedInAsync("admin");
                await admin.Context.RouteAsync("**/js/catalog-import.js*", r => r.AbortAsync());
                await File.WriteAllTextAsync(file, "not a workbook");
                await admin.GotoAsync("/admin/catalog/import");
                await admin.Locator("#file").SetInputFilesAsync(file);
                await admin.Locator("#import").ClickAsync();
                await admin.WaitForLoadStateAsync(LoadState.DOMContentLoaded);
                await Expect(admin.Locator("#import-form")).ToContainTextAsync("不是有效的 Excel 工作簿");
            });
        }
        finally
        {
            File.Delete(file);
        }
    }
}

[Collection(BrowserCollection.Name)]
[Trait("Provider", "Sqlite")]
public sealed class CatalogImportPageTests_Sqlite(SqliteKestrelApp app, BrowserFixture browser)
    : CatalogImportPageTests(app, browser), IClassFixture<SqliteKestrelApp>;

[Collection(BrowserCollection.Name)]
[Trait("Provider", "Postgres")]
public sealed class CatalogImportPageTests_Postgres(PostgresKestrelApp app, BrowserFixture browser)
    : CatalogImportPageTests(app, browser), IClassFixture<PostgresKestrelApp>;
