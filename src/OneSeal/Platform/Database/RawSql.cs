using System.Data;
using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;

namespace OneSeal.Platform.Database;

/// <summary>
/// One hand-built SQL command with positional parameters, inside the unit of work's transaction. For set-based and
/// multi-row statements whose shape depends on the data (the audit chain writes hundreds of rows per sweep chunk;
/// as tracked EF entities they cost more than the database work). Values are bound the way the EF model stores them
/// (instants as UTC ticks, Guids as upper-case text and dates as ISO text on SQLite).
/// </summary>
public sealed class RawSql(OneSealDb db)
{
    private readonly StringBuilder text = new();
    private readonly List<(object? Value, DbType Type)> values = [];

    public RawSql Append(string sql)
    {
        text.Append(sql);
        return this;
    }

    /// <summary>Appends a parameter placeholder for <paramref name="value"/>.</summary>
    public RawSql Param(object? value, DbType type)
    {
        (value, type) = value switch
        {
            DateTimeOffset at when !db.IsPostgres => (at.UtcTicks, DbType.Int64),
            DateTimeOffset at => (at.ToUniversalTime(), type),
            Guid id when !db.IsPostgres => (id.ToString().ToUpperInvariant(), DbType.String),
            null when type == DbType.Guid && !db.IsPostgres => (null, DbType.String),
            DateOnly day when !db.IsPostgres => (day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), DbType.String),
            _ => (value, type),
        };
        text.Append("@p").Append(values.Count);
        values.Add((value, type));
        return this;
    }

    /// <summary>"@p0, @p1, …": one parameter per item (an IN list).</summary>
    public RawSql List<T>(IEnumerable<T> items, DbType type)
    {
        var first = true;
        foreach (var item in items)
        {
            if (!first) text.Append(", ");
            Param(item, type);
            first = false;
        }
        return this;
    }

    /// <summary>Runs through EF, so its interceptors (the benchmark's command log) see it like any other command.</summary>
    public Task<int> ExecuteAsync(CancellationToken ct)
    {
        EnsureTransaction();
        return db.Database.ExecuteSqlRawAsync(text.ToString(), Parameters(), ct);
    }

    /// <summary>Rows of an unmapped type; the SQL names its columns after <typeparamref name="T"/>'s properties.</summary>
    public Task<List<T>> ReadAsync<T>(CancellationToken ct)
    {
        EnsureTransaction();
        return db.Database.SqlQueryRaw<T>(text.ToString(), Parameters()).ToListAsync(ct);
    }

    private void EnsureTransaction()
    {
        if (db.Database.CurrentTransaction is null)
            throw new InvalidOperationException("Raw statements run inside the unit of work's transaction.");
    }

    private object[] Parameters()
    {
        using var factory = db.Database.GetDbConnection().CreateCommand();
        var result = new object[values.Count];
        for (var i = 0; i < values.Count; i++)
        {
            var p = factory.CreateParameter();
            p.ParameterName = $"@p{i}";
            p.DbType = values[i].Type;
            p.Value = values[i].Value ?? DBNull.Value;
            result[i] = p;
        }
        return result;
    }
}
