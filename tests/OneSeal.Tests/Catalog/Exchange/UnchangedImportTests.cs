using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using OneSeal.Catalog;
using OneSeal.Platform.Time;
using OneSeal.Tests.Infrastructure;
using Item = OneSeal.Catalog.Item;

namespace OneSeal.Tests.Catalog.Exchange;

/// <summary>
/// Issue 8 defect 9: importing the whole catalog export back unchanged made one empty draft per item (70), and those
/// drafts then refused every transfer ("有未发布的草稿"). Its own database: it imports every item in force.
/// </summary>
public abstract class UnchangedImportTests(OneSealFactory app) : CatalogExchangeTestBase(app)
{
    [Fact]
    public async Task Defect09_importing_an_unchanged_export_creates_no_drafts_and_a_transfer_still_works()
    {
        var versionsBefore = await VersionCountAsync();
        var export = await ExportAsync();

        using (var response = await ImportAsync(export))
        {
            await ShouldBeAsync(response, HttpStatusCode.OK);
            var result = await response.Content.ReadFromJsonAsync<JsonElement>();
            var items = result.GetProperty("items").GetInt32();
            items.ShouldBeGreaterThanOrEqualTo(70);
            result.GetProperty("unchanged").GetInt32().ShouldBe(items);
            result.GetProperty("created").GetInt32().ShouldBe(0);
            result.GetProperty("updated").GetInt32().ShouldBe(0);
        }
        (await VersionCountAsync()).ShouldBe(versionsBefore);
        (await InDb(db => db.Set<Item>().CountAsync(i => i.Status == ItemVersionStatus.Draft || i.Status == ItemVersionStatus.InReview))).ShouldBe(0);

        // The item named in the report moves to the bureau as if nothing had been imported.
        using (var transfer = await (await As("admin")).PostAsJsonAsync("/api/v1/transfers", new
        {
            documentNumber = Unique("青审改发〔2026〕"), title = "关于划转城市道路占用、挖掘修复费征收的通知",
            effectiveOn = LegalDates.Today(TimeProvider.System).ToString("yyyy-MM-dd"), items = new[] { new { code = "QS-ZS-001" } },
        }))
            await ShouldBeAsync(transfer, HttpStatusCode.Created);

        // A changed item in the same file still becomes a draft; the others stay as they are.
        var changed = TestWorkbook.Edit(export, b => b.Set("items", b.RowOf("items", "code", "QS-XK-039"), "phone", "0796-7230039"));
        using (var again = await ImportAsync(changed))
        {
            await ShouldBeAsync(again, HttpStatusCode.OK);
            var result = await again.Content.ReadFromJsonAsync<JsonElement>();
            result.GetProperty("updated").GetInt32().ShouldBe(2);   // QS-XK-039, and QS-ZS-001 whose export predates its transfer
            result.GetProperty("unchanged").GetInt32().ShouldBe(result.GetProperty("items").GetInt32() - 2);
        }
        var drafts = await InDb(db => db.Set<Item>().Where(i => i.Status == ItemVersionStatus.Draft).Select(i => i.Code).OrderBy(c => c).ToListAsync());
        drafts.ShouldBe(["QS-XK-039", "QS-ZS-001"]);
    }
}

[Trait("Provider", "Sqlite")]
public sealed class UnchangedImportTests_Sqlite(SqliteApp app) : UnchangedImportTests(app), IClassFixture<SqliteApp>;

[Trait("Provider", "Postgres")]
public sealed class UnchangedImportTests_Postgres(PostgresApp app) : UnchangedImportTests(app), IClassFixture<PostgresApp>;
