using Microsoft.Playwright;
using OneSeal.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace OneSeal.Tests.Browser;

/// <summary>
/// Issue 13 §2 in the browser at 1366×768: the department publishes a policy document touching 食品经营许可（新办） with an
/// attachment, the section chief signs for it, the catalog administrator finds the item 待复核 in the clean-up worklists
/// and marks it reviewed.
/// </summary>
[Collection(BrowserCollection.Name)]
[Trait("Provider", "Postgres")]
public sealed class PolicyJourneyTests(PostgresKestrelApp app, BrowserFixture browser) : IClassFixture<PostgresKestrelApp>
{
    private const string Item = "QS-XK-003";

    [Fact]
    public async Task Department_publishes_chief_signs_and_the_admin_reviews_the_item()
    {
        await using var users = new BrowserUsers(browser, app);
        await users.RunAsync(nameof(Department_publishes_chief_signs_and_the_admin_reviews_the_item), async () =>
        {
            var dept = await users.SignedInAsync("dept");
            await dept.SetViewportSizeAsync(1366, 768);
            await dept.Locator("#nav-dept-policies").ClickAsync();
            await Expect(dept.Locator("h1")).ToHaveTextAsync("政策文件");
            await dept.Locator("#publish").ClickAsync();
            await Expect(dept.Locator("#Title-error")).ToContainTextAsync("请填写标题");

            await dept.Locator("#Title").FillAsync("关于规范食品经营许可现场核查的通知");
            await dept.Locator("#DocumentNumber").FillAsync("青市监〔2026〕3号");
            await dept.Locator("#IssuedOn").FillAsync("2026-01-05");
            await dept.Locator("#Summary").FillAsync("明确小型餐饮现场核查要点。");
            await dept.Locator($"#item-{Item}").CheckAsync();
            await dept.Locator("#Attachments").SetInputFilesAsync(new FilePayload
            {
                Name = "通知.pdf", MimeType = "application/pdf", Buffer = SamplePdf.Create("policy"),
            });
            await dept.Locator("#publish").ClickAsync();
            await Expect(dept.Locator("#notice")).ToContainTextAsync("已发布");
            await Expect(dept.Locator("#policies-table tbody tr").First).ToContainTextAsync("待签收");

            var chief = await users.SignedInAsync("chief");
            await chief.SetViewportSizeAsync(1366, 768);
            await chief.Locator("#nav-office-policies").ClickAsync();
            var card = chief.Locator("form[data-policy]").Filter(new() { HasText = "青市监〔2026〕3号" });
            await Expect(card.Locator("a", new() { HasText = "通知.pdf" })).ToBeVisibleAsync();
            await card.Locator("button[type=submit]").ClickAsync();
            await Expect(chief.Locator("#notice")).ToContainTextAsync("已签收");
            await Expect(chief.Locator("#signed-table")).ToContainTextAsync("钱科长");

            await dept.ReloadAsync();
            await Expect(dept.Locator("#policies-table tbody tr").First).ToContainTextAsync("已签收");

            var admin = await users.SignedInAsync("admin");
            await admin.SetViewportSizeAsync(1366, 768);
            await admin.GotoAsync("/admin/catalog/worklists");
            var row = admin.Locator($"#reviewNeeded-table tr[data-item-code='{Item}']");
            await Expect(row).ToContainTextAsync("待复核");
            await Expect(row).ToContainTextAsync("青市监〔2026〕3号");
            await row.Locator("button[type=submit]").ClickAsync();
            await Expect(admin.Locator("#notice")).ToContainTextAsync("已标记为已复核");
            await Expect(admin.Locator($"#reviewNeeded-table tr[data-item-code='{Item}']")).ToHaveCountAsync(0);
        });
    }
}
