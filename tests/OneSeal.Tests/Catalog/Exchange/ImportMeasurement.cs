using System.Diagnostics;
using System.Net;
using OneSeal.Platform.Database;
using OneSeal.Tests.Infrastructure;
using Xunit.Abstractions;

namespace OneSeal.Tests.Catalog.Exchange;

/// <summary>
/// Measures importing a generated 10,000-item workbook once (docs/benchmarks.md). Not a timed test: it does nothing
/// unless ONESEAL_MEASURE_IMPORT is set, e.g.
/// <c>ONESEAL_MEASURE_IMPORT=10000 dotnet test tests/OneSeal.Tests --filter FullyQualifiedName~ImportMeasurement</c>.
/// </summary>
public abstract class ImportMeasurement(OneSealFactory app, ITestOutputHelper output) : CatalogExchangeTestBase(app)
{
    [Fact]
    public async Task Import_a_generated_workbook_and_report_the_time()
    {
        if (!int.TryParse(Environment.GetEnvironmentVariable("ONESEAL_MEASURE_IMPORT"), out var count)) return;
        var xlsx = await InDb(db => LargeWorkbook.GenerateAsync(db, count));
        var clock = Stopwatch.StartNew();
        using var response = await ImportAsync(xlsx);
        clock.Stop();
        await ShouldBeAsync(response, HttpStatusCode.OK);
        output.WriteLine($"{Provider}: imported {count} items ({xlsx.Length / 1024} KB) in {clock.Elapsed.TotalSeconds:F1} s");
    }
}

[Trait("Provider", "Sqlite")]
public sealed class ImportMeasurement_Sqlite(SqliteApp app, ITestOutputHelper output) : ImportMeasurement(app, output), IClassFixture<SqliteApp>;

[Trait("Provider", "Postgres")]
public sealed class ImportMeasurement_Postgres(PostgresApp app, ITestOutputHelper output) : ImportMeasurement(app, output), IClassFixture<PostgresApp>;
