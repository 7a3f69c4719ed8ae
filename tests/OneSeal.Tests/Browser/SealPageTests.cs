using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using OneSeal.Organisation;
using OneSeal.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace OneSeal.Tests.Browser;

/// <summary>
/// Issue 10, seals: the system administrator opens 印章管理 from the menu at 1366×768, sets up the bureau's seal, uploads
/// its impression and rotates its key; the retired key is listed as still verifying.
/// </summary>
public abstract class SealPageTests(OneSealFactory app, BrowserFixture browser)
{
    [Fact]
    public async Task The_system_administrator_sets_up_and_rotates_the_bureaus_seal()
    {
        await using var users = new BrowserUsers(browser, app);
        await users.RunAsync(nameof(The_system_administrator_sets_up_and_rotates_the_bureaus_seal), async () =>
        {
            var bureau = await app.InDb(db => db.Set<Agency>().Where(a => a.Code == "XZSPJ").Select(a => a.Name).SingleAsync());
            var admin = await users.SignedInAsync("admin");
            await admin.SetViewportSizeAsync(1366, 768);
            await admin.Locator("nav a[href='/admin/seals']").ClickAsync();
            await Expect(admin.Locator("h1")).ToHaveTextAsync("印章管理");

            await admin.Locator("#OrganisationId").SelectOptionAsync(new Microsoft.Playwright.SelectOptionValue { Label = bureau });
            await admin.Locator("#CustodianAccountId").SelectOptionAsync(new Microsoft.Playwright.SelectOptionValue { Label = "钱科长（chief）" });
            await admin.Locator("#create-seal-submit").ClickAsync();
            await Expect(admin.Locator("#notice")).ToContainTextAsync("设置印章");
            var seal = admin.Locator($"section.seal[data-organisation='{bureau}']");
            await Expect(seal.Locator(".custodian")).ToHaveTextAsync("钱科长");
            var before = await seal.Locator(".active-key").GetAttributeAsync("data-key");

            await seal.Locator("input[type=file]").SetInputFilesAsync(new Microsoft.Playwright.FilePayload
            {
                Name = "seal.png", MimeType = "image/png", Buffer = Seal.SealAdminTests.RealPng(96),
            });
            await seal.Locator("button.upload-image").ClickAsync();
            await Expect(admin.Locator("#notice")).ToContainTextAsync("印模图片已更新");
            await Expect(seal.Locator("img.seal-image")).ToBeVisibleAsync();
            (await seal.Locator("img.seal-image").EvaluateAsync<int>("img => img.naturalWidth")).ShouldBe(96, "the impression is drawn");

            await seal.Locator("button.rotate").ClickAsync();
            await Expect(admin.Locator("#notice")).ToContainTextAsync("已启用新密钥");
            await Expect(seal.Locator(".retired-keys")).ToHaveAttributeAsync("data-count", "1");
            await Expect(seal.Locator(".retired-keys")).ToContainTextAsync("仍用于核验");
            (await seal.Locator(".active-key").GetAttributeAsync("data-key")).ShouldNotBe(before);
            // Fits the hall's 1366 px screens: no horizontal scrolling.
            (await admin.EvaluateAsync<bool>("document.documentElement.scrollWidth <= window.innerWidth")).ShouldBeTrue();
        });
    }
}

[Collection(BrowserCollection.Name)]
[Trait("Provider", "Sqlite")]
public sealed class SealPageTests_Sqlite(SqliteKestrelApp app, BrowserFixture browser)
    : SealPageTests(app, browser), IClassFixture<SqliteKestrelApp>;

[Collection(BrowserCollection.Name)]
[Trait("Provider", "Postgres")]
public sealed class SealPageTests_Postgres(PostgresKestrelApp app, BrowserFixture browser)
    : SealPageTests(app, browser), IClassFixture<PostgresKestrelApp>;
