using System.Net;
using OneSeal.Tests.Api;
using OneSeal.Tests.Infrastructure;
using Kit = OneSeal.Tests.Organisation.SecondFactorTestKit;

namespace OneSeal.Tests.Organisation;

/// <summary>Demo mode: staff sign in with the password alone, may bind a second factor, and then may switch it off again.</summary>
public abstract class OptionalSecondFactorTests(OneSealFactory app) : CaseApiTestBase(app)
{
    [Fact]
    public async Task In_demo_mode_the_second_factor_is_optional_and_can_be_switched_off_with_the_password()
    {
        var username = await SignInTestKit.NewStaffAsync(App);
        using (var passwordOnly = await SignInTestKit.PostTokenAsync(App, username))
            await ShouldBeAsync(passwordOnly, HttpStatusCode.OK);

        var (secret, _) = await Kit.EnrolAsync(App, username, SignInTestKit.Password);
        using (var missing = await Kit.PostTokenAsync(App, username, null, SignInTestKit.Password))
            await ShouldBeProblemAsync(missing, HttpStatusCode.Unauthorized, field: "otp", rule: "otp-required");

        var browser = App.Anonymous();
        using (var login = await SignInTestKit.PostLoginFormAsync(browser, username))
            login.Headers.Location!.OriginalString.ShouldBe("/account/second-factor");
        using (var code = await browser.PostAsync("/account/second-factor", new FormUrlEncodedContent(new Dictionary<string, string>
               {
                   ["Code"] = Kit.Code(App, secret),
                   ["__RequestVerificationToken"] = await SignInTestKit.FormTokenAsync(browser, "/account/second-factor"),
               })))
            code.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        using (var disable = await browser.PostAsync("/account/security?handler=Disable", new FormUrlEncodedContent(new Dictionary<string, string>
               {
                   ["CurrentPassword"] = SignInTestKit.Password,
                   ["__RequestVerificationToken"] = await SignInTestKit.FormTokenAsync(browser, "/account/security"),
               })))
            disable.Headers.Location!.OriginalString.ShouldBe("/account/login");
        using (var again = await SignInTestKit.PostTokenAsync(App, username))
            await ShouldBeAsync(again, HttpStatusCode.OK);
    }
}

[Trait("Provider", "Sqlite")]
public sealed class OptionalSecondFactorTests_Sqlite(SignInSqliteApp app) : OptionalSecondFactorTests(app), IClassFixture<SignInSqliteApp>;

[Trait("Provider", "Postgres")]
public sealed class OptionalSecondFactorTests_Postgres(SignInPostgresApp app) : OptionalSecondFactorTests(app), IClassFixture<SignInPostgresApp>;
