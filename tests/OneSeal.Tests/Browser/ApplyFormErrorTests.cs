using Microsoft.Playwright;
using OneSeal.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace OneSeal.Tests.Browser;

/// <summary>
/// Issue 8 defect 12: the apply form came back with an error and every chosen file was gone. Now the files are saved
/// as the materials of a draft, the form shows them as uploaded, and the corrected form submits that same draft.
/// </summary>
public abstract class ApplyFormErrorTests(OneSealFactory app, BrowserFixture browser)
{
    // 个体工商户设立登记: three required materials M01–M03 (Catalog/DemoData/catalog.json).
    private const string ItemCode = "QS-XK-002";

    [Fact]
    public async Task Defect12_files_chosen_on_a_form_with_an_error_are_kept_as_the_drafts_materials_and_submitted_with_it()
    {
        await using var users = new BrowserUsers(browser, app);
        await users.RunAsync(nameof(Defect12_files_chosen_on_a_form_with_an_error_are_kept_as_the_drafts_materials_and_submitted_with_it), async () =>
        {
            var applicant = await users.SignedInAsync("applicant");
            await applicant.GotoAsync($"/apply/{ItemCode}");
            var values = new Dictionary<string, string>
            {
                ["applicantName"] = "张三", ["idNumber"] = "360999199003071230", ["phone"] = "13807960001",
                ["address"] = "江西省青山县城关镇人民路18号", ["businessName"] = "青山县张三修鞋铺",
                ["businessAddress"] = "江西省青山县城关镇解放街28号", ["businessScope"] = "修鞋、配钥匙",
            };
            foreach (var (key, value) in values) await applicant.Locator($"#form_{key}").FillAsync(value);
            foreach (var code in new[] { "M01", "M02" })
                await applicant.Locator($"#material_{code}").SetInputFilesAsync(File(code));

            // The ID number's check digit is wrong: the form comes back, the two files with it.
            await applicant.Locator("#submit").ClickAsync();
            await Expect(applicant.Locator("#form_idNumber-error")).ToBeVisibleAsync();
            await Expect(applicant.Locator("#draft-kept")).ToContainTextAsync("无需重新选择");
            await Expect(applicant.Locator("#uploaded_M01")).ToContainTextAsync("已上传：M01-kept.pdf");
            await Expect(applicant.Locator("#uploaded_M02")).ToContainTextAsync("已上传：M02-kept.pdf");
            await Expect(applicant.Locator("#uploaded_M03")).ToHaveCountAsync(0);
            await Expect(applicant.Locator("#form_applicantName")).ToHaveValueAsync("张三");
            (await applicant.ContentAsync()).ShouldNotContain("请重新选择文件");
            var draftNumber = System.Text.RegularExpressions.Regex.Match(await applicant.Locator("#draft-kept").InnerTextAsync(), @"QS\d{8}-\d{5}").Value;
            draftNumber.ShouldNotBeNullOrEmpty();

            // Corrected, with the third file: the same draft is submitted, with all three.
            await applicant.Locator("#form_idNumber").FillAsync("360999199003071239");
            await applicant.Locator("#material_M03").SetInputFilesAsync(File("M03"));
            await applicant.Locator("#submit").ClickAsync();
            await applicant.WaitForURLAsync(new System.Text.RegularExpressions.Regex("/my/cases/[0-9a-f-]{36}$"));
            await Expect(applicant.Locator("#case-number")).ToHaveTextAsync(draftNumber);
            await Expect(applicant.Locator("#case-status")).ToHaveTextAsync("待受理");
            foreach (var code in new[] { "M01", "M02", "M03" })
                await Expect(applicant.Locator($"tr[data-material-code='{code}']")).ToContainTextAsync($"{code}-kept.pdf");

            // One application, not a stray draft beside it.
            await applicant.GotoAsync("/my/cases");
            await Expect(applicant.Locator($"tr[data-case-number='{draftNumber}']")).ToHaveCountAsync(1);
            await Expect(applicant.Locator("table.cases tbody .status-draft")).ToHaveCountAsync(0);
        });
    }

    private static FilePayload File(string code) =>
        new() { Name = $"{code}-kept.pdf", MimeType = "application/pdf", Buffer = SamplePdf.Create($"{code} kept") };
}

[Collection(BrowserCollection.Name)]
[Trait("Provider", "Sqlite")]
public sealed class ApplyFormErrorTests_Sqlite(SqliteKestrelApp app, BrowserFixture browser)
    : ApplyFormErrorTests(app, browser), IClassFixture<SqliteKestrelApp>;

[Collection(BrowserCollection.Name)]
[Trait("Provider", "Postgres")]
public sealed class ApplyFormErrorTests_Postgres(PostgresKestrelApp app, BrowserFixture browser)
    : ApplyFormErrorTests(app, browser), IClassFixture<PostgresKestrelApp>;
