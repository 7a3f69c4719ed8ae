using System.Text.RegularExpressions;
using Microsoft.Playwright;
using OneSeal.Tests.Api;
using OneSeal.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace OneSeal.Tests.Browser;

/// <summary>
/// Issue 8 in the pages: an applicant submits 食品经营许可（新办） without the materials the certificate library supplies
/// and the window sees them marked for a shared-data check (defect 2); 食品经营许可, a heading with sub-items, offers no
/// online application and its apply page refuses (defect 4).
/// </summary>
public abstract partial class ResultsJourneyTests(OneSealFactory app, BrowserFixture browser)
{
    [GeneratedRegex(@"/my/cases/(?<id>[0-9a-f-]{36})$")]
    private static partial Regex ApplicantCaseUrl();

    [Fact]
    public async Task Defect02_an_application_without_library_materials_is_submitted_and_the_window_checks_them()
    {
        await using var users = new BrowserUsers(browser, app);
        await users.RunAsync(nameof(Defect02_an_application_without_library_materials_is_submitted_and_the_window_checks_them), async () =>
        {
            var applicant = await users.SignedInAsync("applicant");
            await applicant.GotoAsync($"/apply/{Demo.FoodLicence}");
            foreach (var (key, value) in Demo.FoodLicenceForm())
                await applicant.Locator($"#form_{key}").FillAsync(value!);
            // 营业执照 (M02) and the legal representative's ID (M05) come from the certificate library: nothing attached.
            foreach (var code in new[] { "M01", "M03", "M04" })
                await applicant.Locator($"#material_{code}").SetInputFilesAsync(new FilePayload
                {
                    Name = $"{code}.pdf", MimeType = "application/pdf", Buffer = SamplePdf.Create($"{code} original"),
                });
            await applicant.Locator("#submit").ClickAsync();
            await applicant.WaitForURLAsync(ApplicantCaseUrl());
            await Expect(applicant.Locator("#error-summary")).ToHaveCountAsync(0);
            await Expect(applicant.Locator("#case-status")).ToHaveAttributeAsync("data-status", "submitted");
            await Expect(applicant.Locator("tr[data-material-code='M02']")).ToContainTextAsync("电子证照库共享核验，申请人未提交");
            var id = ApplicantCaseUrl().Match(new Uri(applicant.Url).AbsolutePath).Groups["id"].Value;

            var clerk = await users.SignedInAsync("clerk");
            await clerk.GotoAsync($"/hall/cases/{id}");
            var licence = clerk.Locator("tr[data-material-code='M02']");
            await Expect(licence.Locator("[data-not-submitted='shared-check']")).ToBeVisibleAsync();
            await Expect(licence).ToContainTextAsync("窗口须通过电子证照库共享数据核验");
            await Expect(clerk.Locator("tr[data-material-code='M05']")).ToContainTextAsync("电子证照库共享核验");
        });
    }

    [Fact]
    public async Task Defect04_a_parent_item_lists_its_sub_items_and_offers_no_application()
    {
        await using var users = new BrowserUsers(browser, app);
        await users.RunAsync(nameof(Defect04_a_parent_item_lists_its_sub_items_and_offers_no_application), async () =>
        {
            var visitor = await users.AnonymousAsync();
            await visitor.GotoAsync("/items/QS-XK-027");
            await Expect(visitor.Locator("#parent-item")).ToContainTextAsync("本事项是主项，不能直接申请");
            await Expect(visitor.Locator("#parent-item li")).ToHaveCountAsync(4);
            await Expect(visitor.Locator("#apply")).ToHaveCountAsync(0);
            await Expect(visitor.GetByRole(AriaRole.Link, new() { Name = "在线申请" })).ToHaveCountAsync(0);

            var applicant = await users.SignedInAsync("applicant");
            await applicant.GotoAsync("/apply/QS-XK-027");
            await Expect(applicant.Locator("#parent-item")).ToContainTextAsync("是主项，不能直接申请");
            await Expect(applicant.Locator("#apply-form")).ToHaveCountAsync(0);
            await applicant.Locator("#parent-item a", new() { HasText = "食品经营许可（新办）" }).ClickAsync();
            await applicant.WaitForURLAsync("**/items/QS-XK-003");
            await Expect(applicant.Locator("#apply")).ToHaveTextAsync("在线申请");
        });
    }
}

[Collection(BrowserCollection.Name)]
[Trait("Provider", "Sqlite")]
public sealed class ResultsJourneyTests_Sqlite(SqliteKestrelApp app, BrowserFixture browser)
    : ResultsJourneyTests(app, browser), IClassFixture<SqliteKestrelApp>;

[Collection(BrowserCollection.Name)]
[Trait("Provider", "Postgres")]
public sealed class ResultsJourneyTests_Postgres(PostgresKestrelApp app, BrowserFixture browser)
    : ResultsJourneyTests(app, browser), IClassFixture<PostgresKestrelApp>;
