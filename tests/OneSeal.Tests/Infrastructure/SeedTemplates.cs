using System.Collections.Concurrent;
using Microsoft.Data.Sqlite;
using Npgsql;
using OneSeal.Platform.Database;

namespace OneSeal.Tests.Infrastructure;

/// <summary>
/// A migrated and demo-seeded database with its data folder (keys that encrypt its personal data and sign its audit
/// trail), made once per test run for each provider and configuration, then copied for every app host that would
/// build the same one: seeding (catalog, search keys, hashed demo passwords) costs seconds of CPU per host, a copy
/// a fraction of that. Seeded dates follow the clock, so a host on a fake clock copies the template seeded at its instant.
/// </summary>
internal static class SeedTemplates
{
    private static readonly ConcurrentDictionary<string, Lazy<Task<Template>>> Made = new();

    static SeedTemplates() => AppDomain.CurrentDomain.ProcessExit += (_, _) => DropAll();

    /// <summary><c>ONESEAL_TEST_OWN_SEED=1</c> makes every host seed its own database (to compare, or to rule the copies out).</summary>
    public static bool Applies(OneSealFactoryOptions options) =>
        !options.OwnSeed && Environment.GetEnvironmentVariable("ONESEAL_TEST_OWN_SEED") != "1";

    /// <summary>A fresh copy of the template for this provider and configuration: its database and data folder.</summary>
    public static async Task<TestDatabase> CopyAsync(DatabaseProvider provider, OneSealFactoryOptions options, string dataRoot)
    {
        var key = provider + "|" + options.Mode + "|" + options.Time?.GetUtcNow().UtcTicks + options.Time?.LocalTimeZone.Id + "|" + string.Join(";", options.Settings.OrderBy(s => s.Key, StringComparer.Ordinal).Select(s => s.Key + "=" + s.Value));
        var template = await Made.GetOrAdd(key, _ => new Lazy<Task<Template>>(() => MakeAsync(provider, options))).Value;
        CopyFolder(template.DataRoot, dataRoot);
        await template.Copies.WaitAsync();
        try { return await TestDatabase.CopyOfAsync(template.Database); }
        finally { template.Copies.Release(); }
    }

    private static async Task<Template> MakeAsync(DatabaseProvider provider, OneSealFactoryOptions options)
    {
        // The same configuration, started once on its own database; kept after the host stops.
        var time = options.Time is { } t ? new FakeTimeProvider(t.GetUtcNow(), t.LocalTimeZone) : null;
        var factory = new OneSealFactory(provider, options with { OwnSeed = true, Kestrel = false, Services = null, Time = time });
        await factory.InitializeAsync();
        var (database, dataRoot) = await factory.StopKeepingDataAsync();
        return new Template(database, dataRoot);
    }

    private static void CopyFolder(string from, string to)
    {
        foreach (var dir in Directory.EnumerateDirectories(from, "*", SearchOption.AllDirectories))
            Directory.CreateDirectory(Path.Combine(to, Path.GetRelativePath(from, dir)));
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
            File.Copy(file, Path.Combine(to, Path.GetRelativePath(from, file)), overwrite: true);
    }

    private static void DropAll()
    {
        foreach (var made in Made.Values)
        {
            if (!made.IsValueCreated || !made.Value.IsCompletedSuccessfully) continue;
            var template = made.Value.Result;
            try { template.Database.Dispose(); } catch (Exception e) when (e is NpgsqlException or SqliteException or IOException) { }
            TestDatabase.TryDeleteFolder(template.DataRoot);
        }
    }

    /// <summary>PostgreSQL copies a database only while nobody else is connected to its template: one copy at a time.</summary>
    private sealed record Template(TestDatabase Database, string DataRoot)
    {
        public SemaphoreSlim Copies { get; } = new(1, 1);
    }
}
