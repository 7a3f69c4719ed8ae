using Microsoft.AspNetCore.Builder;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OneSeal.Organisation;
using OneSeal.Platform.Database;
using OneSeal.Platform.Security;

namespace OneSeal.LoadBench;

/// <summary>
/// The app's own composition (<c>builder.AddOneSeal()</c>) on the given PostgreSQL database, built but not started:
/// no HTTP server unless the HTTP benchmark starts it, and never the app's background services (the deadline sweep is also switched off by configuration), so the
/// benchmark calls <see cref="Cases.CaseCommands"/> and <see cref="Cases.Clock.DeadlineSweep"/> exactly as a request or
/// the sweep service would, from a fresh DI scope each time. Every database command goes through <see cref="Commands"/>.
/// </summary>
public sealed class BenchHost : IAsyncDisposable
{
    private BenchHost(WebApplication app, CommandLog commands, string dataRoot, bool ownsDataRoot)
    {
        App = app;
        Commands = commands;
        DataRoot = dataRoot;
        _ownsDataRoot = ownsDataRoot;
    }

    private readonly bool _ownsDataRoot;

    public WebApplication App { get; }
    public CommandLog Commands { get; }
    public string DataRoot { get; }
    public IServiceProvider Services => App.Services;

    /// <summary>Builds the app on <paramref name="connectionString"/>, runs its migrations and the demo seed.</summary>
    /// <param name="services">the benchmark's last word on the app's services (after the app registered its own)</param>
    public static async Task<BenchHost> StartAsync(string connectionString, Action<IServiceCollection>? services = null)
    {
        // The keys that encrypt personal form fields live in the data root, so a database prepared by one run is read by
        // the next only with the same folder: scripts/bench.sh passes one (ONESEAL_BENCH_DATA) for all its runs.
        var shared = Environment.GetEnvironmentVariable("ONESEAL_BENCH_DATA");
        var dataRoot = string.IsNullOrEmpty(shared)
            ? Directory.CreateTempSubdirectory("oneseal-bench-data-").FullName
            : Directory.CreateDirectory(shared).FullName;
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            EnvironmentName = "Production",
            ContentRootPath = AppContext.BaseDirectory,
            Args = [],
        });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Database:Provider"] = "Postgres",
            ["ConnectionStrings:Default"] = connectionString,
            ["OneSeal:Mode"] = "Demo",
            ["OneSeal:DataRoot"] = dataRoot,
            ["Deadlines:SweepSeconds"] = "0",
            // Quiet: the app's appsettings.json (copied beside the benchmark) logs at Information.
            ["Logging:LogLevel:Default"] = "Warning",
            ["Logging:LogLevel:Microsoft.AspNetCore.DataProtection"] = "Error",
        });
        builder.Logging.ClearProviders();
        builder.Logging.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Warning);
        builder.AddOneSeal();
        // Kestrel on a free loopback port, used only when the HTTP benchmark starts the host. The app's background
        // services (outbox dispatcher with its PDF renderer, sweeps) never run here: the benchmark measures transitions.
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        foreach (var d in builder.Services.Where(d => d.ServiceType == typeof(IHostedService) && IsAppService(d)).ToList()) builder.Services.Remove(d);
        // One interceptor for the process: EF then shares its internal services (model, compiled queries) across hosts,
        // so a warm-up host warms the measured one.
        var commands = CommandLog.Instance;
        builder.Services.ConfigureDbContext<OneSealDb>(o => o.AddInterceptors(commands));
        services?.Invoke(builder.Services);
        var app = builder.Build();
        await app.MigrateAndSeedAsync(seed: true);
        return new BenchHost(app, commands, dataRoot, ownsDataRoot: string.IsNullOrEmpty(shared));
    }

    private static bool IsAppService(ServiceDescriptor d) =>
        (d.ImplementationType ?? d.ImplementationInstance?.GetType() ?? d.ImplementationFactory?.Method.DeclaringType)?.Assembly == typeof(OneSealDb).Assembly;

    /// <summary>A demo account as the <see cref="Actor"/> a signed-in request would carry.</summary>
    public async Task<Actor> ActorAsync(string username)
    {
        await using var scope = Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<OneSealDb>();
        var a = await db.Set<Account>().AsNoTracking().Include(x => x.Roles).SingleAsync(x => x.Username == username);
        return new Actor(a.Id, a.Username, a.DisplayName, a.Kind, a.OrganisationId, a.Roles.Select(r => r.Role).ToHashSet());
    }

    public async ValueTask DisposeAsync()
    {
        await App.DisposeAsync();
        if (!_ownsDataRoot) return;
        try { Directory.Delete(DataRoot, recursive: true); }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
    }
}
