using Microsoft.Playwright;
using OneSeal.Platform.Database;
using OneSeal.Tests.Api;
using OneSeal.Tests.Infrastructure;
using OneSeal.Tests.Queue;
using static Microsoft.Playwright.Assertions;

namespace OneSeal.Tests.Browser;

public sealed class QueuePostgresKestrelApp() : OneSealFactory(DatabaseProvider.Postgres, QueueTestHost.Options(kestrel: true));

/// <summary>
/// Issue 12 §1–2 in a browser: a visitor takes a number at the kiosk by touch alone (a theme, the ID number on the
/// on-screen keypad), the clerk seated at A01 calls it from the window workbench at 1366×768, sees the person's
/// cases, and finishes it; the hall's TV shows the call without a reload; the window chief pairs A01's rating device and
/// the visitor rates the finished ticket there by touch. And an appointment booked on a phone, checked in at the kiosk's
/// check-in page by touch, is called before a normal ticket taken earlier.
/// </summary>
[Collection(BrowserCollection.Name)]
[Trait("Provider", "Postgres")]
public sealed class QueueJourneyTests(QueuePostgresKestrelApp app, BrowserFixture browser) : IClassFixture<QueuePostgresKestrelApp>
{
    [Fact]
    public async Task A_ticket_taken_at_the_kiosk_by_touch_is_called_and_finished_at_the_window()
    {
        await using var users = new BrowserUsers(browser, app);
        await users.RunAsync(nameof(A_ticket_taken_at_the_kiosk_by_touch_is_called_and_finished_at_the_window), async () =>
        {
            var kiosk = await users.AnonymousAsync(1080, 1600, "kiosk");
            await kiosk.GotoAsync("/kiosk");
            await kiosk.Locator("#theme-market").ClickAsync();
            foreach (var digit in Demo.CitizenId) await kiosk.Locator($"#key-{digit}").ClickAsync();
            await Expect(kiosk.Locator("#id-display")).ToHaveTextAsync(Demo.CitizenId);
            await kiosk.Locator("#take-normal").ClickAsync();
            await Expect(kiosk.Locator("#ticket-number")).ToHaveTextAsync("A001");
            await Expect(kiosk.Locator("#ticket-ahead")).ToContainTextAsync("前面还有 0 人");
            await Expect(kiosk.Locator("#print")).ToBeVisibleAsync();

            // The hall's TV is open before the call: it must show it without a reload.
            var tv = await users.AnonymousAsync(1366, 768, "tv");
            await tv.GotoAsync("/board");
            await Expect(tv.Locator("#no-calls")).ToBeVisibleAsync();

            var clerk = await users.SignedInAsync("clerk");
            await clerk.SetViewportSizeAsync(1366, 768);
            await clerk.GotoAsync("/hall/windows");
            await clerk.Locator("tr[data-window='A01']").GetByRole(AriaRole.Button, new() { Name = "在此签到" }).ClickAsync();
            await Expect(clerk.Locator("#my-seat")).ToContainTextAsync("A01");
            await clerk.GotoAsync("/hall/window");
            await Expect(clerk.Locator("#queue-waiting")).ToContainTextAsync("等候 1 人");
            await clerk.Locator("#queue-call").ClickAsync();
            await Expect(clerk.Locator("#queue-current-number")).ToHaveTextAsync("A001");
            await Expect(clerk.Locator("#queue-visitor")).ToBeVisibleAsync();
            await Expect(tv.Locator("#calls tr[data-window='A01']")).ToContainTextAsync("A001");
            (await clerk.ContentAsync()).ShouldNotContain(Demo.CitizenId);
            await clerk.Locator("#queue-finish").ClickAsync();
            await Expect(clerk.Locator("#notice")).ToContainTextAsync("已办结");
            await Expect(clerk.Locator("#queue-current-none")).ToBeVisibleAsync();
            (await clerk.EvaluateAsync<int>("document.documentElement.scrollWidth")).ShouldBeLessThanOrEqualTo(1366, "no sideways scrolling at 1366 px");

            await kiosk.GotoAsync("/kiosk");
            await Expect(kiosk.Locator("#theme-market")).ToContainTextAsync("等候 0 人");

            // The window chief pairs A01's rating device; the tablet asks about A001 and the visitor's taps rate it.
            var chief = await users.SignedInAsync("winchief");
            await chief.SetViewportSizeAsync(1366, 768);
            await chief.GotoAsync("/hall/windows");
            await chief.Locator("tr[data-window='A01']").GetByRole(AriaRole.Button, new() { Name = "评价器配对码" }).ClickAsync();
            var code = System.Text.RegularExpressions.Regex.Match(await chief.Locator("#notice").InnerTextAsync(), @"\d{8}").Value;
            var tablet = await users.AnonymousAsync(1024, 768, "tablet");
            await tablet.GotoAsync("/window/A01/rate");
            foreach (var digit in code) await tablet.Locator($".rd-keypad button[data-digit='{digit}']").ClickAsync();
            await tablet.Locator(".rd-keypad button[data-key='ok']").ClickAsync();
            await Expect(tablet.Locator("#rd-ticket")).ToHaveTextAsync("A001");
            await tablet.Locator("button[data-level='4']").ClickAsync();
            await tablet.Locator("#rd-submit").ClickAsync();
            await Expect(tablet.Locator("#rd-thanks")).ToBeVisibleAsync();
            (await app.InDb(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.CountAsync(
                db.Set<OneSeal.Ratings.Rating>(), r => r.Level == OneSeal.Ratings.RatingLevel.Satisfied))).ShouldBe(1);
        });
    }

    [Fact]
    public async Task An_appointment_booked_on_a_phone_and_checked_in_at_the_kiosk_is_called_first()
    {
        // A day of its own (the other journey expects a fresh day): facts in a class run in any order.
        NextWorkingMorning(9);
        await using var users = new BrowserUsers(browser, app);
        await users.RunAsync(nameof(An_appointment_booked_on_a_phone_and_checked_in_at_the_kiosk_is_called_first), async () =>
        {
            var kiosk = await users.AnonymousAsync(1080, 1600, "kiosk");
            await kiosk.GotoAsync("/kiosk");
            await kiosk.Locator("#theme-market").ClickAsync();
            await kiosk.Locator("#take-normal").ClickAsync();
            await Expect(kiosk.Locator("#ticket-number")).ToHaveTextAsync("A001");

            var phone = await users.AnonymousAsync(390, 844, "phone");
            await phone.GotoAsync("/appointments");
            await phone.Locator("#themes a", new() { HasText = "市场准入" }).ClickAsync();
            await phone.Locator("#days a").First.ClickAsync();
            await phone.Locator("#slots a[data-slot='09:30']").ClickAsync();
            var id = Queue.Appointments.AppointmentTests.NewIdNumber();
            await phone.FillAsync("#name", "李预约");
            await phone.FillAsync("#idNumber", id);
            await phone.FillAsync("#phone", "13800138001");
            await phone.ClickAsync("#book");
            await Expect(phone.Locator("#appointment-booked")).ToBeVisibleAsync();

            // At the hall half an hour early (check-in opens 30 minutes before the slot): the ID number on the keypad.
            await kiosk.GotoAsync("/kiosk/check-in");
            foreach (var key in id) await kiosk.Locator($"#keypad button[data-key='{key}']").ClickAsync();
            await kiosk.Locator("#find").ClickAsync();
            await kiosk.Locator("button.check-in").ClickAsync();
            await Expect(kiosk.Locator("#result")).ToContainTextAsync("签到成功，您的号码：Y001");

            var clerk = await users.SignedInAsync("clerk");
            await clerk.SetViewportSizeAsync(1366, 768);
            await clerk.GotoAsync("/hall/windows");
            await clerk.Locator("tr[data-window='A01']").GetByRole(AriaRole.Button, new() { Name = "在此签到" }).ClickAsync();
            await clerk.GotoAsync("/hall/window");
            await Expect(clerk.Locator("#queue-waiting")).ToContainTextAsync("等候 2 人");
            await clerk.Locator("#queue-call").ClickAsync();
            await Expect(clerk.Locator("#queue-current-number")).ToHaveTextAsync("Y001");
            await clerk.Locator("#queue-finish").ClickAsync();
            await clerk.Locator("#queue-call").ClickAsync();
            await Expect(clerk.Locator("#queue-current-number")).ToHaveTextAsync("A001");
            await clerk.Locator("#queue-finish").ClickAsync();
            await Expect(clerk.Locator("#queue-current-none")).ToBeVisibleAsync();
        });
        NextWorkingMorning(9, minute: 30);
    }

    private void NextWorkingMorning(int hour, int minute = 0)
    {
        var day = DateOnly.FromDateTime(app.Time!.GetLocalNow().DateTime).AddDays(1);
        while (day.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday) day = day.AddDays(1);
        app.Time.SetLocal(day.Year, day.Month, day.Day, hour, minute);
    }
}
