using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OneSeal.Platform.Database;
using OneSeal.Tests.Infrastructure;

namespace OneSeal.Tests.Platform;

/// <summary>The app starts on each database with the test settings, and answers /health.</summary>
public abstract class HostSmokeTests(OneSealFactory app) : ApiTestBase(app)
{
    [Fact]
    public async Task Health_answers_ok()
    {
        using var response = await Anonymous().GetAsync("/health");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await response.Content.ReadFromJsonAsync<Health>())!.Status.ShouldBe("ok");
    }

    [Fact]
    public void App_runs_on_the_test_database_and_data_folder()
    {
        var info = App.Services.GetRequiredService<DatabaseInfo>();
        info.Provider.ShouldBe(Provider);
        info.ConnectionString.ShouldBe(App.Database.ConnectionString);

        var config = App.Services.GetRequiredService<IConfiguration>();
        config["OneSeal:DataRoot"].ShouldBe(App.DataRoot);
        config["OneSeal:Mode"].ShouldBe("Demo");
        config["OneSeal:PublicBaseUrl"].ShouldBe(App.PublicBaseUrl);
    }

    [Fact]
    public void Without_an_OTLP_endpoint_no_telemetry_is_collected_or_exported()
    {
        App.Services.GetService<OpenTelemetry.Trace.TracerProvider>().ShouldBeNull();
        App.Services.GetService<OpenTelemetry.Metrics.MeterProvider>().ShouldBeNull();
    }

    private sealed record Health(string Status);
}

[Trait("Provider", "Sqlite")]
public sealed class HostSmokeTests_Sqlite(SqliteApp app) : HostSmokeTests(app), IClassFixture<SqliteApp>;

[Trait("Provider", "Postgres")]
public sealed class HostSmokeTests_Postgres(PostgresApp app) : HostSmokeTests(app), IClassFixture<PostgresApp>;

/// <summary>The app on a real port, opened by the system's Chromium through Playwright.</summary>
[Collection(BrowserCollection.Name)]
[Trait("Provider", "Sqlite")]
public sealed class BrowserSmokeTests(SqliteKestrelApp app, BrowserFixture browser) : IClassFixture<SqliteKestrelApp>
{
    [Fact]
    public async Task Chromium_opens_health_on_kestrel()
    {
        await using var context = await browser.NewContextAsync(app);
        var page = await context.NewPageAsync();

        var response = await page.GotoAsync("/health");

        response.ShouldNotBeNull().Status.ShouldBe(200);
        page.Url.ShouldBe($"{app.PublicBaseUrl}/health");
        (await page.ContentAsync()).ShouldContain("\"status\":\"ok\"");
    }

    [Fact]
    public async Task Kestrel_client_talks_to_the_real_port()
    {
        using var client = app.Anonymous();
        client.BaseAddress.ShouldBe(new Uri(app.PublicBaseUrl));

        (await client.GetAsync("/health")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }
}
