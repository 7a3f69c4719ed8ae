using System.Collections.Concurrent;
using System.Data.Common;
using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Npgsql;

namespace OneSeal.LoadBench;

/// <summary>
/// Sees every command the app's <c>OneSealDb</c> sends (an EF Core interceptor): counts them, times them by statement
/// shape, can record the exact sequence one operation sends (<see cref="TraceAsync{T}"/>), and can capture chosen
/// statements with their parameter values and plan them with EXPLAIN just before they run.
/// Transaction commits are not commands here: Npgsql sends COMMIT as its own round trip.
/// </summary>
public sealed partial class CommandLog : DbCommandInterceptor
{
    public static CommandLog Instance { get; } = new();

    private CommandLog() { }

    private readonly ConditionalWeakTable<DbCommand, StrongBox<long>> _started = new();
    private readonly ConcurrentDictionary<string, Stat> _byShape = new();
    private readonly AsyncLocal<List<string>?> _trace = new();
    private long _count;

    public sealed class Stat
    {
        public long Count;
        public long Ticks;
    }

    /// <summary>A statement captured by <see cref="Capture"/>: text, parameters as sent, and its EXPLAIN when asked for.</summary>
    public sealed record Captured(string Text, IReadOnlyList<NpgsqlParameter> Parameters, string? Plan, TimeSpan ExplainTime);

    /// <summary>Statements whose text this matches are captured (with a clone of their parameters).</summary>
    public Func<string, bool>? Capture { get; set; }

    /// <summary>When true, a captured statement is planned with EXPLAIN (no ANALYZE) on its own connection and transaction just before it runs.</summary>
    public bool ExplainCaptured { get; set; }

    public ConcurrentQueue<Captured> CapturedStatements { get; } = new();

    public long Count => Interlocked.Read(ref _count);

    /// <summary>
    /// Set by a caller around one operation: the interceptor stores the <see cref="Stopwatch"/> timestamp at which the
    /// audit stream heads were locked (the upsert in <c>AuditChain</c>, taken in <c>UnitOfWork.CommitAsync</c>; one row
    /// per entity since migration 0009, where it was one database-wide advisory lock before), so the caller can tell how
    /// long the operation held them (they are released at COMMIT).
    /// </summary>
    public AsyncLocal<StrongBox<long>?> LockGrantedAt { get; } = new();

    /// <summary>What identifies the statement that locks audit stream heads.</summary>
    private const string StreamHeadLock = "DO UPDATE SET seq = audit_streams.seq";

    /// <summary>Clears the per-shape statistics and captures (the command count keeps running; take differences).</summary>
    public void ResetStats()
    {
        _byShape.Clear();
        CapturedStatements.Clear();
    }

    public IReadOnlyList<(string Shape, long Count, TimeSpan Total)> Stats() =>
        _byShape.Select(kv => (kv.Key, kv.Value.Count, TimeSpan.FromTicks(kv.Value.Ticks * TimeSpan.TicksPerSecond / Stopwatch.Frequency)))
            .OrderByDescending(x => x.Item3).ToList();

    /// <summary>Runs <paramref name="work"/> and returns the commands it sent, in order, as shapes.</summary>
    public async Task<(T Result, List<string> Commands)> TraceAsync<T>(Func<Task<T>> work)
    {
        var list = new List<string>();
        _trace.Value = list;
        try { return (await work(), list); }
        finally { _trace.Value = null; }
    }

    private async ValueTask StartAsync(DbCommand command, CancellationToken ct)
    {
        Interlocked.Increment(ref _count);
        var trace = _trace.Value;
        if (trace is not null) lock (trace) trace.Add(Shape(command.CommandText, withCounts: true));
        if (Capture is { } capture && capture(command.CommandText))
        {
            var parameters = command.Parameters.Cast<NpgsqlParameter>().Select(p => p.Clone()).ToList();
            string? plan = null;
            var explainTime = TimeSpan.Zero;
            if (ExplainCaptured)
            {
                var t0 = Stopwatch.GetTimestamp();
                plan = await ExplainAsync((NpgsqlConnection)command.Connection!, (NpgsqlTransaction?)command.Transaction, "EXPLAIN", command.CommandText, parameters, ct);
                explainTime = Stopwatch.GetElapsedTime(t0);
            }
            CapturedStatements.Enqueue(new Captured(command.CommandText, parameters, plan, explainTime));
        }
        _started.AddOrUpdate(command, new StrongBox<long>(Stopwatch.GetTimestamp()));
    }

    private void End(DbCommand command)
    {
        if (!_started.TryGetValue(command, out var box)) return;
        _started.Remove(command);
        var now = Stopwatch.GetTimestamp();
        if (LockGrantedAt.Value is { } granted && command.CommandText.Contains(StreamHeadLock, StringComparison.Ordinal))
            granted.Value = now;
        var stat = _byShape.GetOrAdd(Shape(command.CommandText, withCounts: false), _ => new Stat());
        Interlocked.Increment(ref stat.Count);
        Interlocked.Add(ref stat.Ticks, now - box.Value);
    }

    /// <summary>Runs <c>{explain} {text}</c> with the same parameter values and returns the plan as text.</summary>
    public static async Task<string> ExplainAsync(NpgsqlConnection connection, NpgsqlTransaction? tx, string explain, string text,
        IEnumerable<NpgsqlParameter> parameters, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand($"{explain} {text}", connection, tx);
        foreach (var p in parameters) cmd.Parameters.Add(p.Clone());
        var lines = new StringBuilder();
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) lines.AppendLine(reader.GetString(0));
        return lines.ToString().TrimEnd();
    }

    /// <summary>
    /// A statement's shape: its verb and table(s), e.g. <c>SELECT … FROM cases</c>; an EF batch lists its statements
    /// (<c>UPDATE cases; INSERT INTO case_events; …</c>), with how many of each when <paramref name="withCounts"/>.
    /// </summary>
    public static string Shape(string sql, bool withCounts)
    {
        var statements = sql.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(s => s.Length > 0).Select(Head).ToList();
        if (statements.Count == 1) return statements[0];
        var parts = statements.GroupBy(s => s).Select(g => withCounts && g.Count() > 1 ? $"{g.Count()}× {g.Key}" : g.Key);
        return "batch[" + string.Join("; ", parts) + "]";
    }

    private static string Head(string statement)
    {
        var s = Spaces().Replace(statement, " ").Trim();
        var m = Verb().Match(s);
        if (!m.Success) return s.Length > 60 ? s[..60] + "…" : s;
        var verb = m.Groups[1].Value.ToUpperInvariant();
        if (verb == "SELECT")
        {
            var from = From().Match(s);
            if (!from.Success) return s.Length > 60 ? s[..60] + "…" : s;
            var where = s.Contains(" WHERE ", StringComparison.OrdinalIgnoreCase);
            return $"SELECT … FROM {from.Groups[1].Value}{(from.Groups[2].Success ? " JOIN …" : "")}{(where ? " WHERE …" : "")}";
        }
        var rest = s[m.Length..].TrimStart();
        var table = rest.Split(' ', 2)[0];
        return verb switch
        {
            "UPDATE" => $"UPDATE {table} SET {(SetCols().Match(rest) is { Success: true } set ? Columns(set.Groups[1].Value) : "…")}",
            _ => $"{verb} {table}",
        };
    }

    /// <summary><c>a = @p1, b = @p2</c> → <c>a, b</c>; an expression stays as written (<c>version = version + 1</c>).</summary>
    private static string Columns(string set) =>
        string.Join(", ", set.Split(',', StringSplitOptions.TrimEntries).Select(c => ParamAssign().IsMatch(c) ? c.Split(' ')[0] : c));

    [GeneratedRegex(@"^\w+ = @\w+$")]
    private static partial Regex ParamAssign();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();

    [GeneratedRegex(@"^(SELECT|UPDATE|INSERT INTO|DELETE FROM|WITH)\b", RegexOptions.IgnoreCase)]
    private static partial Regex Verb();

    [GeneratedRegex(@"\bFROM\s+""?(\w+)""?(?:\s+AS\s+\w+)?(?:.*?\b(JOIN)\b)?", RegexOptions.IgnoreCase)]
    private static partial Regex From();

    [GeneratedRegex(@"^\S+\s+SET\s+(.*?)\s+WHERE\b", RegexOptions.IgnoreCase)]
    private static partial Regex SetCols();

    // --- EF Core interception points --------------------------------------------------------------------

    public override async ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData,
        InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        await StartAsync(command, cancellationToken);
        return result;
    }

    public override InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result)
    {
        StartAsync(command, CancellationToken.None).AsTask().GetAwaiter().GetResult();
        return result;
    }

    public override InterceptionResult DataReaderDisposing(DbCommand command, DataReaderDisposingEventData eventData, InterceptionResult result)
    {
        End(command);
        return result;
    }

    public override async ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData,
        InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        await StartAsync(command, cancellationToken);
        return result;
    }

    public override ValueTask<int> NonQueryExecutedAsync(DbCommand command, CommandExecutedEventData eventData, int result,
        CancellationToken cancellationToken = default)
    {
        End(command);
        return ValueTask.FromResult(result);
    }

    public override async ValueTask<InterceptionResult<object>> ScalarExecutingAsync(DbCommand command, CommandEventData eventData,
        InterceptionResult<object> result, CancellationToken cancellationToken = default)
    {
        await StartAsync(command, cancellationToken);
        return result;
    }

    public override ValueTask<object?> ScalarExecutedAsync(DbCommand command, CommandExecutedEventData eventData, object? result,
        CancellationToken cancellationToken = default)
    {
        End(command);
        return ValueTask.FromResult(result);
    }

    public override Task CommandFailedAsync(DbCommand command, CommandErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        _started.Remove(command);
        return Task.CompletedTask;
    }
}
