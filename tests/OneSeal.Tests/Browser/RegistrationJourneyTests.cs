using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using OneSeal.Tests.Infrastructure;
using OneSeal.Tests.Organisation.Applicants;
using static Microsoft.Playwright.Assertions;

namespace OneSeal.Tests.Browser;

/// <summary>
/// Issue 10 §5 on a 390 px phone: from the login page a citizen registers, reads the code on /dev/sms (demo mode), proves
/// the phone, signs in with the phone number and lands on 我的办件. The register page fits the phone and passes axe.
/// </summary>
[Collection(BrowserCollection.Name)]
[Trait("Provider", "Sqlite")]
public sealed class RegistrationJourneyTests(SqliteKestrelApp app, BrowserFixture browser) : IClassFixture<SqliteKestrelApp>
{
    [Fact]
    public async Task A_citizen_registers_on_a_phone_with_the_code_from_the_SMS_outbox_and_sees_my_cases()
    {
        var (phone, id) = (ApplicantKit.NewPhone(), ApplicantKit.NewCitizenId());
        await using var users = new BrowserUsers(browser, app);
        await users.RunAsync(nameof(A_citizen_registers_on_a_phone_with_the_code_from_the_SMS_outbox_and_sees_my_cases), async () =>
        {
            var page = await users.AnonymousAsync(390, 844, who: "citizen");
            await page.GotoAsync("/account/login");
            await page.Locator("#register-link").ClickAsync();
            await Expect(page.Locator("h1")).ToHaveTextAsync("注册账号");
            (await page.EvaluateAsync<int>("document.documentElement.scrollWidth")).ShouldBeLessThanOrEqualTo(390);
            var axe = await page.RunAxe();
            axe.Violations.Where(v => v.Impact is "serious" or "critical").Select(v => v.Id).ShouldBeEmpty();

            // A wrong ID number first: the message sits at the field, in Chinese, and the form keeps what was typed.
            await page.Locator("#name").FillAsync("陈手机");
            await page.Locator("#idNumber").FillAsync(id[..17] + (id[^1] == '0' ? "1" : "0"));
            await page.Locator("#phone").FillAsync(phone);
            await page.Locator("#password").FillAsync(ApplicantKit.Password);
            await page.Locator("#register").ClickAsync();
            await Expect(page.Locator("#idNumber-error")).ToContainTextAsync("身份证号码");
            await page.Locator("#idNumber").FillAsync(id);
            await page.Locator("#password").FillAsync(ApplicantKit.Password);
            await page.Locator("#register").ClickAsync();

            await page.WaitForURLAsync("**/account/verify-phone");
            await Expect(page.Locator("#phone")).ToHaveValueAsync(phone);
            var sms = await page.Context.NewPageAsync();
            await sms.GotoAsync("/dev/sms");
            var text = await sms.Locator("#sms tbody tr", new() { HasText = phone }).First.InnerTextAsync();
            await page.Locator("#code").FillAsync(ApplicantKit.CodeIn(text));
            await page.Locator("#verify").ClickAsync();

            await page.WaitForURLAsync("**/account/login");
            await Expect(page.Locator("#notice")).ToContainTextAsync("注册完成");
            await page.Locator("#username").FillAsync(phone);
            await page.Locator("#password").FillAsync(ApplicantKit.Password);
            await page.Locator("#login").ClickAsync();
            await page.WaitForURLAsync("**/my/cases");
            await Expect(page.Locator("h1")).ToHaveTextAsync("我的办件");
            await Expect(page.Locator("header .who")).ToHaveTextAsync("陈手机");
        });
    }
}
