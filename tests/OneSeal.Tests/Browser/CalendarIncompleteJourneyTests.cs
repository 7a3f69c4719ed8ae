using Microsoft.Playwright;
using OneSeal.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace OneSeal.Tests.Browser;

/// <summary>
/// Defect 8.6 in Chromium, on the lifecycle app's fake clock (Mon 2026-11-23; the calendar holds 2024–2026): the admin
/// calendar asks for 2027 (it is past 1 November), the calculator flags a count reaching 2027, and a case whose due date
/// falls in 2027 says on its pages that the date skips only weekends there. The one fact moves the clock.
/// </summary>
public abstract class CalendarIncompleteJourneyTests(OneSealFactory app, BrowserFixture browser)
{
    private readonly LifecycleCases cases = new(app);

    [Fact]
    public async Task Defect06_pages_say_when_a_count_reaches_a_year_without_holiday_data()
    {
        await using var users = new BrowserUsers(browser, app);
        await users.RunAsync(nameof(Defect06_pages_say_when_a_count_reaches_a_year_without_holiday_data), async () =>
        {
            var admin = await users.SignedInAsync("admin");
            await admin.GotoAsync("/admin/calendar");
            await Expect(admin.Locator("#missing-year-warning")).ToHaveAttributeAsync("data-missing-years", "2027");
            await Expect(admin.Locator("#missing-year-warning h2")).ToHaveTextAsync("2027 年节假日安排尚未录入");

            var visitor = await users.AnonymousAsync();
            await visitor.GotoAsync("/calendar?from=2026-12-31&days=3");
            await Expect(visitor.Locator("#due-result")).ToContainTextAsync("2027-01-05");
            await Expect(visitor.Locator(".calendar-incomplete")).ToContainTextAsync("2027 年的法定节假日安排尚未录入工作日历");

            // Accepted Wed 12-30, promised 3: 12-31, 1-1 (元旦, unknown to the calendar), 1-4 → due 2027-01-04, flagged.
            app.MoveTo(new DateOnly(2026, 12, 30));
            var created = await cases.AcceptedAsync();
            var applicant = await users.SignedInAsync("applicant");
            await applicant.GotoAsync($"/my/cases/{created.Id}");
            await Expect(applicant.Locator("#due-date")).ToContainTextAsync("2027-01-04");
            await Expect(applicant.Locator("#due-date .calendar-incomplete")).ToHaveAttributeAsync("data-missing-years", "2027");
            var clerk = await users.SignedInAsync("clerk");
            await clerk.GotoAsync($"/hall/cases/{created.Id}");
            await Expect(clerk.Locator("#due-date .calendar-incomplete")).ToBeVisibleAsync();
            var reviewer = await users.SignedInAsync("reviewer");
            await reviewer.GotoAsync($"/office/cases/{created.Id}");
            await Expect(reviewer.Locator("#due-date .calendar-incomplete")).ToBeVisibleAsync();
        });
    }
}

[Collection(BrowserCollection.Name)]
[Trait("Provider", "Sqlite")]
public sealed class CalendarIncompleteJourneyTests_Sqlite(LifecycleSqliteApp app, BrowserFixture browser)
    : CalendarIncompleteJourneyTests(app, browser), IClassFixture<LifecycleSqliteApp>;

[Collection(BrowserCollection.Name)]
[Trait("Provider", "Postgres")]
public sealed class CalendarIncompleteJourneyTests_Postgres(LifecyclePostgresApp app, BrowserFixture browser)
    : CalendarIncompleteJourneyTests(app, browser), IClassFixture<LifecyclePostgresApp>;
