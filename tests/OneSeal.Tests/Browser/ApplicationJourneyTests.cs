using System.Text;
using System.Text.RegularExpressions;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using OneSeal.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace OneSeal.Tests.Browser;

/// <summary>
/// The whole service as people use it, in Chromium, on the real app (Kestrel): an applicant finds an item, applies
/// online with materials; the window accepts or sends a correction notice; the reviewer and the chief approve; the
/// applicant downloads the sealed certificate and anyone verifies it. Every user has a browser context of their own.
/// Status labels and notices are asserted in Chinese: they are what the user reads (src/OneSeal/Cases/CaseStatusLabels.cs).
/// </summary>
public abstract partial class ApplicationJourneyTests(OneSealFactory app, BrowserFixture browser)
{
    // 个体工商户设立登记: a citizen item (the demo applicant 张三 may apply), three required materials, one optional.
    private const string ItemCode = "QS-XK-002";
    private const string ItemName = "个体工商户设立登记";
    private const string SearchText = "个体工商";

    /// <summary>Valid 18-character citizen ID number typed into the form (check digit X).</summary>
    private const string FormIdNumber = "11010519491231002X";

    /// <summary>The demo applicant's own ID number: the certificate's holder code (DemoAccounts).</summary>
    private const string HolderIdNumber = "360999199003071239";
    private const string HolderIdMasked = "360999********1239";

    private static readonly Dictionary<string, string> FormValues = new()
    {
        ["applicantName"] = "张三",
        ["idNumber"] = FormIdNumber,
        ["phone"] = "13807960001",
        ["address"] = "江西省青山县城关镇人民路18号",
        ["businessName"] = "青山县张三便利店",
        ["businessAddress"] = "江西省青山县城关镇解放街26号",
        ["businessScope"] = "日用百货、预包装食品零售",
    };

    /// <summary>The required materials of the item (code → name, as in Catalog/DemoData/catalog.json).</summary>
    private static readonly Dictionary<string, string> RequiredMaterials = new()
    {
        ["M01"] = "个体工商户登记（备案）申请书",
        ["M02"] = "经营者身份证件",
        ["M03"] = "经营场所使用相关文件",
    };

    [GeneratedRegex(@"/my/cases/(?<id>[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$")]
    private static partial Regex ApplicantCaseUrl();

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}$")]
    private static partial Regex IsoDate();

    [Fact]
    public async Task A_licence_goes_from_online_application_to_a_verified_certificate()
    {
        await using var users = new BrowserUsers(browser, app);
        var downloaded = Path.Combine(Path.GetTempPath(), $"oneseal-certificate-{Guid.NewGuid():N}.pdf");
        try
        {
            await users.RunAsync(nameof(A_licence_goes_from_online_application_to_a_verified_certificate), async () =>
            {
                // 1. The applicant finds the item from the portal home, reads its guide and applies online.
                var applicant = await users.SignedInAsync("applicant");
                await applicant.GotoAsync("/");
                await applicant.Locator("#q").FillAsync(SearchText);
                await applicant.Locator("#search").ClickAsync();
                await Expect(applicant.Locator("#results-title")).ToContainTextAsync(SearchText);
                var hit = applicant.Locator($"li.card[data-item-code='{ItemCode}'] h3 a");
                await Expect(hit).ToHaveTextAsync(ItemName);
                await hit.ClickAsync();
                await applicant.WaitForURLAsync($"**/items/{ItemCode}");
                await Expect(applicant.Locator("h1")).ToHaveTextAsync(ItemName);
                await Expect(applicant.Locator("#apply")).ToHaveTextAsync("在线申请");
                await applicant.Locator("#apply").ClickAsync();
                await applicant.WaitForURLAsync($"**/apply/{ItemCode}");

                var (caseId, caseNumber) = await FillAndSubmitApplicationAsync(applicant);

                // 2. The window (clerk) finds it in the hall and accepts it.
                var clerk = await users.SignedInAsync("clerk");
                await OpenFromQueueAsync(clerk, "/hall", "#queue", caseNumber);
                await Expect(clerk.Locator("#case-status")).ToHaveTextAsync("待受理");
                foreach (var code in RequiredMaterials.Keys)
                    await Expect(clerk.Locator($"tr[data-material-code='{code}']")).ToContainTextAsync($"{code}.pdf");
                await clerk.Locator("#accept").ClickAsync();
                await clerk.WaitForURLAsync("**/hall");
                await Expect(clerk.Locator("#notice")).ToContainTextAsync($"已受理办件 {caseNumber}");
                await Expect(clerk.Locator(Row(caseNumber))).ToHaveCountAsync(0);

                // 3. The reviewer reviews with an opinion and recommends approval.
                const string opinion = "申请材料齐全，符合法定形式；经营场所租赁合同真实有效，建议准予登记。";
                var reviewer = await users.SignedInAsync("reviewer");
                await OpenFromQueueAsync(reviewer, "/office", "#review-queue", caseNumber);
                await Expect(reviewer.Locator("#case-status")).ToHaveTextAsync("已受理，审查中");
                await Expect(reviewer.Locator("#due-date time")).ToHaveTextAsync(IsoDate());
                await reviewer.Locator("#opinion").FillAsync(opinion);
                await reviewer.Locator("#recommend-approve").CheckAsync();
                await reviewer.Locator("#review").ClickAsync();
                await reviewer.WaitForURLAsync("**/office");
                await Expect(reviewer.Locator("#notice")).ToContainTextAsync(caseNumber);
                await Expect(reviewer.Locator(Row(caseNumber))).ToHaveCountAsync(0);

                // 4. The chief reads the opinion and approves: the certificate is issued under the bureau's seal.
                var chief = await users.SignedInAsync("chief");
                await OpenFromQueueAsync(chief, "/office", "#decision-queue", caseNumber);
                await Expect(chief.Locator("#case-status")).ToHaveTextAsync("已审查，待决定");
                await Expect(chief.Locator("#review-opinion")).ToContainTextAsync("建议准予许可");
                await Expect(chief.Locator("#review-opinion")).ToContainTextAsync(opinion);
                await chief.Locator("#decide-approve").CheckAsync();
                await chief.Locator("#decide").ClickAsync();
                await chief.WaitForURLAsync("**/office");
                await Expect(chief.Locator("#notice")).ToContainTextAsync($"已作出准予许可决定（办件 {caseNumber}），电子证照已签发。");

                // 5. The applicant sees the result and downloads the certificate (that download is the delivery). The PDF is
                //    rendered after the decision by the outbox, which these tests run by hand.
                await app.RenderCertificatesAsync();
                await applicant.GotoAsync($"/my/cases/{caseId}");
                await Expect(applicant.Locator("#case-number")).ToHaveTextAsync(caseNumber);
                await Expect(applicant.Locator("#case-status")).ToHaveTextAsync("准予许可，证照已签发");
                await Expect(applicant.Locator("#due-date time")).ToHaveTextAsync(IsoDate());
                await Expect(applicant.Locator("#timeline li[data-action='certificate-issued']")).ToHaveCountAsync(1);
                await Expect(applicant.Locator("#certificate-link")).ToHaveTextAsync("下载电子证照");

                var download = await applicant.RunAndWaitForDownloadAsync(() => applicant.Locator("#certificate-link").ClickAsync());
                (await download.FailureAsync()).ShouldBeNull();
                download.SuggestedFilename.ShouldEndWith(".pdf");
                var certificateNumber = Path.GetFileNameWithoutExtension(download.SuggestedFilename);
                await download.SaveAsAsync(downloaded);
                var pdf = await File.ReadAllBytesAsync(downloaded);
                pdf.Length.ShouldBeGreaterThan(1000);
                Encoding.ASCII.GetString(pdf, 0, 5).ShouldBe("%PDF-");
                await Expect(applicant.Locator("#certificate-title + p")).ToContainTextAsync(certificateNumber);

                await applicant.ReloadAsync();
                await Expect(applicant.Locator("#case-status")).ToHaveTextAsync("已送达");
                await Expect(applicant.Locator("#timeline li[data-action='delivered']")).ToHaveCountAsync(1);

                // 6. Anyone verifies the downloaded file: genuine; one flipped byte is not.
                var anyone = await users.AnonymousAsync(who: "verifier");
                await anyone.GotoAsync("/verify");
                await anyone.Locator("#file").SetInputFilesAsync(downloaded);
                await anyone.Locator("form[enctype='multipart/form-data'] button[type='submit']").ClickAsync();
                await Expect(anyone.Locator("p.genuine")).ToHaveTextAsync("真实有效");
                await Expect(anyone.Locator("section[role='status']")).ToContainTextAsync(certificateNumber);

                var tampered = (byte[])pdf.Clone();
                tampered[tampered.Length / 2] ^= 0x01;
                await anyone.Locator("#file").SetInputFilesAsync(new FilePayload
                {
                    Name = download.SuggestedFilename, MimeType = "application/pdf", Buffer = tampered,
                });
                await anyone.Locator("form[enctype='multipart/form-data'] button[type='submit']").ClickAsync();
                await Expect(anyone.Locator("p.not-genuine")).ToContainTextAsync("未通过核验");
                await Expect(anyone.Locator("p.genuine")).ToHaveCountAsync(0);
                (await anyone.Locator("main").InnerTextAsync()).ShouldNotContain(certificateNumber);

                // 7. The QR code's landing page: status and masked details, never the full ID number.
                await anyone.GotoAsync($"/verify/{Uri.EscapeDataString(certificateNumber)}");
                await Expect(anyone.Locator("p.genuine")).ToHaveTextAsync("真实有效");
                await Expect(anyone.Locator("dd .status")).ToHaveTextAsync("有效");
                var landing = await anyone.Locator("main").InnerTextAsync();
                landing.ShouldContain(certificateNumber);
                landing.ShouldContain("营业执照");
                landing.ShouldContain(HolderIdMasked);
                var html = await anyone.ContentAsync();
                html.ShouldNotContain(HolderIdNumber);
                html.ShouldNotContain(FormIdNumber);
            });
        }
        finally
        {
            File.Delete(downloaded);
        }
    }

    [Fact]
    public async Task A_correction_round_trip_through_the_pages()
    {
        await using var users = new BrowserUsers(browser, app);
        await users.RunAsync(nameof(A_correction_round_trip_through_the_pages), async () =>
        {
            var applicant = await users.SignedInAsync("applicant");
            await applicant.GotoAsync($"/apply/{ItemCode}");
            var (caseId, caseNumber) = await FillAndSubmitApplicationAsync(applicant);

            // The window finds the operator's ID document unreadable: one correction notice, one material, a note.
            const string note = "身份证件复印件不清晰，请上传身份证正反面的清晰扫描件。";
            var clerk = await users.SignedInAsync("clerk");
            await OpenFromQueueAsync(clerk, "/hall", "#queue", caseNumber);
            await clerk.Locator("input[name='missing'][value='M02']").CheckAsync();
            await clerk.Locator("#note").FillAsync(note);
            await clerk.Locator("#request-correction").ClickAsync();
            await clerk.WaitForURLAsync("**/hall");
            await Expect(clerk.Locator("#notice")).ToContainTextAsync($"已向申请人一次性告知补正（办件 {caseNumber}）");
            await Expect(clerk.Locator(Row(caseNumber))).ToHaveCountAsync(0);

            // The applicant reads the notice: that material, and the note.
            await applicant.GotoAsync($"/my/cases/{caseId}");
            await Expect(applicant.Locator("#case-status")).ToHaveTextAsync("待补正");
            var notice = applicant.Locator("#correction-notice");
            await Expect(notice).ToBeVisibleAsync();
            await Expect(notice.Locator("#correction-materials li")).ToHaveTextAsync([RequiredMaterials["M02"]]);
            await Expect(notice).ToContainTextAsync(note);
            await Expect(applicant.Locator("#materials label[for='material_M02']")).ToContainTextAsync("需补正");

            // Uploads a clear copy and resubmits.
            await applicant.Locator("#material_M02").SetInputFilesAsync(new FilePayload
            {
                Name = "M02-clear.pdf", MimeType = "application/pdf", Buffer = SamplePdf.Create("M02 clear copy"),
            });
            await applicant.Locator("#resubmit").ClickAsync();
            await Expect(applicant.Locator("#notice")).ToHaveTextAsync("补正材料已提交，等待窗口重新审核。");
            await Expect(applicant.Locator("#case-status")).ToHaveTextAsync("待受理");
            await Expect(applicant.Locator("#correction-notice")).ToHaveCountAsync(0);
            await Expect(applicant.Locator("#resubmit")).ToHaveCountAsync(0);
            await Expect(applicant.Locator("tr[data-material-code='M02']")).ToContainTextAsync("M02-clear.pdf");
            await Expect(applicant.Locator("#timeline li[data-action='resubmitted']")).ToHaveCountAsync(1);

            // Back in the window's queue, with the new file.
            await OpenFromQueueAsync(clerk, "/hall", "#queue", caseNumber);
            await Expect(clerk.Locator("#case-status")).ToHaveTextAsync("待受理");
            await Expect(clerk.Locator("tr[data-material-code='M02']")).ToContainTextAsync("M02-clear.pdf");
            await Expect(clerk.Locator("#accept")).ToBeVisibleAsync();
        });
    }

    public static TheoryData<string> PublicPages => new() { "/", $"/items/{ItemCode}", "/account/login", "/verify" };

    [Theory]
    [MemberData(nameof(PublicPages))]
    public async Task Every_page_declares_zh_CN_and_fits_a_phone(string path)
    {
        await using var users = new BrowserUsers(browser, app);
        await users.RunAsync($"{nameof(Every_page_declares_zh_CN_and_fits_a_phone)}{path}", async () =>
        {
            var phone = await users.AnonymousAsync(width: 375, height: 740, who: "phone");
            var response = await phone.GotoAsync(path);
            response.ShouldNotBeNull().Status.ShouldBe(200);

            await Expect(phone.Locator("html")).ToHaveAttributeAsync("lang", "zh-CN");
            await Expect(phone.Locator("head meta[name='viewport']")).ToHaveAttributeAsync("content", new Regex("width=device-width"));
            var scrollWidth = await phone.EvaluateAsync<int>("document.documentElement.scrollWidth");
            scrollWidth.ShouldBeLessThanOrEqualTo(375, $"{path} scrolls sideways on a 375 px wide phone");

            var axe = await phone.RunAxe();
            axe.Passes.ShouldNotBeEmpty("axe-core did not run");
            var serious = axe.Violations
                .Where(v => v.Impact is "serious" or "critical")
                .Select(v => $"{v.Id} ({v.Impact}): {v.Help} at {string.Join(", ", v.Nodes.Select(n => n.Target.ToString()))}")
                .ToList();
            serious.ShouldBeEmpty($"axe found serious or critical violations on {path}");
        });
    }

    /// <summary>Fills every form field with valid values, attaches a PDF to every required material, submits.</summary>
    private static async Task<(Guid CaseId, string CaseNumber)> FillAndSubmitApplicationAsync(IPage applicant)
    {
        await Expect(applicant.Locator("h1")).ToContainTextAsync(ItemName);
        await Expect(applicant.Locator("#apply-form input[id^='form_']")).ToHaveCountAsync(FormValues.Count);
        foreach (var (key, value) in FormValues)
            await applicant.Locator($"#form_{key}").FillAsync(value);
        foreach (var code in RequiredMaterials.Keys)
            await applicant.Locator($"#material_{code}").SetInputFilesAsync(new FilePayload
            {
                Name = $"{code}.pdf", MimeType = "application/pdf", Buffer = SamplePdf.Create($"{code} original"),
            });

        await applicant.Locator("#submit").ClickAsync();
        await applicant.WaitForURLAsync(ApplicantCaseUrl());

        await Expect(applicant.Locator("#error-summary")).ToHaveCountAsync(0);
        var caseNumber = (await applicant.Locator("#case-number").InnerTextAsync()).Trim();
        caseNumber.ShouldNotBeNullOrEmpty();
        await Expect(applicant.Locator("#notice")).ToContainTextAsync($"申请已提交，办件编号 {caseNumber}");
        await Expect(applicant.Locator("#case-status")).ToHaveTextAsync("待受理");
        await Expect(applicant.Locator("#case-status")).ToHaveAttributeAsync("data-status", "submitted");
        await Expect(applicant.Locator("#due-date")).ToContainTextAsync("受理后按工作日计算");
        foreach (var code in RequiredMaterials.Keys)
            await Expect(applicant.Locator($"tr[data-material-code='{code}']")).ToContainTextAsync($"{code}.pdf");
        // The form's ID number is shown masked, never whole.
        (await applicant.ContentAsync()).ShouldNotContain(FormIdNumber);

        var id = Guid.Parse(ApplicantCaseUrl().Match(new Uri(applicant.Url).AbsolutePath).Groups["id"].Value);
        return (id, caseNumber);
    }

    /// <summary>Opens a work list, finds the case's row by number in the given table, and follows its link.</summary>
    internal static async Task OpenFromQueueAsync(IPage page, string list, string table, string caseNumber)
    {
        await page.GotoAsync(list);
        var row = page.Locator($"{table} {Row(caseNumber)}");
        await Expect(row).ToBeVisibleAsync();
        await row.Locator("a").ClickAsync();
        await page.WaitForURLAsync(new Regex($"{Regex.Escape(list)}/cases/[0-9a-f-]{{36}}$"));
        await Expect(page.Locator("#case-number")).ToHaveTextAsync(caseNumber);
    }

    private static string Row(string caseNumber) => $"tr[data-case-number='{caseNumber}']";
}

[Collection(BrowserCollection.Name)]
[Trait("Provider", "Sqlite")]
public sealed class ApplicationJourneyTests_Sqlite(SqliteKestrelApp app, BrowserFixture browser)
    : ApplicationJourneyTests(app, browser), IClassFixture<SqliteKestrelApp>;

[Collection(BrowserCollection.Name)]
[Trait("Provider", "Postgres")]
public sealed class ApplicationJourneyTests_Postgres(PostgresKestrelApp app, BrowserFixture browser)
    : ApplicationJourneyTests(app, browser), IClassFixture<PostgresKestrelApp>;
