using Microsoft.Playwright;
using OneSeal.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace OneSeal.Tests.Browser;

/// <summary>
/// Issue 13 §1 in a browser at 1366×768: the supervising department's staff (demo account <c>dept</c>) claim an approval the
/// bureau pushed, record their inspection with its report attached and report it back; the bureau's chief sees it on the case.
/// </summary>
[Collection(BrowserCollection.Name)]
[Trait("Provider", "Postgres")]
public sealed class SupervisionJourneyTests(PostgresKestrelApp app, BrowserFixture browser) : IClassFixture<PostgresKestrelApp>
{
    [Fact]
    public async Task The_department_claims_a_pushed_approval_and_reports_its_inspection_which_the_case_page_shows()
    {
        await using var users = new BrowserUsers(browser, app);
        await users.RunAsync(nameof(The_department_claims_a_pushed_approval_and_reports_its_inspection_which_the_case_page_shows), async () =>
        {
            var c = await new LifecycleCases(app).ApprovedAsync();

            var dept = await users.SignedInAsync("dept");
            await dept.SetViewportSizeAsync(1366, 768);
            await dept.Locator("#nav-dept").ClickAsync();
            await Expect(dept.Locator("h1")).ToHaveTextAsync("部门监管工作台");
            var row = dept.Locator($"#to-claim tr[data-case-number='{c.CaseNumber}']");
            await Expect(row).ToContainTextAsync("准予许可");
            await row.GetByRole(AriaRole.Button, new() { Name = "认领" }).ClickAsync();
            await Expect(dept.Locator("#notice")).ToContainTextAsync("已认领");
            var claimed = dept.Locator($"#claimed tr[data-case-number='{c.CaseNumber}']");
            await Expect(claimed).ToContainTextAsync("孙监管");
            await claimed.GetByRole(AriaRole.Link, new() { Name = "录入监管记录" }).ClickAsync();

            await Expect(dept.Locator("h1")).ToContainTextAsync("监管记录");
            await dept.Locator("#kind").SelectOptionAsync("routine-inspection");
            await dept.Locator("#inspectors").FillAsync("王检查、李执法");
            await dept.Locator("#findings").FillAsync("经营场所、设施与许可一致，从业人员健康证齐全。");
            await dept.Locator("#result").SelectOptionAsync("compliant");
            await dept.Locator("#attachments").SetInputFilesAsync(new FilePayload
            {
                Name = "检查记录.pdf", MimeType = "application/pdf", Buffer = SamplePdf.Create("现场检查记录"),
            });
            await dept.Locator("#save-record").ClickAsync();
            await Expect(dept.Locator("#notice")).ToContainTextAsync("已录入日常检查记录并反馈审批局");
            await Expect(dept.Locator($"#claimed tr[data-case-number='{c.CaseNumber}']")).Not.ToContainTextAsync("尚未反馈");

            var chief = await users.SignedInAsync("chief");
            await chief.SetViewportSizeAsync(1366, 768);
            await chief.GotoAsync($"/office/cases/{c.Id}");
            var supervision = chief.Locator("#supervision");
            await Expect(supervision).ToContainTextAsync("已认领");
            await Expect(supervision).ToContainTextAsync("日常检查");
            await Expect(supervision).ToContainTextAsync("合格");
            await Expect(supervision).ToContainTextAsync("王检查、李执法");
            await Expect(supervision).ToContainTextAsync("检查记录.pdf");
        });
    }
}
