using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using OneSeal.Platform.Database;

namespace OneSeal.Tests.Infrastructure;

/// <summary>How a <see cref="OneSealFactory"/> runs the app.</summary>
public sealed record OneSealFactoryOptions
{
    /// <summary>Serve on a real Kestrel port on 127.0.0.1 (for the browser), instead of the in-memory TestServer.</summary>
    public bool Kestrel { get; init; }

    /// <summary>Replaces the app's <see cref="TimeProvider"/> singleton; the test moves the clock.</summary>
    public FakeTimeProvider? Time { get; init; }

    /// <summary><c>OneSeal:Mode</c>; Demo seeds the demo organisations, accounts and items.</summary>
    public string Mode { get; init; } = "Demo";

    /// <summary>More configuration (keys as in appsettings, e.g. <c>"OneSeal:Something"</c>); wins over the defaults above.</summary>
    public IReadOnlyDictionary<string, string?> Settings { get; init; } = new Dictionary<string, string?>();

    /// <summary>Last word on the app's services (after the app registered its own).</summary>
    public Action<IServiceCollection>? Services { get; init; }

    /// <summary>
    /// Migrate and seed this host's own empty database instead of starting on a copy of the run's seeded template
    /// (<see cref="SeedTemplates"/>): for tests of migrating and seeding themselves. Hosts on a fake clock always do.
    /// </summary>
    public bool OwnSeed { get; init; }

    /// <summary>
    /// A second app instance: run on this (started) host's database instead of a new one, and leave it to that host to
    /// drop (e.g. signals between instances). Migrations and seeding find it done.
    /// </summary>
    public OneSealFactory? SameDatabaseAs { get; init; }
}

/// <summary>
/// The app on its own fresh database (<see cref="TestDatabase"/>) and its own temp data folder.
/// Use as an xunit class fixture (it is <see cref="IAsyncLifetime"/>): one per provider per test class,
/// see <see cref="SqliteApp"/>, <see cref="PostgresApp"/> and tests/INTEGRATION_TEST.md.
/// The host is started in <see cref="InitializeAsync"/>, so migrations and demo seeding run once, up front.
/// </summary>
public class OneSealFactory : WebApplicationFactory<Program>, IAsyncLifetime
{
    public const string DemoPassword = "OneSeal#2026";

    /// <summary>The category of the one line per request (Platform/Telemetry/RequestLogging.cs).</summary>
    public const string RequestLogCategory = "Serilog.AspNetCore.RequestLoggingMiddleware";

    private readonly Lock _gate = new();
    private TestDatabase? _database;
    private int _disposed;
    private bool _keepData;

    public OneSealFactory(DatabaseProvider provider, OneSealFactoryOptions? options = null)
    {
        Provider = provider;
        Options = options ?? new OneSealFactoryOptions();
        DataRoot = Directory.CreateTempSubdirectory("oneseal-data-").FullName;
        if (Options.Kestrel)
        {
            Port = FreeLoopbackPort();
            this.UseKestrel(o => o.Listen(IPAddress.Loopback, Port));
        }
        PublicBaseUrl = Options.Kestrel ? $"http://127.0.0.1:{Port}" : "http://localhost";
        _database = Options.SameDatabaseAs?.Database;
    }

    public DatabaseProvider Provider { get; }
    public OneSealFactoryOptions Options { get; }

    /// <summary><c>OneSeal:DataRoot</c> of this app: a temp folder (files, keys), deleted on dispose.</summary>
    public string DataRoot { get; }

    /// <summary>Kestrel only: the port on 127.0.0.1.</summary>
    public int Port { get; }

    /// <summary><c>OneSeal:PublicBaseUrl</c>; with Kestrel, the address a browser opens.</summary>
    public string PublicBaseUrl { get; }

    /// <summary>The fake clock, when <see cref="OneSealFactoryOptions.Time"/> was given.</summary>
    public FakeTimeProvider? Time => Options.Time;

    /// <summary>The database (created on first need).</summary>
    public TestDatabase Database
    {
        get
        {
            lock (_gate)
                return _database ??= TestDatabase.CreateAsync(Provider).GetAwaiter().GetResult();
        }
    }

    public virtual async Task InitializeAsync()
    {
        if (Options.SameDatabaseAs is not null)
        {
            StartServer();
            return;
        }
        var database = SeedTemplates.Applies(Options)
            ? await SeedTemplates.CopyAsync(Provider, Options, DataRoot)
            : await TestDatabase.CreateAsync(Provider);
        lock (_gate)
        {
            if (_database is null) _database = database;
            else database.Dispose();
        }
        StartServer();
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        // UseSetting goes into the host configuration, which the app reads while it registers its
        // services (AddOneSeal reads Database:Provider and OneSeal:DataRoot before Build()).
        builder.UseSetting("Database:Provider", Provider.ToString());
        builder.UseSetting("ConnectionStrings:Default", Database.ConnectionString);
        builder.UseSetting("OneSeal:Mode", Options.Mode);
        builder.UseSetting("OneSeal:DataRoot", DataRoot);
        builder.UseSetting("OneSeal:PublicBaseUrl", PublicBaseUrl);
        // Background work off unless a test asks for it: the outbox would render a sealed PDF notice (Chromium) for
        // every step of every test case, and the deadline sweep would act on cases while a test looks at them. Audit
        // anchoring, on a clock the tests move, would anchor at moments no test chose (tests call it themselves).
        builder.UseSetting("Outbox:Enabled", "false");
        builder.UseSetting("Deadlines:SweepSeconds", "0");
        builder.UseSetting("Audit:AnchorSeconds", "0");
        builder.UseSetting("Calendar:RefreshSeconds", "0");
        builder.UseSetting("Storage:OrphanSweepSeconds", "0");
        // The queue's closing-time expiry and the appointments' no-show/reminder sweep: leased jobs that would take
        // SQLite's write lock on every host of every test; the queue's tests run them themselves.
        builder.UseSetting("Queue:ExpirySweepSeconds", "0");
        builder.UseSetting("Queue:Appointments:SweepSeconds", "0");
        // The catalog's activation job (every 300 s): on a fake clock a test moves by weeks it ran once per simulated five
        // minutes, thousands of lease claims per jump (most of the SQLite lifecycle tests' time). JobLeaseTests turn it on.
        builder.UseSetting("Catalog:ActivationSeconds", "0");
        // issue 13 — webhooks: the delivery job runs only when a test runs it (WebhookDispatcher.RunOnceAsync); receivers in
        // the tests listen on 127.0.0.1, which the SSRF rules refuse unless allow-listed.
        builder.UseSetting("Webhooks:DispatchSeconds", "0");
        builder.UseSetting("Webhooks:AllowedHosts:0", "127.0.0.1");
        // issue 13 — the supervision digest: its tests run it themselves.
        builder.UseSetting("Supervision:DigestSeconds", "0");
        // issue 13 — exchange: the broker's leased publishing job; BrokerTests publish explicitly (BrokerPublisher).
        builder.UseSetting("Messaging:PublishSeconds", "0");
        // One summary line per request would put hundreds of thousands of lines in the test log; TelemetryTests turn it on.
        builder.UseSetting("Logging:LogLevel:" + RequestLogCategory, "Warning");
        // Every test signs in through the token endpoint from one address; the sign-in rate limit has its own test.
        builder.UseSetting("SignIn:PermitsPerMinute", "100000");
        // A demo password hash with 1,000 PBKDF2 iterations instead of 100,000: each sign-in (thousands per run) costs
        // ~1 ms of CPU instead of ~70 (Organisation/Accounts/PasswordHashing.cs; production ignores the setting).
        builder.UseSetting("SignIn:DemoPasswordIterations", "1000");
        foreach (var (key, value) in Options.Settings) builder.UseSetting(key, value);

        builder.ConfigureTestServices(services =>
        {
            if (Options.Time is { } time)
            {
                services.RemoveAll<TimeProvider>();
                services.AddSingleton<TimeProvider>(time);
            }
            Options.Services?.Invoke(services);
        });
    }

    /// <summary>A client without credentials. It does not follow redirects (so tests see them).</summary>
    public HttpClient Anonymous() => CreateClient(new WebApplicationFactoryClientOptions
    {
        AllowAutoRedirect = false,
        BaseAddress = new Uri(PublicBaseUrl),
    });

    /// <summary>
    /// A client signed in as <paramref name="username"/> (a demo account; password <see cref="DemoPassword"/>),
    /// through <c>POST /api/v1/auth/token</c>: every request carries <c>Authorization: Bearer …</c>.
    /// </summary>
    public async Task<HttpClient> ClientFor(string username, string password = DemoPassword)
    {
        var client = Anonymous();
        using var response = await client.PostAsJsonAsync("/api/v1/auth/token", new { username, password });
        if (!response.IsSuccessStatusCode)
        {
            var body = await response.Content.ReadAsStringAsync();
            client.Dispose();
            throw new InvalidOperationException(
                $"Sign-in as '{username}' failed: POST /api/v1/auth/token → {(int)response.StatusCode} {response.StatusCode}: {body}");
        }
        var token = await response.Content.ReadFromJsonAsync<TokenResponse>();
        if (string.IsNullOrEmpty(token?.AccessToken))
        {
            client.Dispose();
            throw new InvalidOperationException($"POST /api/v1/auth/token for '{username}' returned no accessToken.");
        }
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token.AccessToken);
        return client;
    }

    /// <summary>Runs <paramref name="work"/> with a <see cref="OneSealDb"/> from a fresh DI scope of the app.</summary>
    public async Task<T> InDb<T>(Func<OneSealDb, Task<T>> work)
    {
        await using var scope = Services.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<OneSealDb>());
    }

    public Task InDb(Func<OneSealDb, Task> work) => InDb(async db => { await work(db); return true; });

    /// <summary>
    /// With the outbox off, certificates stay "正在生成" after a decision: this renders and signs them now, as the
    /// dispatcher would (only the <c>certificate.render</c> messages: notices would each start Chromium). Returns how many.
    /// </summary>
    public Task<int> RenderCertificatesAsync() => RunOutboxAsync(OneSeal.Seal.CertificateTopics.Render);

    /// <summary>With the outbox off: handles the waiting messages of <paramref name="topic"/> now, as the dispatcher would. Returns how many.</summary>
    public async Task<int> RunOutboxAsync(string topic)
    {
        var messages = await InDb(db => db.Set<OneSeal.Platform.Outbox.OutboxMessage>()
            .Where(m => m.Topic == topic && m.ProcessedAt == null).ToListAsync());
        foreach (var m in messages)
        {
            await using var scope = Services.CreateAsyncScope();
            var handler = scope.ServiceProvider.GetServices<OneSeal.Platform.Outbox.IOutboxHandler>().Single(h => h.Topic == m.Topic);
            await handler.HandleAsync(m, default);
            await InDb(db => db.Set<OneSeal.Platform.Outbox.OutboxMessage>().Where(x => x.Id == m.Id)
                .ExecuteUpdateAsync(u => u.SetProperty(x => x.ProcessedAt, DateTimeOffset.UtcNow)));
        }
        return messages.Count;
    }

    /// <summary>Stops the host and hands over its database and data folder, which the caller now owns.</summary>
    internal async Task<(TestDatabase Database, string DataRoot)> StopKeepingDataAsync()
    {
        _keepData = true;
        await DisposeAsync();
        var database = Database;
        database.ReleaseConnections();
        return (database, DataRoot);
    }

    public override async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1) return;
        try
        {
            await base.DisposeAsync();
        }
        finally
        {
            if (!_keepData) await DropDataAsync();
        }
        GC.SuppressFinalize(this);
    }

    private async Task DropDataAsync()
    {
        TestDatabase? database;
        lock (_gate) database = _database;
        if (database is not null && Options.SameDatabaseAs is null) await database.DisposeAsync();
        TestDatabase.TryDeleteFolder(DataRoot);
    }

    Task IAsyncLifetime.DisposeAsync() => DisposeAsync().AsTask();

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private sealed record TokenResponse([property: JsonPropertyName("accessToken")] string? AccessToken);
}

/// <summary>The app on a fresh SQLite database, in-memory TestServer. Fixture for the <c>_Sqlite</c> test subclass.</summary>
public sealed class SqliteApp() : OneSealFactory(DatabaseProvider.Sqlite);

/// <summary>The app on a fresh PostgreSQL database, in-memory TestServer. Fixture for the <c>_Postgres</c> test subclass.</summary>
public sealed class PostgresApp() : OneSealFactory(DatabaseProvider.Postgres);

/// <summary>The app on a fresh SQLite database, served by Kestrel on 127.0.0.1 (browser tests).</summary>
public sealed class SqliteKestrelApp() : OneSealFactory(DatabaseProvider.Sqlite, new OneSealFactoryOptions { Kestrel = true });

/// <summary>The app on a fresh PostgreSQL database, served by Kestrel on 127.0.0.1 (browser tests).</summary>
public sealed class PostgresKestrelApp() : OneSealFactory(DatabaseProvider.Postgres, new OneSealFactoryOptions { Kestrel = true });
