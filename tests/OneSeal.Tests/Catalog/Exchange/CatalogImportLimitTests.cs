using System.Net;
using OneSeal.Platform.Database;
using OneSeal.Tests.Api;
using OneSeal.Tests.Infrastructure;

namespace OneSeal.Tests.Catalog.Exchange;

/// <summary>The import's caps, on an app with tiny limits: 40 KB per file, 2 items per file.</summary>
public abstract class CatalogImportLimitTests(OneSealFactory app) : CatalogExchangeTestBase(app)
{
    public static readonly IReadOnlyDictionary<string, string?> Settings = new Dictionary<string, string?>
    {
        ["Catalog:ImportMaxBytes"] = (40 * 1024).ToString(),
        ["Catalog:ImportMaxRows"] = "2",
    };

    [Fact]
    public async Task A_file_over_the_size_limit_is_413_naming_file()
    {
        using var response = await ImportAsync(new byte[50 * 1024]);
        await ShouldBeProblemAsync(response, HttpStatusCode.RequestEntityTooLarge, field: "file", rule: "max-size");
    }

    [Fact]
    public async Task More_items_than_the_row_cap_is_413_and_nothing_is_written()
    {
        var xlsx = TestWorkbook.Edit(await ExportAsync(), b => b.KeepItems("QS-XK-010", "QS-XK-011", "QS-XK-012"));
        xlsx.Length.ShouldBeLessThan(40 * 1024);
        var before = await VersionCountAsync();
        using var response = await ImportAsync(xlsx);
        await ShouldBeProblemAsync(response, HttpStatusCode.RequestEntityTooLarge, field: "file", rule: "max-size");
        (await VersionCountAsync()).ShouldBe(before);
    }

    [Fact]
    public async Task A_zip_bomb_is_refused_before_it_is_inflated()
    {
        // 8 MB of zeros squeeze into a few KB, far beyond the 50 × 40 KB a part may inflate to.
        var bomb = Zip(("[Content_Types].xml", new byte[10]), ("xl/worksheets/sheet1.xml", new byte[8 * 1024 * 1024]));
        bomb.Length.ShouldBeLessThan(40 * 1024);
        using var response = await ImportAsync(bomb);
        await ShouldBeProblemAsync(response, HttpStatusCode.RequestEntityTooLarge, field: "file", rule: "max-size");
    }
}

public sealed class ImportLimitSqliteApp() : OneSealFactory(DatabaseProvider.Sqlite, ApiApps.Options(CatalogImportLimitTests.Settings));
public sealed class ImportLimitPostgresApp() : OneSealFactory(DatabaseProvider.Postgres, ApiApps.Options(CatalogImportLimitTests.Settings));

[Trait("Provider", "Sqlite")]
public sealed class CatalogImportLimitTests_Sqlite(ImportLimitSqliteApp app) : CatalogImportLimitTests(app), IClassFixture<ImportLimitSqliteApp>;

[Trait("Provider", "Postgres")]
public sealed class CatalogImportLimitTests_Postgres(ImportLimitPostgresApp app) : CatalogImportLimitTests(app), IClassFixture<ImportLimitPostgresApp>;
