using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using OneSeal.Catalog;
using OneSeal.Catalog.Search;
using OneSeal.Organisation;
using OneSeal.Platform.Database;

namespace OneSeal.Benchmarks;

/// <summary>A database holding the generated catalog, migrated by the app's own runner and indexed by the app's own indexer.</summary>
public sealed class BenchCatalog(DatabaseProvider provider, string connectionString)
{
    public const int DefaultSize = 10_000;

    /// <summary>Items generated: 10,000, or <c>BENCH_CATALOG_SIZE</c> (the smoke run in scripts/test.sh uses a few hundred).</summary>
    public static readonly int Size = int.TryParse(Environment.GetEnvironmentVariable("BENCH_CATALOG_SIZE"), out var n) && n > 0 ? n : DefaultSize;
    private const string Marker = "BX-";

    /// <summary>
    /// The query mix: Chinese substrings (1 to 18 characters; "许可", "登记", "证" match a quarter to a third of the catalog),
    /// pinyin initials, full pinyin, codes, mixed, no match.
    /// </summary>
    public static readonly string[] Queries =
    [
        "食品", "许可", "经营许可", "食品经营许可", "道路货物运输经营许可", LongName(), "登记", "药", "证",
        "spjy", "jyxk", "dlys", "sp", "shipin", "jingying", "daoluhuowu", "xuke",
        "bx-xk", "00123", "食品jy", "不存在的事项",
    ];

    public DatabaseProvider Provider => provider;

    /// <summary>
    /// A whole generated name longer than the indexed suffixes (the range finds candidates, a substring test keeps them),
    /// from the default-size catalog: a smaller one may hold none (the query then finds nothing, which a smoke run allows).
    /// </summary>
    private static string LongName() => CatalogGenerator.Generate(DefaultSize).First(i => i.Name.Length > SearchKeys.NameChars + 4).Name;

    /// <summary>The SQLite file used by default: kept between runs (built again when missing).</summary>
    public static string DefaultSqliteFile => Path.Combine(Path.GetTempPath(), "oneseal-bench", $"catalog-{Size}-v1.db");

    public static string SqliteConnectionString(string file) => $"Data Source={file}";

    public OneSealDb NewContext()
    {
        var options = new DbContextOptionsBuilder<OneSealDb>();
        DatabaseSetup.Configure(options, provider, connectionString);
        if (Environment.GetEnvironmentVariable("ONESEAL_BENCH_SQL") == "1")
            options.LogTo(Console.WriteLine, [Microsoft.EntityFrameworkCore.Diagnostics.RelationalEventId.CommandExecuted]).EnableSensitiveDataLogging();
        return new OneSealDb(options.Options);
    }

    /// <summary>Migrates the database and, unless it already holds the generated catalog, fills it. Returns a line for the log.</summary>
    public async Task<string> EnsureAsync()
    {
        await using (var db = NewContext())
            await new MigrationRunner(db, NullLogger<MigrationRunner>.Instance).MigrateAsync();
        await using (var db = NewContext())
        {
            var have = await db.Set<Item>().CountAsync(i => i.Code.StartsWith(Marker));
            if (have == Size) return $"{provider}: the generated catalog ({Size} items) is already there";
            if (have > 0) throw new InvalidOperationException($"{provider}: the database holds {have} generated items, not {Size}: use an empty one");
        }

        var watch = Stopwatch.StartNew();
        var departments = Enumerable.Range(0, 12).Select(n => new Agency
        {
            Id = Guid.NewGuid(), Code = $"BXD{n:D2}", Name = $"基准测试县第{n + 1}部门", Kind = OrganisationKind.Department, RegionCode = "369999",
        }).ToList();
        var bureau = new Agency { Id = Guid.NewGuid(), Code = "BXBUREAU", Name = "基准测试县行政审批局", Kind = OrganisationKind.Bureau, RegionCode = "369999" };
        await using (var db = NewContext())
        {
            db.AddRange(departments);
            db.Add(bureau);
            await db.SaveChangesAsync();
        }

        foreach (var batch in CatalogGenerator.Generate(Size).Chunk(500))
        {
            await using var db = NewContext();
            foreach (var g in batch)
            {
                var item = new Item
                {
                    Id = Guid.NewGuid(), Code = g.Code, Name = g.Name, Category = g.Category, Kind = ItemKind.Promised,
                    ServiceObject = ServiceObject.Both, CompetentDepartmentId = departments[g.Department].Id,
                    ImplementingOrganisationId = bureau.Id, SupervisingDepartmentId = departments[g.Department].Id,
                    StatutoryDays = 20, PromisedDays = 5, LegalBasis = "《中华人民共和国行政许可法》", Conditions = "符合法定条件。",
                    Visits = 1, ResultName = "许可证", ResultTypeCode = "BX", Version = 1, Status = ItemVersionStatus.Published, EffectiveFrom = new DateOnly(2024, 1, 1),
                };
                db.Add(item);
                ItemSearchIndex.Add(db, item, inForce: true);
            }
            await db.SaveChangesAsync();
        }

        await using (var db = NewContext())
        {
            // Fresh statistics, as a running database would have them (SQLite: ANALYZE; PostgreSQL: autovacuum's ANALYZE).
            await db.Database.ExecuteSqlRawAsync(provider == DatabaseProvider.Sqlite ? "ANALYZE" : "VACUUM ANALYZE");
            var terms = await db.Set<ItemSearchTerm>().CountAsync();
            return $"{provider}: generated {Size} items and {terms} index terms in {watch.Elapsed.TotalSeconds:F1} s";
        }
    }

    /// <summary>The guide cache the app keeps as a singleton (searches do not use it).</summary>
    public OneSeal.Catalog.Guides.GuideCache Guides { get; } = new();

    /// <summary>One search as a request makes it: a new context (as per request scope), page 1 of 20.</summary>
    public async Task<int> SearchAsync(string q)
    {
        await using var db = NewContext();
        var (items, total) = await new CatalogQueries(db, TimeProvider.System, Guides).SearchAsync(q, 1, 20, CancellationToken.None);
        return total + items.Count;
    }
}
