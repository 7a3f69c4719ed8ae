using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using OneSeal.Platform.Database;

namespace OneSeal.Benchmarks;

/// <summary>
/// <see cref="OneSeal.Catalog.CatalogQueries.SearchAsync"/> over the generated 10,000-item catalog in a SQLite file,
/// one query of the mix per case (the p95 of the whole mix: <c>search-sqlite</c>, <see cref="SearchTiming"/>).
/// </summary>
[Config(typeof(Columns))]
[MemoryDiagnoser]
public class SearchBenchmarks
{
    private sealed class Columns : ManualConfig
    {
        // In-process: no generated project to restore and build (the package source here is a partial copy).
        public Columns()
        {
            // BENCH_SMOKE=1 (scripts/test.sh): one iteration per case, no pilot or warm-up — it checks the benchmark runs.
            var job = Environment.GetEnvironmentVariable("BENCH_SMOKE") == "1" ? Job.Dry : Job.Default;
            AddJob(job.WithToolchain(InProcessEmitToolchain.Instance));
            AddColumn(StatisticColumn.P95);
        }
    }

    private BenchCatalog _catalog = null!;

    [ParamsSource(nameof(Queries))]
    public string Query { get; set; } = "";

    public static IEnumerable<string> Queries => BenchCatalog.Queries;

    [GlobalSetup]
    public void Setup()
    {
        var file = BenchCatalog.DefaultSqliteFile;
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        _catalog = new BenchCatalog(DatabaseProvider.Sqlite, BenchCatalog.SqliteConnectionString(file));
        Console.WriteLine(_catalog.EnsureAsync().GetAwaiter().GetResult());
    }

    [Benchmark]
    public Task<int> Search() => _catalog.SearchAsync(Query);
}
