using System.Globalization;

namespace OneSeal.LoadBench;

/// <summary>
/// Load benchmarks of the case lifecycle on PostgreSQL. Normally run by <c>bash scripts/bench.sh</c> (docs/benchmarks.md):
/// <code>
///   OneSeal.LoadBench prepare-transitions --connection CS [--cases 60000]
///   OneSeal.LoadBench transitions --connection CS [--seconds 30] [--workers 4] [--step-seconds 15] [--http-seconds 15]
///   OneSeal.LoadBench sweep --connection CS [--cases 1000000]
///   OneSeal.LoadBench pdf --connection CS [--seconds 20] [--workers 2] [--items 8]
///   OneSeal.LoadBench board --connection CS [--streams 50] [--calls 200]
///   OneSeal.LoadBench hall-day --connection CS [--visitors 30000] [--windows 100] [--streams 50] [--seconds 1200]
/// </code>
/// CS is an Npgsql connection string to a database of its own (created empty; the app's migrations and demo seed run first).
/// Lines starting with <c>RESULT </c> are for scripts/bench.sh.
/// </summary>
public static class LoadBenchMain
{
    public static async Task<int> Main(string[] args)
    {
        CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
        CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
        if (args.Length == 0 || args[0] is "-h" or "--help") return Usage();
        var options = Options.Parse(args[1..]);
        var connection = options.Get("connection") ?? Environment.GetEnvironmentVariable("ONESEAL_BENCH_PG");
        if (string.IsNullOrWhiteSpace(connection)) return Usage("--connection (or ONESEAL_BENCH_PG) is required");
        return args[0] switch
        {
            "prepare-transitions" => await TransitionsBench.PrepareAsync(connection, options.Int("cases", 60_000)),
            "transitions" => await TransitionsBench.RunAsync(connection, TimeSpan.FromSeconds(options.Int("seconds", 30)),
                options.Int("workers", 4), TimeSpan.FromSeconds(options.Int("step-seconds", 15)), TimeSpan.FromSeconds(options.Int("http-seconds", 15))),
            "sweep" => await SweepBench.RunAsync(connection, options.Int("cases", 1_000_000)),
            "pdf" => await Pdf.PdfBench.RunAsync(connection, TimeSpan.FromSeconds(options.Int("seconds", 20)), options.Int("workers", 2),
                options.Int("items", 8)),
            "board" => await Queue.BoardBench.RunAsync(connection, options.Int("streams", 50), options.Int("calls", 200)),
            "hall-day" => await Queue.HallDayBench.RunAsync(connection, options.Int("visitors", 30_000), options.Int("windows", 100),
                options.Int("streams", 50), options.Int("seconds", 1200)),
            _ => Usage($"unknown command {args[0]}"),
        };
    }

    private static int Usage(string? error = null)
    {
        if (error is not null) Console.Error.WriteLine(error);
        Console.Error.WriteLine("""
            usage: OneSeal.LoadBench prepare-transitions --connection CS [--cases 60000]
                   OneSeal.LoadBench transitions --connection CS [--seconds 30] [--workers 4] [--step-seconds 15] [--http-seconds 15]
                   OneSeal.LoadBench sweep --connection CS [--cases 1000000]
                   OneSeal.LoadBench pdf --connection CS [--seconds 20] [--workers 2] [--items 8]
                   OneSeal.LoadBench board --connection CS [--streams 50] [--calls 200]
                   OneSeal.LoadBench hall-day --connection CS [--visitors 30000] [--windows 100] [--streams 50] [--seconds 1200]
            """);
        return 2;
    }

    private sealed class Options(Dictionary<string, string> values)
    {
        public static Options Parse(string[] args)
        {
            var values = new Dictionary<string, string>(StringComparer.Ordinal);
            for (var i = 0; i < args.Length; i++)
            {
                if (!args[i].StartsWith("--", StringComparison.Ordinal) || i + 1 >= args.Length)
                    throw new ArgumentException($"expected --name value, got '{args[i]}'");
                values[args[i][2..]] = args[++i];
            }
            return new Options(values);
        }

        public string? Get(string name) => values.GetValueOrDefault(name);

        public int Int(string name, int fallback) =>
            values.TryGetValue(name, out var v) ? int.Parse(v, CultureInfo.InvariantCulture) : fallback;
    }
}

/// <summary>Output, flushed line by line (the script tees it).</summary>
public static class Out
{
    public static void Line(string text)
    {
        Console.Out.WriteLine(text);
        Console.Out.Flush();
    }
}
