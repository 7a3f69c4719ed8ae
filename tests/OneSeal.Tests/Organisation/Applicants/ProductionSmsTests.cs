using System.Net;
using Microsoft.EntityFrameworkCore;
using OneSeal.Organisation;
using OneSeal.Platform.Database;
using OneSeal.Tests.Api;
using OneSeal.Tests.Infrastructure;
using static OneSeal.Tests.Organisation.Applicants.ApplicantKit;

namespace OneSeal.Tests.Organisation.Applicants;

/// <summary>Production mode without an SMS gateway: no /dev/sms, and registration says (503) that no code can be sent, writing nothing.</summary>
[Trait("Provider", "Sqlite")]
public sealed class ProductionSmsTests(ProductionSqliteApp app) : CaseApiTestBase(app), IClassFixture<ProductionSqliteApp>
{
    [Fact]
    public async Task There_is_no_dev_SMS_page_and_registering_answers_503_without_an_account()
    {
        (await App.Anonymous().GetAsync("/dev/sms")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        using var response = await PostAsync(App, "/api/v1/accounts/register",
            new { kind = "citizen", name = "王生产", idNumber = NewCitizenId(), phone = NewPhone(), password = Password });
        await ShouldBeProblemAsync(response, HttpStatusCode.ServiceUnavailable, rule: "sms-unavailable");
        (await InDb(db => db.Set<Account>().CountAsync())).ShouldBe(0);
    }
}

public sealed class ProductionSqliteApp() : OneSealFactory(DatabaseProvider.Sqlite, new OneSealFactoryOptions { Mode = "Production" });
