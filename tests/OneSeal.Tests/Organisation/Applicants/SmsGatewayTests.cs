using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OneSeal.Platform.Database;
using OneSeal.Platform.Outbox;
using OneSeal.Platform.Sms;
using OneSeal.Tests.Api;
using OneSeal.Tests.Infrastructure;
using static OneSeal.Tests.Organisation.Applicants.ApplicantKit;

namespace OneSeal.Tests.Organisation.Applicants;

/// <summary>The HTTP SMS sender: the JSON and key it posts, and that a code leaves through the outbox, encrypted while it waits.</summary>
public sealed class HttpSmsSenderTests
{
    [Fact]
    public async Task It_posts_phone_and_text_as_JSON_with_the_key_and_fails_on_an_error_answer()
    {
        using var gateway = new SmsGatewayStub();
        using var http = new HttpClient();
        var sender = new HttpSmsSender(http, new SmsOptions(new Uri(gateway.Url), "secret-key", Demo: false));

        await sender.SendAsync("13900000001", "【一章通】验证码 123456", default);
        gateway.Requests.TryDequeue(out var got).ShouldBeTrue();
        got!.Authorization.ShouldBe("Bearer secret-key");
        got.ContentType.ShouldStartWith("application/json");
        got.Body.GetProperty("phone").GetString().ShouldBe("13900000001");
        got.Body.GetProperty("text").GetString().ShouldBe("【一章通】验证码 123456");

        gateway.Status = HttpStatusCode.BadGateway;
        await Should.ThrowAsync<HttpRequestException>(() => sender.SendAsync("13900000001", "x", default));
    }
}

public abstract class SmsGatewayTests(SmsGatewayApp app) : ApiTestBase(app)
{
    [Fact]
    public async Task A_registration_code_waits_encrypted_in_the_outbox_and_the_gateway_gets_it_after_the_commit()
    {
        var (phone, id) = (NewPhone(), NewCitizenId());
        await RegisterCitizenAsync(App, phone, id);
        (await InDb(db => db.Set<DevSmsMessage>().CountAsync(m => m.Phone == phone))).ShouldBe(0, "a configured gateway replaces the demo outbox");
        var message = await InDb(db => db.Set<OutboxMessage>().AsNoTracking().Where(m => m.Topic == SmsOutboxHandler.Topic && m.ProcessedAt == null)
            .OrderByDescending(m => m.Id).FirstAsync());
        message.Payload.ShouldNotContain(phone);
        message.Payload.ShouldNotContain("验证码");

        await using (var scope = App.Services.CreateAsyncScope())
            await scope.ServiceProvider.GetServices<IOutboxHandler>().Single(h => h.Topic == SmsOutboxHandler.Topic).HandleAsync(message, default);
        var sent = app.Gateway.Requests.Single(r => r.Body.GetProperty("phone").GetString() == phone);
        var code = CodeIn(sent.Body.GetProperty("text").GetString()!);
        using var verify = await PostAsync(App, "/api/v1/accounts/verify-phone", new { phone, code });
        verify.StatusCode.ShouldBe(HttpStatusCode.OK);
    }
}

/// <summary>The app with <c>OneSeal:Sms:Url</c> pointing at its own <see cref="SmsGatewayStub"/>.</summary>
public abstract class SmsGatewayApp : OneSealFactory
{
    protected SmsGatewayApp(DatabaseProvider provider) : this(provider, new SmsGatewayStub()) { }

    private SmsGatewayApp(DatabaseProvider provider, SmsGatewayStub gateway) : base(provider, ApiApps.Options(new Dictionary<string, string?>
    {
        ["OneSeal:Sms:Url"] = gateway.Url, ["OneSeal:Sms:Key"] = "test-key",
    })) => Gateway = gateway;

    public SmsGatewayStub Gateway { get; }

    protected override void Dispose(bool disposing)
    {
        if (disposing) Gateway.Dispose();
        base.Dispose(disposing);
    }
}

public sealed class SmsGatewaySqliteApp() : SmsGatewayApp(DatabaseProvider.Sqlite);

public sealed class SmsGatewayPostgresApp() : SmsGatewayApp(DatabaseProvider.Postgres);

[Trait("Provider", "Sqlite")]
public sealed class SmsGatewayTests_Sqlite(SmsGatewaySqliteApp app) : SmsGatewayTests(app), IClassFixture<SmsGatewaySqliteApp>;

[Trait("Provider", "Postgres")]
public sealed class SmsGatewayTests_Postgres(SmsGatewayPostgresApp app) : SmsGatewayTests(app), IClassFixture<SmsGatewayPostgresApp>;
