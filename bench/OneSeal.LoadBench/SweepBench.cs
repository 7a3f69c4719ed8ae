using System.Diagnostics;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using OneSeal.Cases.Clock;
using OneSeal.Platform.Audit;
using OneSeal.Platform.Database;
using OneSeal.Platform.Time;

namespace OneSeal.LoadBench;

/// <summary>
/// The deadline sweep (<see cref="DeadlineSweep.RunOnceAsync"/>, what the sweep service runs every minute) over a large
/// number of generated open cases: the first run turns the overdue ones red and the ones past the yellow share yellow
/// (with a timeline row and an audit row each); the second run finds nothing new to do.
/// </summary>
public static class SweepBench
{
    private const string WarningUpdate = "UPDATE cases SET deadline_state";

    public static async Task<int> RunAsync(string connectionString, int cases)
    {
        await WarmUpAsync(connectionString);

        var t0 = Stopwatch.StartNew();
        await using var host = await BenchHost.StartAsync(connectionString);
        Out.Line($"migrations and demo seed: done in {t0.Elapsed.TotalSeconds:0.0} s");
        var today = LegalDates.Today(host.Services.GetRequiredService<TimeProvider>());

        await using var conn = new NpgsqlConnection(connectionString);
        await conn.OpenAsync();

        // --- generate ------------------------------------------------------------------------------------------
        var step = Stopwatch.StartNew();
        var inserted = await GenerateAsync(host, conn, cases);
        Out.Line($"generated {inserted:N0} open cases in one INSERT … SELECT generate_series: {step.Elapsed.TotalSeconds:0.0} s");
        step.Restart();
        await ExecAsync(conn, "VACUUM (ANALYZE) cases");
        Out.Line($"VACUUM (ANALYZE) cases: {step.Elapsed.TotalSeconds:0.0} s");
        await ExecAsync(conn, "CHECKPOINT");

        await using (var profile = new NpgsqlCommand("""
            SELECT count(*),
                   count(*) FILTER (WHERE status = 'Accepted'), count(*) FILTER (WHERE status = 'Reviewed'),
                   count(*) FILTER (WHERE due_date < @today),
                   count(*) FILTER (WHERE yellow_on <= @today AND due_date >= @today),
                   max(@today - accepted_on), percentile_disc(0.5) WITHIN GROUP (ORDER BY @today - accepted_on),
                   percentile_disc(0.9) WITHIN GROUP (ORDER BY @today - accepted_on),
                   min(promised_days), max(promised_days), count(*) FILTER (WHERE paused_days > 0), count(*) FILTER (WHERE extension_days > 0),
                   pg_size_pretty(pg_relation_size('cases')), pg_size_pretty(pg_indexes_size('cases')), (SELECT count(*) FROM pg_indexes WHERE tablename = 'cases')
            FROM cases WHERE status IN ('Accepted', 'Reviewed')
            """, conn))
        {
            profile.Parameters.AddWithValue("today", today);
            await using var r = await profile.ExecuteReaderAsync();
            await r.ReadAsync();
            Out.Line($"open cases: {r.GetInt64(0):N0} (Accepted {r.GetInt64(1):N0}, Reviewed {r.GetInt64(2):N0}); " +
                $"due before today {r.GetInt64(3):N0} ({(double)r.GetInt64(3) / r.GetInt64(0):P1}); past yellow, not due {r.GetInt64(4):N0} ({(double)r.GetInt64(4) / r.GetInt64(0):P1})");
            Out.Line($"    accepted_on: median {r.GetInt32(6)} days ago, 90th percentile {r.GetInt32(7)}, oldest {r.GetInt32(5)}; promised {r.GetInt32(8)}–{r.GetInt32(9)} working days; " +
                $"{r.GetInt64(10):N0} with a closed pause, {r.GetInt64(11):N0} extended");
            Out.Line($"    table cases: heap {r.GetString(12)}, {r.GetInt64(14)} indexes {r.GetString(13)}; today (Asia/Shanghai) = {today:yyyy-MM-dd}");
        }

        // --- sweep twice --------------------------------------------------------------------------------------
        host.Commands.Capture = text => text.Contains(WarningUpdate, StringComparison.Ordinal);
        var first = await SweepAsync(host, "sweep run 1", explain: true);
        host.Commands.Capture = _ => true;
        var second = await SweepAsync(host, "sweep run 2", explain: false);
        host.Commands.Capture = null;

        // The second run's statements as they ran (nothing to change), with actual row counts and buffers; rolled back.
        Out.Line("EXPLAIN (ANALYZE, BUFFERS) of run 2's two UPDATEs, replayed in a transaction that is rolled back:");
        var updates = second.Statements.Where(s => s.Text.Contains(WarningUpdate, StringComparison.Ordinal)).DistinctBy(s => s.Text).ToList();
        foreach (var s in updates) PrintPlan(s.Text, await ReplayAsync(conn, s));
        Out.Line("run 2's other queries (EXPLAIN ANALYZE, scan lines only):");
        foreach (var s in second.Statements.Except(updates))
        {
            var plan = await ReplayAsync(conn, s);
            Out.Line($"    {CommandLog.Shape(s.Text, withCounts: false)}: " + string.Join("; ", plan.Split('\n')
                .Where(l => l.Contains(" Scan ", StringComparison.Ordinal) || l.Contains("Execution Time", StringComparison.Ordinal))
                .Select(l => Regex.Replace(l.Trim().TrimStart('-', '>', ' '), @"\s*\(cost=[^)]*\)", ""))));
        }

        // --- check the work -----------------------------------------------------------------------------------
        await using (var check = new NpgsqlCommand("""
            SELECT (SELECT count(*) FROM cases WHERE deadline_state = 'Red'), (SELECT count(*) FROM cases WHERE deadline_state = 'Yellow'),
                   (SELECT count(*) FROM case_events WHERE actor_id IS NULL AND to_status IN ('Accepted', 'Reviewed'))
            """, conn))
        {
            await using var r = await check.ExecuteReaderAsync();
            await r.ReadAsync();
            Out.Line($"after the sweeps: {r.GetInt64(0):N0} cases red, {r.GetInt64(1):N0} yellow; {r.GetInt64(2):N0} system timeline rows written");
        }
        await using (var scope = host.Services.CreateAsyncScope())
        {
            var v = Stopwatch.StartNew();
            var chain = await AuditTrail.VerifyAsync(scope.ServiceProvider.GetRequiredService<OneSealDb>(), scope.ServiceProvider.GetRequiredService<AuditKeys>(), CancellationToken.None);
            Out.Line($"audit trail: {(chain.Intact ? "intact" : $"BROKEN at {chain.FirstBrokenId}: {chain.Problem}")}, {chain.Entries:N0} entries (verified in {v.Elapsed.TotalSeconds:0.0} s)");
            if (!chain.Intact) return 1;
        }

        Out.Line(string.Create(CultureInfo.InvariantCulture,
            $"RESULT sweep1_seconds={first.Seconds:0.00} sweep1_rows={first.Rows} sweep2_seconds={second.Seconds:0.000} sweep2_rows={second.Rows}"));
        return 0;
    }

    private sealed record SweepRun(double Seconds, int Rows, List<CommandLog.Captured> Statements);

    private static async Task<SweepRun> SweepAsync(BenchHost host, string name, bool explain)
    {
        host.Commands.ResetStats();
        host.Commands.ExplainCaptured = explain;
        var commandsBefore = host.Commands.Count;
        var sw = Stopwatch.StartNew();
        DeadlineSweep.Result result;
        await using (var scope = host.Services.CreateAsyncScope())
            result = await scope.ServiceProvider.GetRequiredService<DeadlineSweep>().RunOnceAsync(CancellationToken.None);
        sw.Stop();
        host.Commands.ExplainCaptured = false;
        var statements = host.Commands.CapturedStatements.ToList();
        var explainTime = statements.Aggregate(TimeSpan.Zero, (sum, s) => sum + s.ExplainTime);
        var seconds = (sw.Elapsed - explainTime).TotalSeconds;
        var rows = result.Yellow + result.Red + result.DeemedAccepted + result.DeemedApproved + result.ToleranceChecked;
        Out.Line($"{name}: {seconds:0.000} s, {rows:N0} cases changed (red {result.Red:N0}, yellow {result.Yellow:N0}, deemed accepted {result.DeemedAccepted}, " +
            $"tolerance enforced {result.ToleranceChecked}, deemed approved {result.DeemedApproved}); {host.Commands.Count - commandsBefore:N0} database commands" +
            (explain ? $" (the {explainTime.TotalMilliseconds:0} ms of EXPLAIN run before each UPDATE not counted)" : ""));
        var chunks = statements.Count(s => s.Text.Contains(WarningUpdate, StringComparison.Ordinal));
        if (chunks > 0)
            Out.Line($"    {chunks} warning chunks (UPDATEs of at most {DeadlineWarning.ChunkSize:N0} cases), each its own transaction: {seconds / chunks:0.000} s per chunk on average");
        Out.Line("    time by statement:");
        foreach (var (shape, count, total) in host.Commands.Stats().Take(8))
            Out.Line($"      {total.TotalSeconds,8:0.000} s  ×{count,-5:N0} {shape}");
        if (explain) // the first chunk of each warning: the later ones have the same plan
            foreach (var s in statements.DistinctBy(s => s.Text)) PrintPlan(s.Text, s.Plan ?? "");
        return new SweepRun(seconds, rows, statements);
    }

    /// <summary>Runs the data generator (Sql/generate-open-cases.sql) for today's legal date and the app's yellow share.</summary>
    private static Task<int> GenerateAsync(BenchHost host, NpgsqlConnection conn, int cases)
    {
        var today = LegalDates.Today(host.Services.GetRequiredService<TimeProvider>());
        var share = host.Services.GetRequiredService<IConfiguration>().GetValue("Deadlines:YellowShare", 0.8);
        var sql = Resource("generate-open-cases.sql")
            .Replace("{{cases}}", cases.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("{{today}}", $"'{today:yyyy-MM-dd}'", StringComparison.Ordinal)
            .Replace("{{yellow_share}}", share.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal);
        return ExecAsync(conn, sql);
    }

    /// <summary>
    /// The sweep service runs in a warm process; so the timed runs do not pay for JIT and EF's first-use model building,
    /// the same code runs once first on a small database of its own (5,000 generated cases), which is then dropped.
    /// </summary>
    private static async Task WarmUpAsync(string connectionString)
    {
        var main = new NpgsqlConnectionStringBuilder(connectionString);
        var warm = new NpgsqlConnectionStringBuilder(connectionString) { Database = main.Database + "_warmup" };
        var admin = new NpgsqlConnectionStringBuilder(connectionString) { Database = "postgres", Pooling = false };
        await using (var a = new NpgsqlConnection(admin.ConnectionString))
        {
            await a.OpenAsync();
            await ExecAsync(a, $"DROP DATABASE IF EXISTS \"{warm.Database}\" WITH (FORCE)");
            await ExecAsync(a, $"CREATE DATABASE \"{warm.Database}\"");
        }
        var sw = Stopwatch.StartNew();
        await using (var host = await BenchHost.StartAsync(warm.ConnectionString))
        {
            await using var conn = new NpgsqlConnection(warm.ConnectionString);
            await conn.OpenAsync();
            await GenerateAsync(host, conn, 5_000);
            await ExecAsync(conn, "VACUUM (ANALYZE) cases");
            for (var i = 0; i < 2; i++)
            {
                await using var scope = host.Services.CreateAsyncScope();
                await scope.ServiceProvider.GetRequiredService<DeadlineSweep>().RunOnceAsync(CancellationToken.None);
            }
        }
        NpgsqlConnection.ClearAllPools();
        await using (var a = new NpgsqlConnection(admin.ConnectionString))
        {
            await a.OpenAsync();
            await ExecAsync(a, $"DROP DATABASE IF EXISTS \"{warm.Database}\" WITH (FORCE)");
        }
        Out.Line($"warm-up (same code on 5,000 generated cases in a database of its own, then dropped): {sw.Elapsed.TotalSeconds:0.0} s");
    }

    /// <summary>EXPLAIN (ANALYZE, BUFFERS) of a captured statement with its parameters, in a transaction that is rolled back.</summary>
    private static async Task<string> ReplayAsync(NpgsqlConnection conn, CommandLog.Captured s)
    {
        await using var tx = await conn.BeginTransactionAsync();
        var plan = await CommandLog.ExplainAsync(conn, tx, "EXPLAIN (ANALYZE, BUFFERS)", s.Text, s.Parameters, CancellationToken.None);
        await tx.RollbackAsync();
        return plan;
    }

    private static void PrintPlan(string statement, string plan)
    {
        Out.Line("    -- " + string.Join(" ", statement.Split((char[])['\n', '\r'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)));
        foreach (var line in plan.Split('\n')) Out.Line("       " + line.TrimEnd());
    }

    private static async Task<int> ExecAsync(NpgsqlConnection conn, string sql)
    {
        await using var cmd = new NpgsqlCommand(sql, conn) { CommandTimeout = 0 };
        return await cmd.ExecuteNonQueryAsync();
    }

    private static string Resource(string name)
    {
        using var stream = typeof(SweepBench).Assembly.GetManifestResourceStream($"OneSeal.LoadBench.Sql.{name}")
            ?? throw new InvalidOperationException($"embedded resource {name} missing");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
