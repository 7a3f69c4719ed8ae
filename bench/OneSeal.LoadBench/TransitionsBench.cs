using System.Diagnostics;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using OneSeal.Cases;
using OneSeal.Catalog;
using OneSeal.Organisation;
using OneSeal.Platform.Audit;
using OneSeal.Platform.Database;
using OneSeal.Platform.Security;

namespace OneSeal.LoadBench;

/// <summary>
/// Transitions per second through <see cref="CaseCommands"/>, the code path the API and the pages use: load the case
/// (with its materials), check role, data scope and state, compute the clock, write the case with its version check,
/// a timeline row and a chained audit row, commit — each in its own DI scope, as each HTTP request has.
/// </summary>
public static class TransitionsBench
{
    /// <summary>Case numbers of the cases this benchmark generates start with this (never a real prefix+date).</summary>
    private const string CloneNumberPrefix = "QSB";

    /// <summary>
    /// One submitted case made through the real commands (create as the applicant, upload every required material,
    /// submit), then <paramref name="cases"/> − 1 copies of it made in SQL (with their material rows), all Submitted.
    /// </summary>
    public static async Task<int> PrepareAsync(string connectionString, int cases)
    {
        var total = Stopwatch.StartNew();
        await using var host = await BenchHost.StartAsync(connectionString);
        Out.Line($"migrations and demo seed: done in {total.Elapsed.TotalSeconds:0.0} s");
        var applicant = await host.ActorAsync("applicant");
        var clerk = await host.ActorAsync("clerk");

        Item item;
        await using (var scope = host.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<OneSealDb>();
            item = (await db.Set<Item>().AsNoTracking().Include(i => i.FormFields).Include(i => i.Materials).AsSplitQuery()
                    .Where(i => i.Status == ItemVersionStatus.Published && i.ImplementingOrganisationId == clerk.OrganisationId && i.Kind == ItemKind.Promised
                        && i.ServiceObject != ServiceObject.Enterprise && i.PromisedDays >= 3 && i.PromisedDays <= 20
                        && !i.DeemedApprovalOnTimeout && !i.CommitmentApproval)
                    .ToListAsync())
                .OrderByDescending(i => i.Materials.Count(m => m.Required)).ThenBy(i => i.Code, StringComparer.Ordinal).First();
        }

        var form = item.FormFields.ToDictionary(f => f.Key, f => (string?)(f.Type switch
        {
            FormFieldType.CitizenId => "360999199003071239",
            FormFieldType.Uscc => "91360999MA35QT8K7B",
            FormFieldType.Phone => "13807960001",
            FormFieldType.Number => "120",
            FormFieldType.Date => "2026-01-01",
            _ => "基准测试填写的内容",
        }));
        var template = await InScopeAsync(host, c => c.CreateAsync(applicant, item.Code, form, CancellationToken.None));
        var required = item.Materials.Where(m => m.Required).OrderBy(m => m.SortOrder).ToList();
        foreach (var m in required)
        {
            var pdf = SamplePdf(m.Code);
            await InScopeAsync(host, async c =>
            {
                using var stream = new MemoryStream(pdf);
                return await c.UploadMaterialAsync(applicant, template.Id, m.Code, $"{m.Code}.pdf", stream, pdf.Length, CancellationToken.None);
            });
        }
        await InScopeAsync(host, c => c.SubmitAsync(applicant, template.Id, null, CancellationToken.None));
        Out.Line($"template case {template.CaseNumber}: item {item.Code} {item.Name} (promised {item.PromisedDays} working days), " +
            $"{required.Count} materials uploaded, submitted — through CaseCommands");

        var clone = Stopwatch.StartNew();
        await using (var conn = new NpgsqlConnection(connectionString))
        {
            await conn.OpenAsync();
            // Column-agnostic copies (jsonb_populate_record), so a new migration does not break the benchmark.
            await using var cmd = new NpgsqlCommand($"""
                WITH t AS (SELECT * FROM cases WHERE id = @template),
                new AS (
                    INSERT INTO cases
                    SELECT r.* FROM t, generate_series(1, @n) g,
                        LATERAL jsonb_populate_record(NULL::cases, to_jsonb(t) || jsonb_build_object(
                            'id', gen_random_uuid(),
                            'case_number', '{CloneNumberPrefix}' || to_char(now(), 'YYYYMMDD') || '-' || lpad(g::text, 7, '0'))) r
                    RETURNING id)
                INSERT INTO case_materials
                SELECT r.* FROM new, case_materials m,
                    LATERAL jsonb_populate_record(NULL::case_materials, to_jsonb(m) || jsonb_build_object('id', gen_random_uuid(), 'case_id', new.id)) r
                WHERE m.case_id = @template
                """, conn);
            cmd.CommandTimeout = 600;
            cmd.Parameters.AddWithValue("template", template.Id);
            cmd.Parameters.AddWithValue("n", cases - 1);
            await cmd.ExecuteNonQueryAsync();
            foreach (var table in new[] { "cases", "case_materials" })
            {
                await using var analyze = new NpgsqlCommand($"VACUUM (ANALYZE) {table}", conn) { CommandTimeout = 600 };
                await analyze.ExecuteNonQueryAsync();
            }
        }
        Out.Line($"{cases - 1:N0} copies of it made in SQL (with their {required.Count} material rows each), VACUUM ANALYZE: {clone.Elapsed.TotalSeconds:0.0} s");
        Out.Line($"{cases:N0} submitted cases ready");
        return 0;
    }

    /// <summary>
    /// Accept for <paramref name="duration"/>, then review, decide (approve: certificate record, approval notice and their
    /// outbox rows; the PDFs are rendered after commit by outbox handlers, which this host never starts) and deliver, each
    /// for <paramref name="stepDuration"/> on the cases the step before finished; then accept again over HTTP with wrk
    /// for <paramref name="httpDuration"/> on submitted cases not touched yet.
    /// </summary>
    public static async Task<int> RunAsync(string connectionString, TimeSpan duration, int workers, TimeSpan stepDuration, TimeSpan httpDuration)
    {
        await using var host = await BenchHost.StartAsync(connectionString);
        var clerk = await host.ActorAsync("clerk");
        var reviewer = await host.ActorAsync("reviewer");
        var chief = await host.ActorAsync("chief");

        List<Guid> ids;
        await using (var scope = host.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<OneSealDb>();
            // Random order: uuid v4 ids.
            ids = await db.Set<Case>().AsNoTracking().Where(c => c.Status == CaseStatus.Submitted && c.CaseNumber.StartsWith(CloneNumberPrefix))
                .OrderBy(c => c.Id).Select(c => c.Id).ToListAsync();
        }
        if (ids.Count < 1000) throw new InvalidOperationException($"only {ids.Count} submitted benchmark cases: run prepare-transitions first");
        // The HTTP run gets its own slice, so the in-process steps cannot use up its cases.
        var httpShare = httpDuration > TimeSpan.Zero ? ids.Count / 3 : 0;
        var queue = new CaseQueue(ids[httpShare..]);

        Task<Case> Accept(CaseCommands c, Guid id) => c.AcceptAsync(clerk, id, null, CancellationToken.None);
        Task<Case> Review(CaseCommands c, Guid id) =>
            c.ReviewAsync(reviewer, id, "申请材料齐全，符合法定形式，经审查符合许可条件，建议准予许可。", "approve", null, CancellationToken.None);
        Task<Case> Decide(CaseCommands c, Guid id) => c.DecideAsync(chief, id, true, null, null, CancellationToken.None);
        Task<Case> Deliver(CaseCommands c, Guid id) => c.DeliverAsync(clerk, id, "pickup", null, null, CancellationToken.None);

        // Warm-up of every step (JIT, connection pool, caches, the seal key the first decision creates): not counted.
        // The first case of each step is traced: the commands it sends, in order.
        var traces = new List<(string Step, List<string> Commands)>();
        var warm = new List<Guid>();
        for (var i = 0; i < 8; i++) warm.Add(queue.Take()!.Value);
        foreach (var (step, act) in new (string, Func<CaseCommands, Guid, Task<Case>>)[] { ("accept", Accept), ("review", Review), ("decide", Decide), ("deliver", Deliver) })
        {
            var (_, trace) = await host.Commands.TraceAsync(() => InScopeAsync(host, c => act(c, warm[0])));
            traces.Add((step, trace));
            foreach (var id in warm.Skip(1)) await InScopeAsync(host, c => act(c, id));
        }
        await RunWorkersAsync(host, queue, workers, TimeSpan.FromSeconds(Math.Min(3, duration.TotalSeconds)), Accept);
        foreach (var (step, trace) in traces)
        {
            Out.Line($"one {step} sends these commands, in order (plus BEGIN, sent with the first write, and COMMIT):");
            foreach (var line in trace) Out.Line($"    {line}");
        }

        await CheckpointAsync(connectionString);
        var accept = await MeasureAsync(host, connectionString, queue, workers, duration, "accept (受理)", Accept);
        Out.Line($"RESULT accept_per_second={accept.PerSecond.ToString("0.0", CultureInfo.InvariantCulture)}");

        var done = accept.Done;
        foreach (var (step, label, act) in new (string, string, Func<CaseCommands, Guid, Task<Case>>)[]
                 { ("review", "review (审查)", Review), ("decide", "decide (决定, approve)", Decide), ("deliver", "deliver (送达)", Deliver) })
        {
            if (stepDuration <= TimeSpan.Zero || done.Count == 0) break;
            await CheckpointAsync(connectionString);
            var m = await MeasureAsync(host, connectionString, new CaseQueue(done), workers, stepDuration, label, act);
            Out.Line($"RESULT {step}_per_second={m.PerSecond.ToString("0.0", CultureInfo.InvariantCulture)}");
            done = m.Done;
        }

        if (httpShare > 0)
        {
            await CheckpointAsync(connectionString);
            var http = await HttpAcceptBench.RunAsync(host, ids[..httpShare], workers, httpDuration);
            if (http != 0) return http;
        }

        // The work was real: every transition left its row, and the audit chain is intact after concurrent appends.
        await using (var scope = host.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<OneSealDb>();
            var byStatus = await db.Set<Case>().AsNoTracking().Where(c => c.CaseNumber.StartsWith(CloneNumberPrefix))
                .GroupBy(c => c.Status).Select(g => new { g.Key, N = g.Count() }).ToListAsync();
            Out.Line("benchmark cases by status now: " + string.Join(", ", byStatus.OrderBy(x => x.Key).Select(x => $"{x.Key} {x.N:N0}")));
            var t0 = Stopwatch.GetTimestamp();
            var chain = await AuditTrail.VerifyAsync(db, scope.ServiceProvider.GetRequiredService<AuditKeys>(), CancellationToken.None);
            Out.Line($"audit chain: {(chain.Intact ? "intact" : $"BROKEN at {chain.FirstBrokenId}: {chain.Problem}")}, {chain.Entries:N0} entries (verified in {Stopwatch.GetElapsedTime(t0).TotalSeconds:0.0} s)");
            if (!chain.Intact) return 1;
        }
        return 0;
    }

    private sealed record Measurement(double PerSecond, List<Guid> Done);

    private static async Task<Measurement> MeasureAsync(BenchHost host, string connectionString, CaseQueue queue, int workers, TimeSpan duration,
        string name, Func<CaseCommands, Guid, Task<Case>> act)
    {
        var commandsBefore = host.Commands.Count;
        host.Commands.ResetStats();
        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var gcBefore = GcCounts.Now();
        RunResult run;
        (IReadOnlyList<(string What, double Share)> Shares, double MeanBusy) waits;
        await using (var sampler = new WaitSampler(connectionString))
        {
            run = await RunWorkersAsync(host, queue, workers, duration, act);
            waits = sampler.Result();
        }
        var commands = host.Commands.Count - commandsBefore;
        var cpu = Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;
        var gc = GcCounts.Now() - gcBefore;
        var perSecond = run.Done.Count / run.Elapsed.TotalSeconds;
        var lat = run.LatenciesMs.Order().ToArray();
        Out.Line($"{name}: {run.Done.Count:N0} transitions in {run.Elapsed.TotalSeconds:0.0} s with {workers} workers = {perSecond:0.0} per second" +
            (run.RanOut ? " (ran out of prepared cases before the time was up: prepare more)" : ""));
        if (lat.Length > 0)
            Out.Line($"    latency per transition: p50 {Pct(lat, 0.50):0.0} ms, p95 {Pct(lat, 0.95):0.0} ms, p99 {Pct(lat, 0.99):0.0} ms, max {lat[^1]:0.0} ms");
        if (run.LockHoldMs.Count > 0)
        {
            var hold = run.LockHoldMs.Order().ToArray();
            var busy = hold.Sum() / 1000 / run.Elapsed.TotalSeconds;
            Out.Line($"    audit stream head (one row per case) locked per transition: mean {hold.Average():0.0} ms, p50 {Pct(hold, 0.50):0.0} ms, p95 {Pct(hold, 0.95):0.0} ms; " +
                $"summed over workers {busy:P0} of the wall time (transitions of different cases do not wait for each other's heads)");
        }
        Out.Line($"    database commands: {(double)commands / Math.Max(1, run.Done.Count):0.0} per transition (+ COMMIT); errors: " +
            (run.Errors.Count == 0 ? "none" : string.Join(", ", run.Errors.Select(e => $"{e.Key} ×{e.Value}"))));
        Out.Line($"    app CPU (this process, every thread): {cpu.TotalMilliseconds / Math.Max(1, run.Done.Count):0.00} ms per transition, " +
            $"{cpu.TotalSeconds / run.Elapsed.TotalSeconds / Environment.ProcessorCount:P0} of the machine's {Environment.ProcessorCount} cores; " +
            gc.Describe(run.Done.Count));
        Out.Line($"    where the busy connections were (pg_stat_activity every 50 ms, mean {waits.MeanBusy:0.0} busy): " +
            string.Join(", ", waits.Shares.Take(6).Select(s => $"{s.What} {s.Share:P0}")));
        Out.Line("    time by statement (summed over workers):");
        foreach (var (shape, count, total) in host.Commands.Stats().Take(10))
            Out.Line($"      {total.TotalMilliseconds / Math.Max(1, count),7:0.00} ms avg  ×{count,-7:N0} {shape}");
        if (run.FirstError is not null) Out.Line($"    first error: {run.FirstError}");
        return new Measurement(perSecond, run.Done);
    }

    private sealed record RunResult(List<Guid> Done, TimeSpan Elapsed, List<double> LatenciesMs, List<double> LockHoldMs, Dictionary<string, int> Errors, bool RanOut, string? FirstError);

    private static async Task<RunResult> RunWorkersAsync(BenchHost host, CaseQueue queue, int workers, TimeSpan duration, Func<CaseCommands, Guid, Task<Case>> act)
    {
        var done = new List<Guid>();
        var latencies = new List<double>();
        var holds = new List<double>();
        var errors = new Dictionary<string, int>();
        string? firstError = null;
        var ranOut = false;
        var clock = Stopwatch.StartNew();
        long lastEnd = 0;
        async Task Worker()
        {
            var myDone = new List<Guid>();
            var myLat = new List<double>();
            var myHold = new List<double>();
            while (clock.Elapsed < duration)
            {
                if (queue.Take() is not { } id) { ranOut = true; break; }
                var t0 = Stopwatch.GetTimestamp();
                var granted = new StrongBox<long>();
                host.Commands.LockGrantedAt.Value = granted;
                try
                {
                    await using (var scope = host.Services.CreateAsyncScope())
                        await act(scope.ServiceProvider.GetRequiredService<CaseCommands>(), id);
                    var t1 = Stopwatch.GetTimestamp();
                    myDone.Add(id);
                    myLat.Add(Stopwatch.GetElapsedTime(t0, t1).TotalMilliseconds);
                    if (granted.Value != 0) myHold.Add(Stopwatch.GetElapsedTime(granted.Value, t1).TotalMilliseconds);
                }
                catch (Exception e)
                {
                    lock (errors)
                    {
                        errors[e.GetType().Name] = errors.GetValueOrDefault(e.GetType().Name) + 1;
                        firstError ??= e.ToString();
                    }
                }
                var end = clock.ElapsedTicks;
                InterlockedMax(ref lastEnd, end);
            }
            lock (done)
            {
                done.AddRange(myDone);
                latencies.AddRange(myLat);
                holds.AddRange(myHold);
            }
        }
        await Task.WhenAll(Enumerable.Range(0, workers).Select(_ => Task.Run(Worker)));
        // The rate is over the time the last transition finished (workers finish the one in flight at the deadline).
        var elapsed = TimeSpan.FromSeconds((double)Interlocked.Read(ref lastEnd) / Stopwatch.Frequency);
        return new RunResult(done, elapsed, latencies, holds, errors, ranOut, firstError);
    }

    private static void InterlockedMax(ref long target, long value)
    {
        var current = Interlocked.Read(ref target);
        while (value > current)
        {
            var seen = Interlocked.CompareExchange(ref target, value, current);
            if (seen == current) return;
            current = seen;
        }
    }

    private static double Pct(double[] sorted, double p) => sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];

    private static async Task<T> InScopeAsync<T>(BenchHost host, Func<CaseCommands, Task<T>> work)
    {
        await using var scope = host.Services.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<CaseCommands>());
    }

    private static async Task CheckpointAsync(string connectionString)
    {
        await using var conn = new NpgsqlConnection(connectionString);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand("CHECKPOINT", conn) { CommandTimeout = 600 };
        await cmd.ExecuteNonQueryAsync();
    }

    /// <summary>A small well-formed one-page PDF (the upload rules check the signature).</summary>
    private static byte[] SamplePdf(string text)
    {
        var content = $"BT /F1 12 Tf 20 50 Td (OneSeal benchmark {text}) Tj ET";
        string[] objects =
        [
            "<< /Type /Catalog /Pages 2 0 R >>",
            "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 300 100] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
            $"<< /Length {content.Length} >>\nstream\n{content}\nendstream",
            "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        ];
        var pdf = new StringBuilder("%PDF-1.4\n");
        var offsets = new List<int>();
        for (var i = 0; i < objects.Length; i++)
        {
            offsets.Add(pdf.Length);
            pdf.Append(CultureInfo.InvariantCulture, $"{i + 1} 0 obj\n{objects[i]}\nendobj\n");
        }
        var xref = pdf.Length;
        pdf.Append(CultureInfo.InvariantCulture, $"xref\n0 {objects.Length + 1}\n0000000000 65535 f \n");
        foreach (var o in offsets) pdf.Append(CultureInfo.InvariantCulture, $"{o:D10} 00000 n \n");
        pdf.Append(CultureInfo.InvariantCulture, $"trailer\n<< /Size {objects.Length + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n");
        return Encoding.ASCII.GetBytes(pdf.ToString());
    }

    /// <summary>Hands each case to exactly one worker.</summary>
    private sealed class CaseQueue(IReadOnlyList<Guid> ids)
    {
        private int _next = -1;

        public Guid? Take()
        {
            var i = Interlocked.Increment(ref _next);
            return i < ids.Count ? ids[i] : null;
        }
    }
}
