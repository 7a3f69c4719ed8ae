using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using OneSeal.Platform.Database;
using OneSeal.Tests.Infrastructure;
using Xunit.Abstractions;

namespace OneSeal.Tests.Catalog.Exchange;

/// <summary>
/// Imports a generated workbook of new items and reports the time (docs/benchmarks.md). Not a timed test: in the suite
/// it imports 40 items and checks they all became drafts; the measurement of record sets ONESEAL_MEASURE_IMPORT, e.g.
/// <c>ONESEAL_MEASURE_IMPORT=10000 dotnet test tests/OneSeal.Tests --filter FullyQualifiedName~ImportMeasurement</c>.
/// </summary>
public abstract class ImportMeasurement(OneSealFactory app, ITestOutputHelper output) : CatalogExchangeTestBase(app)
{
    [Fact]
    public async Task Import_a_generated_workbook_and_report_the_time()
    {
        if (!int.TryParse(Environment.GetEnvironmentVariable("ONESEAL_MEASURE_IMPORT"), out var count)) count = 40;
        var xlsx = await InDb(db => LargeWorkbook.GenerateAsync(db, count));
        var clock = Stopwatch.StartNew();
        using var response = await ImportAsync(xlsx);
        clock.Stop();
        await ShouldBeAsync(response, HttpStatusCode.OK);
        var result = await response.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>();
        result.GetProperty("created").GetInt32().ShouldBe(count);
        output.WriteLine($"{Provider}: imported {count} items ({xlsx.Length / 1024} KB) in {clock.Elapsed.TotalSeconds:F1} s");
    }
}

[Trait("Provider", "Sqlite")]
public sealed class ImportMeasurement_Sqlite(SqliteApp app, ITestOutputHelper output) : ImportMeasurement(app, output), IClassFixture<SqliteApp>;

[Trait("Provider", "Postgres")]
public sealed class ImportMeasurement_Postgres(PostgresApp app, ITestOutputHelper output) : ImportMeasurement(app, output), IClassFixture<PostgresApp>;
