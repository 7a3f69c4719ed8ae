using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using OneSeal.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace OneSeal.Tests.Browser;

/// <summary>
/// Issue 8 defect 11: at 390 px the guide's materials table was 424 px wide (one or two characters a line, 依据 clipped)
/// and the reform figures table 1513 px. Tables now stack into one card per row on a phone. For the guide, apply, my-case
/// pages (and the tables the report named): nothing scrolls sideways at 390 px, each table fits, axe-core finds no
/// serious or critical violation, and a full-page screenshot is saved to <c>TestResults/phone/</c> to look at.
/// Layout only (CSS), so SQLite only.
/// </summary>
[Collection(BrowserCollection.Name)]
[Trait("Provider", "Sqlite")]
public sealed class PhoneLayoutTests(SqliteKestrelApp app, BrowserFixture browser) : IClassFixture<SqliteKestrelApp>
{
    private const int Width = 390;
    private const int Height = 844;

    [Fact]
    public async Task Defect11_guide_apply_and_my_case_fit_a_390_px_phone_with_tables_as_cards_and_pass_axe()
    {
        var accepted = await new LifecycleCases(app).AcceptedAsync();
        await using var users = new BrowserUsers(browser, app);
        await users.RunAsync(nameof(Defect11_guide_apply_and_my_case_fit_a_390_px_phone_with_tables_as_cards_and_pass_axe), async () =>
        {
            var visitor = await users.AnonymousAsync(Width, Height, who: "phone");
            await CheckAsync(visitor, "guide", $"/items/{LifecycleCases.FoodLicence}", "#guide-materials");
            // A card per material: its legal basis is written out, not clipped.
            var basis = visitor.Locator("#guide-materials tbody tr").First.Locator("td[data-label='依据']");
            (await basis.BoundingBoxAsync()).ShouldNotBeNull().Width.ShouldBeGreaterThan(Width / 2f, "the basis gets the card's width");

            var applicant = await SignedInPhoneAsync(users, "applicant");
            await CheckAsync(applicant, "apply", "/apply/QS-XK-002", "#apply-form");
            await CheckAsync(applicant, "my-case", $"/my/cases/{accepted.Id}", "tr[data-material-code]");
            await CheckAsync(applicant, "my-cases", "/my/cases", "table.cases");

            var admin = await SignedInPhoneAsync(users, "admin");
            await CheckAsync(admin, "reform-figures", "/admin/catalog/stats", "#stats-table");
        });
    }

    /// <summary>Signs in at desktop size (the helper's), then turns the page into a phone.</summary>
    private static async Task<IPage> SignedInPhoneAsync(BrowserUsers users, string username)
    {
        var page = await users.SignedInAsync(username);
        await page.SetViewportSizeAsync(Width, Height);
        return page;
    }

    private static async Task CheckAsync(IPage page, string name, string path, string content)
    {
        var response = (await page.GotoAsync(path)).ShouldNotBeNull();
        response.Status.ShouldBe(200, path);
        await Expect(page.Locator(content).First).ToBeVisibleAsync();
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ShotFolder(), $"{name}-{Width}px.png"), FullPage = true });

        var scrollWidth = await page.EvaluateAsync<int>("document.documentElement.scrollWidth");
        scrollWidth.ShouldBeLessThanOrEqualTo(Width, $"{path} scrolls sideways on a {Width} px phone");
        // Inside its scroll box a table could still be wider than the screen: none is.
        var widest = await page.EvaluateAsync<int>("Math.max(0, ...Array.from(document.querySelectorAll('main table')).map(t => Math.ceil(t.getBoundingClientRect().width)))");
        widest.ShouldBeLessThanOrEqualTo(Width, $"a table on {path} is wider than the phone");

        var axe = await page.RunAxe();
        axe.Passes.ShouldNotBeEmpty("axe-core did not run");
        var serious = axe.Violations.Where(v => v.Impact is "serious" or "critical")
            .Select(v => $"{v.Id} ({v.Impact}): {v.Help} at {string.Join(", ", v.Nodes.Select(n => n.Target.ToString()))}").ToList();
        serious.ShouldBeEmpty($"axe found serious or critical violations on {path}");
    }

    /// <summary><c>TestResults/phone/</c> at the repository's root (beside OneSeal.slnx).</summary>
    private static string ShotFolder()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "OneSeal.slnx"))) dir = dir.Parent;
        return Directory.CreateDirectory(Path.Combine(dir?.FullName ?? Path.GetTempPath(), "TestResults", "phone")).FullName;
    }
}
