using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using OneSeal.Tests.Api;
using OneSeal.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace OneSeal.Tests.Browser;

/// <summary>
/// Issue 11 §3 in the browser: 民政局's approval section handles its item not transferred (最低生活保障审核确认) at its
/// own hall window: the section's clerk accepts an online application at the hall page, its reviewer reviews and its chief
/// approves at the office page, and the case's notices are sealed by 民政局, not by the bureau.
/// </summary>
public abstract class DepartmentWindowJourneyTests(OneSealFactory app, BrowserFixture browser)
{
    private const string ItemCode = "QS-GF-003";
    private const string Department = "青山县民政局";

    [Fact]
    public async Task The_department_section_accepts_reviews_and_approves_under_its_own_seal()
    {
        var (caseId, caseNumber) = await ApplyOnlineAsync();
        await using var users = new BrowserUsers(browser, app);
        await users.RunAsync(nameof(The_department_section_accepts_reviews_and_approves_under_its_own_seal), async () =>
        {
            // 1. The section's clerk, at 民政局's window, finds the application in the hall's queue and accepts it.
            var clerk = await users.SignedInAsync("deptclerk");
            await clerk.SetViewportSizeAsync(1366, 768);
            await ApplicationJourneyTests.OpenFromQueueAsync(clerk, "/hall", "#queue", caseNumber);
            await Expect(clerk.Locator("#case-status")).ToHaveTextAsync("待受理");
            await clerk.Locator("#accept").ClickAsync();
            await clerk.WaitForURLAsync("**/hall");
            await Expect(clerk.Locator("#notice")).ToContainTextAsync($"已受理办件 {caseNumber}");

            // 2. The section's reviewer reviews it.
            var reviewer = await users.SignedInAsync("deptreviewer");
            await reviewer.SetViewportSizeAsync(1366, 768);
            await ApplicationJourneyTests.OpenFromQueueAsync(reviewer, "/office", "#review-queue", caseNumber);
            await reviewer.Locator("#opinion").FillAsync("经入户调查，家庭人均收入低于本县最低生活保障标准，建议予以确认。");
            await reviewer.Locator("#recommend-approve").CheckAsync();
            await reviewer.Locator("#review").ClickAsync();
            await reviewer.WaitForURLAsync("**/office");

            // 3. 民政局's chief (首席代表) approves.
            var chief = await users.SignedInAsync("deptchief");
            await chief.SetViewportSizeAsync(1366, 768);
            await ApplicationJourneyTests.OpenFromQueueAsync(chief, "/office", "#decision-queue", caseNumber);
            await chief.Locator("#decide-approve").CheckAsync();
            await chief.Locator("#decide").ClickAsync();
            await chief.WaitForURLAsync("**/office");
            await Expect(chief.Locator("#notice")).ToContainTextAsync(caseNumber);

            // 4. The outbox seals the notices; the case page lists them as issued by 民政局.
            await app.RunOutboxAsync(OneSeal.Notices.NoticeTopics.Render);
            await chief.GotoAsync($"/office/cases/{caseId}");
            var acceptance = chief.Locator("tr[data-notice-kind='Acceptance']");
            await Expect(acceptance).ToContainTextAsync("受理通知书");
            await Expect(acceptance.Locator("td.issuer")).ToHaveTextAsync(Department);
            await Expect(acceptance.Locator(".status-notice-issued")).ToHaveTextAsync("已签发");
            (await chief.EvaluateAsync<bool>("document.documentElement.scrollWidth <= window.innerWidth")).ShouldBeTrue("no sideways scrolling at 1366 px");

            // 5. Anyone following the notice's QR code reads 民政局 as its issuer.
            var number = (await acceptance.Locator("td").Nth(1).InnerTextAsync()).Trim();
            var anyone = await users.AnonymousAsync(who: "verifier");
            await anyone.GotoAsync($"/verify/notice/{Uri.EscapeDataString(number)}");
            await Expect(anyone.Locator("main")).ToContainTextAsync(Department);
        });
    }

    /// <summary>The applicant's online application (the online journey itself is ApplicationJourneyTests'), through the API.</summary>
    private async Task<(Guid Id, string Number)> ApplyOnlineAsync()
    {
        using var applicant = await app.ClientFor("applicant");
        using var created = await applicant.PostAsJsonAsync("/api/v1/cases", new
        {
            itemCode = ItemCode,
            form = new Dictionary<string, string>
            {
                ["applicantName"] = "张三", ["idNumber"] = Demo.CitizenId, ["phone"] = "13807960001", ["address"] = "青山县解放路1号", ["familySize"] = "3",
            },
        });
        created.EnsureSuccessStatusCode();
        var body = JsonDocument.Parse(await created.Content.ReadAsStringAsync()).RootElement;
        var id = body.GetProperty("id").GetGuid();
        foreach (var code in new[] { "M01", "M02", "M03", "M04" })
        {
            using var form = new MultipartFormDataContent { { new StringContent(code), "materialCode" } };
            var file = new ByteArrayContent(SampleFiles.Pdf($"material {code}"));
            file.Headers.ContentType = MediaTypeHeaderValue.Parse("application/pdf");
            form.Add(file, "file", $"{code}.pdf");
            using var uploaded = await applicant.PostAsync($"/api/v1/cases/{id}/materials", form);
            uploaded.EnsureSuccessStatusCode();
        }
        using var submitted = await applicant.PostAsync($"/api/v1/cases/{id}/submit", null);
        submitted.EnsureSuccessStatusCode();
        return (id, body.GetProperty("caseNumber").GetString()!);
    }
}

[Collection(BrowserCollection.Name)]
[Trait("Provider", "Postgres")]
public sealed class DepartmentWindowJourneyTests_Postgres(PostgresKestrelApp app, BrowserFixture browser)
    : DepartmentWindowJourneyTests(app, browser), IClassFixture<PostgresKestrelApp>;
