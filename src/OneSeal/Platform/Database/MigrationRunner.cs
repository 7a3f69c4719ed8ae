using System.Data.Common;
using System.Reflection;
using Microsoft.EntityFrameworkCore;

namespace OneSeal.Platform.Database;

/// <summary>
/// Applies the versioned SQL scripts embedded under <c>Platform/Database/Migrations/{Sqlite|Postgres}</c>
/// in name order, each once, each in its own transaction, recording them in <c>schema_migrations</c>.
/// Why our own runner: there is no EF design-time tooling here (docs/decisions/0002-own-migrations.md).
/// On PostgreSQL an advisory lock keeps two starting instances from migrating at once.
/// </summary>
public sealed class MigrationRunner(OneSealDb db, ILogger<MigrationRunner> log)
{
    private const long AdvisoryLockKey = 0x0_5EA1_0001;

    public static IReadOnlyList<(string Version, string Sql)> Scripts(DatabaseProvider provider)
    {
        var asm = typeof(MigrationRunner).Assembly;
        var prefix = $"OneSeal.Platform.Database.Migrations.{provider}.";
        return asm.GetManifestResourceNames()
            .Where(n => n.StartsWith(prefix, StringComparison.Ordinal) && n.EndsWith(".sql", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .Select(n => (n[prefix.Length..^4], Read(asm, n)))
            .ToList();
    }

    public async Task<int> MigrateAsync(CancellationToken ct = default)
    {
        var provider = db.IsPostgres ? DatabaseProvider.Postgres : DatabaseProvider.Sqlite;
        var conn = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            if (provider == DatabaseProvider.Sqlite)
                await ExecAsync(conn, null, "PRAGMA journal_mode=WAL;", ct);
            else
                await ExecAsync(conn, null, $"SELECT pg_advisory_lock({AdvisoryLockKey});", ct);

            await ExecAsync(conn, null, "CREATE TABLE IF NOT EXISTS schema_migrations (version VARCHAR(128) NOT NULL PRIMARY KEY, applied_at VARCHAR(40) NOT NULL);", ct);
            var applied = new HashSet<string>();
            await using (var cmd = conn.CreateCommand())
            {
                cmd.CommandText = "SELECT version FROM schema_migrations";
                await using var reader = await cmd.ExecuteReaderAsync(ct);
                while (await reader.ReadAsync(ct)) applied.Add(reader.GetString(0));
            }

            var count = 0;
            foreach (var (version, sql) in Scripts(provider).Where(s => !applied.Contains(s.Version)))
            {
                await using var tx = await conn.BeginTransactionAsync(ct);
                await ExecAsync(conn, tx, sql, ct);
                await using (var cmd = conn.CreateCommand())
                {
                    cmd.Transaction = tx;
                    cmd.CommandText = "INSERT INTO schema_migrations (version, applied_at) VALUES (@v, @t)";
                    AddParam(cmd, "@v", version);
                    AddParam(cmd, "@t", DateTimeOffset.UtcNow.ToString("O"));
                    await cmd.ExecuteNonQueryAsync(ct);
                }
                await tx.CommitAsync(ct);
                log.LogInformation("Applied migration {Version} ({Provider})", version, provider);
                count++;
            }

            return count;
        }
        finally
        {
            if (provider == DatabaseProvider.Postgres)
                await ExecAsync(conn, null, $"SELECT pg_advisory_unlock({AdvisoryLockKey});", CancellationToken.None);
            await db.Database.CloseConnectionAsync();
        }
    }

    private static async Task ExecAsync(DbConnection conn, DbTransaction? tx, string sql, CancellationToken ct)
    {
        await using var cmd = conn.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = sql;
        await cmd.ExecuteNonQueryAsync(ct);
    }

    private static void AddParam(DbCommand cmd, string name, object value)
    {
        var p = cmd.CreateParameter();
        p.ParameterName = name;
        p.Value = value;
        cmd.Parameters.Add(p);
    }

    private static string Read(Assembly asm, string name)
    {
        using var stream = asm.GetManifestResourceStream(name)!;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
