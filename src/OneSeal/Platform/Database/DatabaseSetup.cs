using Microsoft.EntityFrameworkCore;

namespace OneSeal.Platform.Database;

public enum DatabaseProvider { Sqlite, Postgres }

public static class DatabaseSetup
{
    public const string DefaultSqlite = "Data Source=./data/oneseal.db";

    /// <summary>
    /// <c>Database:Provider</c> = Sqlite (default, embedded) | Postgres; <c>ConnectionStrings:Default</c>.
    /// </summary>
    public static DatabaseProvider ProviderOf(IConfiguration config) =>
        Enum.TryParse<DatabaseProvider>(config["Database:Provider"], ignoreCase: true, out var p) ? p : DatabaseProvider.Sqlite;

    public static IServiceCollection AddOneSealDatabase(this IServiceCollection services, IConfiguration config)
    {
        var provider = ProviderOf(config);
        var connectionString = config.GetConnectionString("Default");
        if (provider == DatabaseProvider.Postgres && string.IsNullOrWhiteSpace(connectionString))
            throw new InvalidOperationException("Database:Provider is Postgres but ConnectionStrings:Default is empty.");
        connectionString = provider == DatabaseProvider.Postgres ? WithPoolDefault(connectionString!) : connectionString ?? DefaultSqlite;

        services.AddDbContext<OneSealDb>(o => Configure(o, provider, connectionString));
        services.AddSingleton(new DatabaseInfo(provider, connectionString));
        services.AddScoped<MigrationRunner>();
        return services;
    }

    public static void Configure(DbContextOptionsBuilder o, DatabaseProvider provider, string connectionString)
    {
        // issue 13 — exchange: event inserts take the shared commit-order lock (Platform/Events/EventCommitOrder.cs)
        o.AddInterceptors(StoredTextGuard.Instance, Events.EventCommitOrder.Instance);
        if (provider == DatabaseProvider.Postgres)
            o.UseNpgsql(connectionString);
        else
        {
            EnsureSqliteFolder(connectionString);
            o.UseSqlite(connectionString);
        }
    }

    /// <summary>
    /// The pool an instance may open when the connection string does not say: Npgsql's own default (100) is PostgreSQL's
    /// default max_connections, so one busy instance could take every connection and a second instance (or the signal
    /// listener) would be refused. 40 keeps two instances and the operator's tools inside the default; requests beyond it
    /// wait for a free connection instead of failing.
    /// </summary>
    public const int DefaultMaxPoolSize = 40;

    public static string WithPoolDefault(string connectionString)
    {
        // The generic builder keeps only the keys the string names (Npgsql's answers true for every key it knows).
        var named = new System.Data.Common.DbConnectionStringBuilder { ConnectionString = connectionString };
        if (named.Keys.Cast<string>().Any(k => k.Replace(" ", "", StringComparison.Ordinal).Equals("MaximumPoolSize", StringComparison.OrdinalIgnoreCase)
                || k.Replace(" ", "", StringComparison.Ordinal).Equals("MaxPoolSize", StringComparison.OrdinalIgnoreCase)))
            return connectionString;
        var builder = new Npgsql.NpgsqlConnectionStringBuilder(connectionString);
        builder.MaxPoolSize = DefaultMaxPoolSize;
        return builder.ConnectionString;
    }

    private static void EnsureSqliteFolder(string connectionString)
    {
        var builder = new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(connectionString);
        var folder = Path.GetDirectoryName(Path.GetFullPath(builder.DataSource));
        if (!string.IsNullOrEmpty(folder) && builder.DataSource != ":memory:") Directory.CreateDirectory(folder);
    }
}

public sealed record DatabaseInfo(DatabaseProvider Provider, string ConnectionString);
