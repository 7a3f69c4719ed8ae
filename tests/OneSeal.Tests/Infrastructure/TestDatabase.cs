using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using OneSeal.Platform.Database;

namespace OneSeal.Tests.Infrastructure;

/// <summary>
/// One isolated, empty database: SQLite → a new file in a new temp folder; PostgreSQL → a new
/// <c>oneseal_t_&lt;guid&gt;</c> database on the server named by <c>ONESEAL_TEST_PG</c> (an admin
/// connection string; <c>bash scripts/test.sh</c> starts a throwaway server and sets it).
/// Disposing drops the database (PostgreSQL, <c>WITH (FORCE)</c>) or deletes the folder.
/// </summary>
public sealed class TestDatabase : IAsyncDisposable, IDisposable
{
    public const string PgVariable = "ONESEAL_TEST_PG";
    public const string MissingPgMessage = "PostgreSQL tests need ONESEAL_TEST_PG; run bash scripts/test.sh";

    private readonly string? _adminConnectionString;
    private int _disposed;

    private TestDatabase(DatabaseProvider provider, string connectionString, string name, string? folder, string? adminConnectionString)
    {
        Provider = provider;
        ConnectionString = connectionString;
        Name = name;
        Folder = folder;
        _adminConnectionString = adminConnectionString;
    }

    public DatabaseProvider Provider { get; }

    /// <summary>For <c>ConnectionStrings:Default</c>.</summary>
    public string ConnectionString { get; }

    /// <summary>SQLite: the file path; PostgreSQL: the database name.</summary>
    public string Name { get; }

    /// <summary>SQLite only: the temp folder holding the file (deleted on dispose).</summary>
    public string? Folder { get; }

    /// <summary>The admin connection string from <c>ONESEAL_TEST_PG</c>; throws with a clear message when it is not set.</summary>
    public static string AdminConnectionString()
    {
        var value = Environment.GetEnvironmentVariable(PgVariable);
        if (string.IsNullOrWhiteSpace(value)) throw new InvalidOperationException(MissingPgMessage);
        return value;
    }

    public static async Task<TestDatabase> CreateAsync(DatabaseProvider provider, CancellationToken ct = default)
    {
        if (provider == DatabaseProvider.Sqlite)
        {
            var folder = Directory.CreateTempSubdirectory("oneseal-db-").FullName;
            var file = Path.Combine(folder, "oneseal.db");
            var cs = new SqliteConnectionStringBuilder { DataSource = file }.ToString();
            return new TestDatabase(provider, cs, file, folder, null);
        }

        var admin = AdminConnectionString();
        var name = $"oneseal_t_{Guid.NewGuid():N}";
        await using (var conn = new NpgsqlConnection(admin))
        {
            await conn.OpenAsync(ct);
            await using var cmd = new NpgsqlCommand($"CREATE DATABASE \"{name}\" ENCODING 'UTF8' TEMPLATE template0", conn);
            await cmd.ExecuteNonQueryAsync(ct);
        }
        var builder = new NpgsqlConnectionStringBuilder(admin)
        {
            Database = name,
            IncludeErrorDetail = true,
            MaxPoolSize = 20,
        };
        return new TestDatabase(provider, builder.ConnectionString, name, null, admin);
    }

    /// <summary>A new database holding what <paramref name="template"/> holds (see <see cref="SeedTemplates"/>).</summary>
    public static async Task<TestDatabase> CopyOfAsync(TestDatabase template, CancellationToken ct = default)
    {
        if (template.Provider == DatabaseProvider.Sqlite)
        {
            var copy = await CreateAsync(DatabaseProvider.Sqlite, ct);
            File.Copy(template.Name, copy.Name);
            if (File.Exists(template.Name + "-wal")) File.Copy(template.Name + "-wal", copy.Name + "-wal");
            return copy;
        }

        var admin = AdminConnectionString();
        var name = $"oneseal_t_{Guid.NewGuid():N}";
        await using (var conn = new NpgsqlConnection(admin))
        {
            await conn.OpenAsync(ct);
            // A pooled connection the template's host left open would make PostgreSQL refuse the copy.
            await using (var kick = new NpgsqlCommand(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = @name AND pid <> pg_backend_pid()", conn))
            {
                kick.Parameters.AddWithValue("name", template.Name);
                await kick.ExecuteNonQueryAsync(ct);
            }
            await using var cmd = new NpgsqlCommand($"CREATE DATABASE \"{name}\" TEMPLATE \"{template.Name}\"", conn);
            await cmd.ExecuteNonQueryAsync(ct);
        }
        return new TestDatabase(DatabaseProvider.Postgres,
            new NpgsqlConnectionStringBuilder(template.ConnectionString) { Database = name }.ConnectionString, name, null, admin);
    }

    /// <summary>Lets go of pooled connections to this database (its host has stopped), so its files are complete and it can be copied.</summary>
    public void ReleaseConnections()
    {
        if (Provider == DatabaseProvider.Sqlite) SqliteConnection.ClearAllPools();
        else
        {
            using var own = new NpgsqlConnection(ConnectionString);
            NpgsqlConnection.ClearPool(own);
        }
    }

    /// <summary>A context on this database, outside any app host (e.g. for schema tests).</summary>
    public OneSealDb NewContext()
    {
        var options = new DbContextOptionsBuilder<OneSealDb>();
        DatabaseSetup.Configure(options, Provider, ConnectionString);
        return new OneSealDb(options.Options);
    }

    /// <summary>Runs the app's migration runner on this database, outside any app host. Returns how many scripts it applied.</summary>
    public async Task<int> MigrateAsync(CancellationToken ct = default)
    {
        await using var db = NewContext();
        return await new MigrationRunner(db, NullLogger<MigrationRunner>.Instance).MigrateAsync(ct);
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1) return;
        if (Provider == DatabaseProvider.Sqlite)
        {
            SqliteConnection.ClearAllPools();
            TryDeleteFolder(Folder!);
            return;
        }

        await using (var own = new NpgsqlConnection(ConnectionString)) NpgsqlConnection.ClearPool(own);
        await using var conn = new NpgsqlConnection(_adminConnectionString);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{Name}\" WITH (FORCE)", conn);
        await cmd.ExecuteNonQueryAsync();
    }

    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();

    internal static void TryDeleteFolder(string folder)
    {
        try { if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true); }
        catch (IOException) { /* a file still open: the OS temp cleaner gets it */ }
        catch (UnauthorizedAccessException) { }
    }
}
