using Microsoft.Playwright;
using OneSeal.Tests.Browser;
using OneSeal.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace OneSeal.Tests.Queue.Appointments;

/// <summary>
/// Issue 12 §4 in the browser: on a 390 px phone, without an account, a visitor books a half hour of 市场准入 — theme, day,
/// slot with places left, name / ID number / phone — and gets the booking code, the time and the hall's address; nothing
/// scrolls sideways. Then looks it up by ID number + code and cancels it.
/// </summary>
[Collection(BrowserCollection.Name)]
[Trait("Provider", "Postgres")]
public sealed class AppointmentPhoneJourneyTests(PostgresKestrelApp app, BrowserFixture browser) : IClassFixture<PostgresKestrelApp>
{
    [Fact]
    public async Task A_visitor_books_an_appointment_on_a_390_px_phone_then_looks_it_up_and_cancels_it()
    {
        await using var users = new BrowserUsers(browser, app);
        await users.RunAsync(nameof(A_visitor_books_an_appointment_on_a_390_px_phone_then_looks_it_up_and_cancels_it), async () =>
        {
            var page = await users.AnonymousAsync(390, 844, who: "phone");
            await page.GotoAsync("/appointments");
            await page.Locator("#themes a", new() { HasText = "市场准入" }).ClickAsync();
            await page.Locator("#days a").First.ClickAsync();
            await page.Locator("#slots a[data-slot]").First.ClickAsync();
            var id = AppointmentTests.NewIdNumber();
            await page.FillAsync("#name", "王预约");
            await page.FillAsync("#idNumber", id);
            await page.FillAsync("#phone", "13800138000");
            await page.ClickAsync("#book");
            await Expect(page.Locator("#appointment-booked")).ToContainTextAsync("青山县人民大道88号");
            var code = (await page.Locator("#booking-code").InnerTextAsync()).Trim();
            code.Length.ShouldBe(6);
            (await page.EvaluateAsync<int>("document.documentElement.scrollWidth")).ShouldBeLessThanOrEqualTo(390);

            await page.GotoAsync("/appointments#lookup");
            await page.FillAsync("#lookupIdNumber", id);
            await page.FillAsync("#lookupCode", code);
            await page.ClickAsync("#lookup-submit");
            await Expect(page.Locator("#lookup-result")).ToContainTextAsync("已预约");
            await page.ClickAsync("#lookup-cancel");
            await Expect(page.Locator("#notice")).ToContainTextAsync("已取消");
        });
    }
}
