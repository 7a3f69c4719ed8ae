using System.Diagnostics;
using System.Globalization;

namespace OneSeal.Benchmarks;

/// <summary>
/// The query mix timed as a whole (search-sqlite / search-pg): warm-up, then rounds that run every query of
/// <see cref="BenchCatalog.Queries"/> in a shuffled order; prints mean/p50/p95/p99 per query and for the mix.
/// </summary>
public static class SearchTiming
{
    public static async Task<int> RunAsync(BenchCatalog catalog, int rounds)
    {
        Console.WriteLine(await catalog.EnsureAsync());
        Console.WriteLine($"load average at the start: {LoadAverage()}");
        var queries = BenchCatalog.Queries;
        foreach (var q in queries) Console.WriteLine($"  {q,-14} → {await Matches(catalog, q)} matches");
        for (var i = 0; i < 20; i++)
            foreach (var q in queries) await catalog.SearchAsync(q); // warm-up: JIT, pools, caches

        var perQuery = queries.ToDictionary(q => q, _ => new List<double>());
        var random = new Random(1);
        for (var round = 0; round < rounds; round++)
        {
            foreach (var q in queries.OrderBy(_ => random.Next()))
            {
                var start = Stopwatch.GetTimestamp();
                await catalog.SearchAsync(q);
                perQuery[q].Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
            }
        }

        Console.WriteLine();
        Console.WriteLine($"{catalog.Provider}, {BenchCatalog.Size} items, {rounds} rounds of {queries.Length} queries (ms, page 1 of 20 with the total):");
        Console.WriteLine($"  {"query",-14} {"mean",7} {"p50",7} {"p95",7} {"p99",7} {"max",7}");
        foreach (var q in queries) Console.WriteLine($"  {q,-14} {Line(perQuery[q])}");
        var all = perQuery.Values.SelectMany(v => v).ToList();
        Console.WriteLine($"  {"ALL",-14} {Line(all)}");
        // The machine may be shared: CPU time per query (this process, all threads) shows the work itself, whatever the load.
        Console.WriteLine();
        Console.WriteLine("CPU time per query (ms, mean of 50 runs; wall time above includes waiting for a core):");
        var process = System.Diagnostics.Process.GetCurrentProcess();
        var cpu = new List<double>();
        foreach (var q in queries)
        {
            process.Refresh();
            var before = process.TotalProcessorTime;
            for (var i = 0; i < 50; i++) await catalog.SearchAsync(q);
            process.Refresh();
            var ms = (process.TotalProcessorTime - before).TotalMilliseconds / 50;
            cpu.Add(ms);
            Console.WriteLine($"  {q,-14} {F(ms),7}");
        }
        Console.WriteLine($"  {"max",-14} {F(cpu.Max()),7}");
        Console.WriteLine($"load average at the end: {LoadAverage()}");

        var p95 = Percentile(all, 0.95);
        Console.WriteLine(p95 <= 5 ? $"mix p95 {F(p95)} ms ≤ 5 ms: OK" : $"mix p95 {F(p95)} ms > 5 ms: TOO SLOW");
        return p95 <= 5 ? 0 : 1;
    }

    private static async Task<int> Matches(BenchCatalog catalog, string q)
    {
        await using var db = catalog.NewContext();
        return (await new OneSeal.Catalog.CatalogQueries(db, TimeProvider.System, catalog.Guides).SearchAsync(q, 1, 1, CancellationToken.None)).Total;
    }

    private static string Line(List<double> ms) =>
        $"{F(ms.Average()),7} {F(Percentile(ms, 0.50)),7} {F(Percentile(ms, 0.95)),7} {F(Percentile(ms, 0.99)),7} {F(ms.Max()),7}";

    private static double Percentile(List<double> values, double p)
    {
        var sorted = values.Order().ToList();
        var rank = (int)Math.Ceiling(p * sorted.Count) - 1;
        return sorted[Math.Clamp(rank, 0, sorted.Count - 1)];
    }

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";

    private static string F(double ms) => ms.ToString("F3", CultureInfo.InvariantCulture);
}
