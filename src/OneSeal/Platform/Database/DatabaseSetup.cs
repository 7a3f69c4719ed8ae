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
        connectionString ??= DefaultSqlite;

        services.AddDbContext<OneSealDb>(o => Configure(o, provider, connectionString));
        services.AddSingleton(new DatabaseInfo(provider, connectionString));
        services.AddScoped<MigrationRunner>();
        return services;
    }

    public static void Configure(DbContextOptionsBuilder o, DatabaseProvider provider, string connectionString)
    {
        o.AddInterceptors(StoredTextGuard.Instance);
        if (provider == DatabaseProvider.Postgres)
            o.UseNpgsql(connectionString);
        else
        {
            EnsureSqliteFolder(connectionString);
            o.UseSqlite(connectionString);
        }
    }

    private static void EnsureSqliteFolder(string connectionString)
    {
        var builder = new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(connectionString);
        var folder = Path.GetDirectoryName(Path.GetFullPath(builder.DataSource));
        if (!string.IsNullOrEmpty(folder) && builder.DataSource != ":memory:") Directory.CreateDirectory(folder);
    }
}

public sealed record DatabaseInfo(DatabaseProvider Provider, string ConnectionString);
