using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using OneSeal.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace OneSeal.Tests.Browser;

/// <summary>
/// The step strip (办理环节期限, issue 4 item 10) on the case pages and the current step in the office queue, in Chromium,
/// on a fake clock. The states are asserted as words: colour only repeats them.
/// </summary>
public abstract class StepStripJourneyTests(OneSealFactory app, BrowserFixture browser)
{
    private readonly LifecycleCases cases = new(app);

    [Fact]
    public async Task The_step_strip_shows_each_steps_due_date_and_state_on_the_case_page()
    {
        await using var users = new BrowserUsers(browser, app);
        await users.RunAsync(nameof(The_step_strip_shows_each_steps_due_date_and_state_on_the_case_page), async () =>
        {
            // Food licence, promised 3, steps 10/50/30/10 → ends 1, 2, 3, 3: accepted Monday, review due Wednesday.
            var calendar = app.Calendar();
            var monday = app.MoveToAWorkingMonday();
            var created = await cases.AcceptedAsync();
            var wednesday = calendar.AddWorkingDays(monday, 2);

            var applicant = await users.SignedInAsync("applicant");
            await applicant.GotoAsync($"/my/cases/{created.Id}");
            var strip = applicant.Locator("#step-strip");
            await Expect(strip.Locator("h3")).ToHaveTextAsync("办理环节期限");
            await Expect(strip.Locator("li")).ToHaveCountAsync(4);
            await Expect(strip.Locator("li[data-kind='accept']")).ToContainTextAsync("已完成");
            var review = strip.Locator("li[data-kind='review']");
            await Expect(review).ToHaveAttributeAsync("aria-current", "step");
            await Expect(review).ToContainTextAsync("审查");
            await Expect(review).ToContainTextAsync("进行中");
            await Expect(review).ToContainTextAsync($"期限 {wednesday:yyyy-MM-dd}");
            await Expect(strip.Locator("li[data-kind='decide']")).ToContainTextAsync("未开始");

            // Wednesday: the review's one-day budget is used: yellow, in words, on the office page and in its queue.
            app.MoveTo(wednesday);
            var reviewer = await users.SignedInAsync("reviewer");
            await reviewer.GotoAsync("/office");
            var row = reviewer.Locator($"#review-queue tr[data-case-number='{created.CaseNumber}']");
            await Expect(row.Locator("[data-step='review']")).ToContainTextAsync("黄牌预警");
            await row.Locator("a").ClickAsync();
            await reviewer.WaitForURLAsync($"**/office/cases/{created.Id}");
            await Expect(reviewer.Locator("#step-strip li[data-kind='review']")).ToHaveAttributeAsync("data-state", "yellow");
            await Expect(reviewer.Locator("#step-strip li[data-kind='review']")).ToContainTextAsync("黄牌预警");

            var axe = await reviewer.Locator("#step-strip").RunAxe();
            axe.Violations.Where(v => v.Impact is "serious" or "critical").Select(v => v.Id).ShouldBeEmpty();
        });
    }
}

[Collection(BrowserCollection.Name)]
[Trait("Provider", "Sqlite")]
public sealed class StepStripJourneyTests_Sqlite(LifecycleSqliteApp app, BrowserFixture browser)
    : StepStripJourneyTests(app, browser), IClassFixture<LifecycleSqliteApp>;
