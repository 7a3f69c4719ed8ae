using Microsoft.EntityFrameworkCore;
using OneSeal.Counter.Fees;
using OneSeal.Tests.Api;
using OneSeal.Tests.Hall;
using OneSeal.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace OneSeal.Tests.Browser;

/// <summary>
/// Issue 11 §5–6 in the pages: a fee case is refused at the result window while unpaid (the Chinese reason on screen),
/// the cashier records the payment at the fee window, then the clerk at the result window hands it over with the
/// pick-up code and the receipt's print view opens.
/// </summary>
public abstract class FeeAndPickupJourneyTests(OneSealFactory app, BrowserFixture browser)
{
    [Fact]
    public async Task The_cashier_takes_the_fee_and_the_result_window_delivers_with_the_pick_up_code()
    {
        using var prepare = new JourneyCases(app);
        var id = await prepare.ApprovedWithFeeAsync();
        var paymentCode = await app.InDb(db => db.Set<FeeDemand>().Where(d => d.CaseId == id).Select(d => d.PaymentCode).SingleAsync());
        var pickupCode = await prepare.PickupCodeOfAsync(id);
        await prepare.SeatAsync("cashier", "D01");
        await prepare.SeatAsync("clerk", "C01");

        await using var users = new BrowserUsers(browser, app);
        await users.RunAsync(nameof(The_cashier_takes_the_fee_and_the_result_window_delivers_with_the_pick_up_code), async () =>
        {
            var applicant = await users.SignedInAsync("applicant");
            await applicant.GotoAsync($"/my/cases/{id}");
            await Expect(applicant.Locator("#payment-code")).ToHaveTextAsync(paymentCode);
            await Expect(applicant.Locator("#fee-amount")).ToHaveTextAsync("¥300.00");
            await Expect(applicant.Locator("#pickup-code")).ToHaveTextAsync(pickupCode);

            // Unpaid: the result window refuses with the reason in Chinese.
            var clerk = await users.SignedInAsync("clerk");
            await clerk.GotoAsync($"/hall/results?caseId={id}");
            await Expect(clerk.Locator("#fee-unpaid")).ToBeVisibleAsync();
            await clerk.Locator("#code").FillAsync(pickupCode);
            await clerk.Locator("#id-number").FillAsync(Demo.CitizenId);
            await clerk.Locator("#pickup-submit").ClickAsync();
            await Expect(clerk.Locator("#error-summary")).ToContainTextAsync("尚未缴纳");

            var cashier = await users.SignedInAsync("cashier");
            await cashier.GotoAsync("/hall/fees");
            await cashier.Locator("#q").FillAsync(paymentCode);
            await cashier.Locator("#q").PressAsync("Enter");
            await Expect(cashier.Locator("#demand-amount")).ToHaveTextAsync("¥300.00");
            await Expect(cashier.Locator("#demand")).ToContainTextAsync("人民币叁佰元整");
            await cashier.Locator("#method-scan").CheckAsync();
            await cashier.Locator("#receipt-number").FillAsync("EI-360999-0001");
            await cashier.Locator("#pay").ClickAsync();
            await Expect(cashier.Locator("#demand-status")).ToHaveTextAsync("已缴费");
            await Expect(cashier.Locator("#total-amount")).ToHaveTextAsync("¥300.00");
            await Expect(cashier.Locator("#export")).ToBeVisibleAsync();

            await clerk.GotoAsync($"/hall/results?caseId={id}");
            await Expect(clerk.Locator("#fee-unpaid")).ToHaveCountAsync(0);
            await clerk.Locator("#code").FillAsync(pickupCode);
            await clerk.Locator("#id-number").FillAsync(Demo.CitizenId);
            await clerk.Locator("#id-number").PressAsync("Enter");
            await Expect(clerk.Locator("#delivered")).ToBeVisibleAsync();
            await Expect(clerk.Locator("#print-receipt")).ToHaveAttributeAsync("href", new System.Text.RegularExpressions.Regex("^/hall/notices/[0-9a-f-]{36}/print$"));
        });
    }
}

/// <summary>Prepares the journey's case through the API (the steps before the hall are not this journey's subject).</summary>
internal sealed class JourneyCases(OneSealFactory app) : ResultsAndFeesTestBase(app)
{
    public Task<Guid> ApprovedWithFeeAsync() => DecidedCaseAsync();
    public Task<string> PickupCodeOfAsync(Guid id) => PickupCodeAsync(id);
    public Task SeatAsync(string username, string window) => SitAsync(username, window);
}

[Collection(BrowserCollection.Name)]
[Trait("Provider", "Postgres")]
public sealed class FeeAndPickupJourneyTests_Postgres(FeeKestrelPostgresApp app, BrowserFixture browser)
    : FeeAndPickupJourneyTests(app, browser), IClassFixture<FeeKestrelPostgresApp>;

public sealed class FeeKestrelPostgresApp() : OneSealFactory(OneSeal.Platform.Database.DatabaseProvider.Postgres, FeeSettings.Options(kestrel: true));
