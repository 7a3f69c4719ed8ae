using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using OneSeal.Notices;
using OneSeal.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;
using static OneSeal.Tests.Organisation.Applicants.ApplicantKit;

namespace OneSeal.Tests.Browser;

/// <summary>
/// Issue 11 §2/§8: the clerk signs in at A01, and on the window workbench records a walk-in without an account, files
/// 个体工商户设立登记 for them with the paper marked, accepts in the same visit, and lands on the 受理通知书's print view.
/// </summary>
public abstract class WalkInJourneyTests(OneSealFactory app, BrowserFixture browser)
{
    [Fact]
    public async Task A_clerk_at_A01_records_a_walk_in_files_and_accepts_in_one_visit_and_the_receipt_print_view_opens()
    {
        await using var users = new BrowserUsers(browser, app);
        await users.RunAsync(nameof(A_clerk_at_A01_records_a_walk_in_files_and_accepts_in_one_visit_and_the_receipt_print_view_opens), async () =>
        {
            var clerk = await users.SignedInAsync("clerk");
            await clerk.SetViewportSizeAsync(1366, 768);
            await clerk.GotoAsync("/hall/windows");
            var signIn = clerk.Locator("tr[data-window='A01']").GetByRole(AriaRole.Button, new() { Name = "在此签到" });
            if (await signIn.CountAsync() > 0) await signIn.ClickAsync();
            await Expect(clerk.Locator("#my-seat")).ToContainTextAsync("A01");

            await clerk.Locator("#nav-hall-window").ClickAsync();
            await Expect(clerk.Locator("#seat-bar")).ToContainTextAsync("A01");
            var id = NewCitizenId();
            await clerk.Locator("#find-code").FillAsync(id);
            await clerk.Locator("#find-code").PressAsync("Enter");
            await Expect(clerk.Locator("#record-title")).ToBeVisibleAsync();
            await clerk.Locator("#record-name").FillAsync("郑小满");
            await clerk.Locator("#record-phone").FillAsync(NewPhone());
            await clerk.Locator("#record").ClickAsync();
            await Expect(clerk.Locator("#visitor-name")).ToContainTextAsync("郑小满");
            (await clerk.Locator("#visitor").InnerTextAsync()).ShouldNotContain(id);

            await clerk.Locator("#item").SelectOptionAsync("QS-XK-002");
            await clerk.Locator("#choose-item").ClickAsync();
            var values = new Dictionary<string, string>
            {
                ["applicantName"] = "郑小满", ["idNumber"] = id, ["phone"] = "13807960001",
                ["address"] = "江西省青山县城关镇人民路18号", ["businessName"] = "青山县郑小满裁缝铺",
                ["businessAddress"] = "江西省青山县城关镇解放街30号", ["businessScope"] = "服装修改",
            };
            foreach (var (key, value) in values) await clerk.Locator($"#form_{key}").FillAsync(value);
            foreach (var code in new[] { "M01", "M02", "M03" })
                await clerk.Locator($"#material_{code}").SetInputFilesAsync(new FilePayload
                {
                    Name = $"{code}-scan.pdf", MimeType = "application/pdf", Buffer = SamplePdf.Create($"{code} scanned at A01"),
                });
            await clerk.Locator("input[name='paper_M02'][value='copy']").CheckAsync();
            await clerk.Locator("#file-submit").ClickAsync();

            // The print view is the search/print helper's page: here the redirect to it is what this branch can show.
            await clerk.WaitForURLAsync(new Regex("/hall/notices/[0-9a-f-]{36}/print$"), new() { WaitUntil = WaitUntilState.Commit });
            var noticeId = Guid.Parse(Regex.Match(clerk.Url, "notices/([0-9a-f-]{36})/print").Groups[1].Value);
            var notice = await app.InDb(db => db.Set<CaseNotice>().AsNoTracking().SingleAsync(n => n.Id == noticeId));
            notice.Kind.ShouldBe(NoticeKind.Acceptance);
        });
    }
}

[Collection(BrowserCollection.Name)]
[Trait("Provider", "Postgres")]
public sealed class WalkInJourneyTests_Postgres(PostgresKestrelApp app, BrowserFixture browser)
    : WalkInJourneyTests(app, browser), IClassFixture<PostgresKestrelApp>;
