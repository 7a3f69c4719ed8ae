using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using DocumentFormat.OpenXml.Spreadsheet;
using Item = OneSeal.Catalog.Item;
using Microsoft.EntityFrameworkCore;
using OneSeal.Catalog;
using OneSeal.Catalog.Exchange;
using OneSeal.Catalog.Versions;
using OneSeal.Platform.Audit;
using OneSeal.Platform.Database;
using OneSeal.Tests.Api;
using OneSeal.Tests.Infrastructure;

namespace OneSeal.Tests.Catalog.Exchange;

/// <summary>
/// <c>GET /api/v1/catalog/export</c> and <c>POST /api/v1/catalog/import</c> on the demo catalog. Tests that import
/// existing items each use items of their own (the class shares one database).
/// </summary>
public abstract class CatalogExchangeApiTests(OneSealFactory app) : CatalogExchangeTestBase(app)
{
    [Fact]
    public async Task The_export_has_every_sheet_with_chinese_headers_key_row_and_one_row_per_item()
    {
        using var book = TestWorkbook.Open(await ExportAsync());
        book.SheetNames.ShouldBe(["items", "materials", "formFields", "reference"]);
        book.RowTexts("items", 1)[..4].ShouldBe(["实施编码", "基本编码", "所属主项编码", "事项名称"]);
        book.RowTexts("items", 2).ShouldBe(ExchangeColumns.Items.Select(c => (string?)c.Key).ToList());
        book.RowTexts("materials", 2).ShouldBe(ExchangeColumns.Materials.Select(c => (string?)c.Key).ToList());
        book.RowTexts("formFields", 2).ShouldBe(ExchangeColumns.FormFields.Select(c => (string?)c.Key).ToList());

        var inForce = await InDb(db => db.Set<Item>().InForce(db, OneSeal.Platform.Time.LegalDates.Today(TimeProvider.System)).CountAsync());
        book.Data("items").Elements<Row>().Count().ShouldBe(inForce + 2);
        var row = book.RowOf("items", "code", "QS-XK-002");
        book.Get("items", row, "name").ShouldBe("个体工商户设立登记");
        book.Get("items", row, "steps")!.ShouldContain("Accept:");
        book.Get("items", row, "kind").ShouldNotBeNull();
        book.RowOf("materials", "itemCode", "QS-XK-002").ShouldBeGreaterThan(2);
        book.Data("reference").Descendants<Cell>().Select(TestWorkbook.Text).ShouldContain("机构");
        book.AllCells().Any(c => c.CellFormula is not null).ShouldBeFalse();
    }

    [Fact]
    public async Task Chief_and_monitor_may_export_others_may_not()
    {
        (await ExportAsync("chief")).Length.ShouldBeGreaterThan(0);
        (await ExportAsync("monitor")).Length.ShouldBeGreaterThan(0);
        using var clerk = await (await As("clerk")).GetAsync("/api/v1/catalog/export");
        await ShouldBeProblemAsync(clerk, HttpStatusCode.Forbidden, rule: "role");
    }

    [Fact]
    public async Task Only_an_administrator_may_import()
    {
        var before = await VersionCountAsync();
        using var response = await ImportAsync(await ExportAsync(), user: "chief");
        await ShouldBeProblemAsync(response, HttpStatusCode.Forbidden, rule: "role");
        (await VersionCountAsync()).ShouldBe(before);
    }

    [Fact]
    public async Task Re_importing_the_export_with_a_change_creates_drafts_equal_to_the_versions_in_force_but_for_the_change()
    {
        string[] codes = ["QS-XK-003", "QS-XK-004", "QS-XK-005", "QS-QT-001"];
        const string window = "综合受理区 B01 窗口";
        var xlsx = TestWorkbook.Edit(await ExportAsync(), b =>
        {
            b.KeepItems(codes);
            foreach (var code in codes) b.Set("items", b.RowOf("items", "code", code), "window", window);
        });
        using var response = await ImportAsync(xlsx, multipart: false);
        await ShouldBeAsync(response, HttpStatusCode.OK);
        var result = await response.Content.ReadFromJsonAsync<JsonElement>();
        result.GetProperty("items").GetInt32().ShouldBe(codes.Length);
        result.GetProperty("created").GetInt32().ShouldBe(0);
        result.GetProperty("updated").GetInt32().ShouldBe(codes.Length);
        result.GetProperty("unchanged").GetInt32().ShouldBe(0);

        await InDb(async db =>
        {
            foreach (var code in codes)
            {
                var versions = await ItemVersions.WithLists(db.Set<Item>().AsNoTracking()).Where(i => i.Code == code).ToListAsync();
                var published = versions.Where(v => v.Status == ItemVersionStatus.Published).MaxBy(v => v.Version)!;
                var draft = versions.Single(v => v.Status == ItemVersionStatus.Draft);
                draft.Version.ShouldBe(published.Version + 1);
                draft.Window.ShouldBe(window);
                published.Window = window;
                Content(draft).ShouldBe(Content(published), code);
            }
            (await db.Set<AuditEntry>().CountAsync(a => a.Action == "catalog.draft.import" && codes.Contains(a.EntityId))).ShouldBe(codes.Length);
            (await db.Set<AuditEntry>().CountAsync(a => a.Action == "catalog.import")).ShouldBeGreaterThan(0);
        });
    }

    [Fact]
    public async Task A_new_item_becomes_a_first_version_draft_and_formula_looking_text_survives_both_ways()
    {
        var code = "QS-NEW-" + Unique()[1..7].ToUpperInvariant();
        var xlsx = TestWorkbook.Edit(await ExportAsync(), b =>
        {
            b.KeepItems("QS-XK-006");
            var row = b.RowOf("items", "code", "QS-XK-006");
            b.Set("items", row, "code", code);
            b.Set("items", row, "name", "'=1+1");           // as exported: the import removes the one apostrophe
            b.Set("items", row, "intermediaryServices", "'+86");
            b.Set("items", row, "resultSample", "'-x");
            b.Set("items", row, "window", "'@SUM(A1)");
            foreach (var sheet in new[] { "materials", "formFields" })
                for (var r = 3; r < 200; r++)
                    if (b.Data(sheet).Elements<Row>().Any(x => x.RowIndex! == (uint)r)) b.Set(sheet, r, "itemCode", code);
        });
        using var response = await ImportAsync(xlsx);
        await ShouldBeAsync(response, HttpStatusCode.OK);
        (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("created").GetInt32().ShouldBe(1);

        var draft = await InDb(db => db.Set<Item>().SingleAsync(i => i.Code == code));
        (draft.Version, draft.Status).ShouldBe((1, ItemVersionStatus.Draft));
        (draft.Name, draft.IntermediaryServices, draft.ResultSample, draft.Window).ShouldBe(("=1+1", "+86", "-x", "@SUM(A1)"));

        using var book = TestWorkbook.Open(await ExportAsync(drafts: true));
        var exported = book.RowOf("items", "code", code);
        book.Get("items", exported, "name").ShouldBe("'=1+1");
        book.Get("items", exported, "intermediaryServices").ShouldBe("'+86");
        book.Get("items", exported, "resultSample").ShouldBe("'-x");
        book.Get("items", exported, "window").ShouldBe("'@SUM(A1)");
        book.AllCells().Any(c => c.CellFormula is not null).ShouldBeFalse();
    }

    [Fact]
    public async Task Errors_in_several_rows_are_each_listed_by_sheet_row_column_and_rule_and_nothing_is_written()
    {
        var xlsx = TestWorkbook.Edit(await ExportAsync(), b =>
        {
            b.KeepItems("QS-XK-007", "QS-XK-008", "QS-XK-009");
            b.Set("items", b.RowOf("items", "code", "QS-XK-007"), "promisedDays", "999");
            b.Set("items", b.RowOf("items", "code", "QS-XK-008"), "competentDepartment", "NO-SUCH-DEPT");
            b.Set("items", b.RowOf("items", "code", "QS-XK-009"), "steps", "Accept:10;Review 60");
            b.Set("items", b.RowOf("items", "code", "QS-XK-009"), "statutoryDays", "二十");
            b.Set("materials", b.RowOf("materials", "itemCode", "QS-XK-008"), "source", "Mars");
        });
        var before = await VersionCountAsync();
        using var response = await ImportAsync(xlsx);
        var problem = await ShouldBeProblemAsync(response, HttpStatusCode.BadRequest, rule: "import-invalid");
        var errors = problem.GetProperty("errors").EnumerateArray()
            .Select(e => (Sheet: e.GetProperty("sheet").GetString(), Row: e.GetProperty("row").GetInt32(), Column: e.GetProperty("column").GetString(),
                Header: e.GetProperty("header").GetString(), Rule: e.GetProperty("rule").GetString())).ToList();

        using var book = TestWorkbook.Open(xlsx);
        string Col(string sheet, string key) => ExchangeColumns.Letter(book.Column(sheet, key));
        errors.ShouldContain(("items", book.RowOf("items", "code", "QS-XK-007"), Col("items", "promisedDays"), "承诺时限（工作日）", "range"));
        errors.Any(e => e.Row == book.RowOf("items", "code", "QS-XK-008") && e.Column == Col("items", "competentDepartment") && e.Rule == "unknown-department").ShouldBeTrue(Describe(errors));
        errors.Any(e => e.Row == book.RowOf("items", "code", "QS-XK-009") && e.Column == Col("items", "steps") && e.Rule == "step-syntax").ShouldBeTrue(Describe(errors));
        errors.Any(e => e.Row == book.RowOf("items", "code", "QS-XK-009") && e.Column == Col("items", "statutoryDays") && e.Rule == "integer").ShouldBeTrue(Describe(errors));
        errors.Any(e => e.Sheet == "materials" && e.Row == book.RowOf("materials", "itemCode", "QS-XK-008") && e.Column == Col("materials", "source") && e.Rule == "unknown-value").ShouldBeTrue(Describe(errors));
        // A cell that could not be read is reported once, not again as "required" by the rules.
        errors.Count(e => e.Column == Col("items", "statutoryDays")).ShouldBe(1);
        (await VersionCountAsync()).ShouldBe(before);
    }

    [Fact]
    public async Task An_item_whose_draft_is_in_review_is_an_error_of_its_row_and_nothing_is_written()
    {
        const string code = "QS-XK-010";
        var xlsx = TestWorkbook.Edit(await ExportAsync(), b =>
        {
            b.KeepItems(code);
            b.Set("items", b.RowOf("items", "code", code), "phone", "0796-7239999");   // a change, so the import makes a draft
        });
        using (var first = await ImportAsync(xlsx)) await ShouldBeAsync(first, HttpStatusCode.OK);
        await InDb(async db =>
        {
            var draft = await db.Set<Item>().SingleAsync(i => i.Code == code && i.Status == ItemVersionStatus.Draft);
            draft.Status = ItemVersionStatus.InReview;
            await db.SaveChangesAsync();
        });
        var before = await VersionCountAsync();

        using var response = await ImportAsync(xlsx);

        var problem = await ShouldBeProblemAsync(response, HttpStatusCode.BadRequest, rule: "import-invalid");
        problem.GetProperty("errors").EnumerateArray().ShouldContain(e => e.GetProperty("rule").GetString() == "version-status");
        (await VersionCountAsync()).ShouldBe(before);
        (await InDb(db => db.Set<Item>().SingleAsync(i => i.Code == code && i.Status == ItemVersionStatus.InReview))).ShouldNotBeNull();
    }

    [Theory]
    [InlineData("text")]
    [InlineData("zip-without-workbook")]
    [InlineData("missing-sheet")]
    [InlineData("wrong-headers")]
    [InlineData("empty")]
    [InlineData("no-file")]
    public async Task A_malformed_file_is_refused_naming_file_and_nothing_is_written(string kind)
    {
        var export = kind is "missing-sheet" or "wrong-headers" ? await ExportAsync() : [];
        byte[] body = kind switch
        {
            "text" => Encoding.UTF8.GetBytes("code,name\nQS-1,食品\n"),
            "zip-without-workbook" => Zip(("hello.txt", new byte[100])),
            "missing-sheet" => RemoveSheet(export, "materials"),
            "wrong-headers" => TestWorkbook.Edit(export, b => b.Set("items", 2, "name", "title")),
            _ => [],
        };
        var before = await VersionCountAsync();
        using var response = kind == "no-file"
            ? await (await As("admin")).PostAsync("/api/v1/catalog/import", new MultipartFormDataContent { { new StringContent("x"), "other" } })
            : await ImportAsync(body);
        var rule = kind switch { "missing-sheet" => "missing-sheet", "wrong-headers" => "headers", "empty" or "no-file" => "required", _ => "not-xlsx" };
        await ShouldBeProblemAsync(response, HttpStatusCode.BadRequest, field: "file", rule: rule);
        (await VersionCountAsync()).ShouldBe(before);
    }

    private static string Describe<T>(IEnumerable<T> errors) => string.Join("\n", errors);

    private static byte[] RemoveSheet(byte[] xlsx, string sheet)
    {
        using var ms = new MemoryStream();
        ms.Write(xlsx);
        using (var doc = DocumentFormat.OpenXml.Packaging.SpreadsheetDocument.Open(ms, true))
        {
            var wb = doc.WorkbookPart!;
            var s = wb.Workbook.Sheets!.Elements<Sheet>().Single(x => x.Name == sheet);
            wb.DeletePart(s.Id!);
            s.Remove();
            wb.Workbook.Save();
        }
        return ms.ToArray();
    }

    /// <summary>Everything a guide says, lists in order, without ids, status and dates.</summary>
    private static string Content(Item i) => JsonSerializer.Serialize(new
    {
        i.Code, i.BasicCode, i.ParentCode, i.Name, i.Category, i.Kind, i.ServiceObject, i.Level, i.CompetentDepartmentId,
        i.ImplementingOrganisationId, i.EntrustedBodyId, i.SupervisingDepartmentId, i.StatutoryDays, i.PromisedDays, i.LegalBasis,
        i.LegalBasisText, i.Conditions, i.FeeCharged, i.FeeAmount, i.FeeStandard, i.FeeBasis, i.Visits, i.OnlineDepth, i.Appointment,
        i.ResultByPost, i.Tongban, i.ResultName, i.ResultTypeCode, i.ResultValidityYears, i.ResultSample, i.IntermediaryServices,
        i.Phone, i.ComplaintPhone, i.Window, i.CommitmentApproval, i.DeemedApprovalOnTimeout, i.ChangeNote,
        Materials = i.Materials.OrderBy(m => m.SortOrder).Select(m => new { m.Code, m.Name, m.Required, m.Tolerable, m.Description, m.Source, m.MaterialTypeCode, m.Form, m.Copies, m.LegalBasis, m.BlankForm, m.SortOrder }),
        FormFields = i.FormFields.OrderBy(f => f.SortOrder).Select(f => new { f.Key, f.Label, f.Type, f.Required, f.SortOrder }),
        Steps = i.Steps.OrderBy(s => s.SortOrder).Select(s => new { s.Kind, s.SharePercent, s.StopsClock, s.SortOrder }),
        Joint = i.JointDepartments.Select(j => j.AgencyId).Order(),
        Themes = i.Themes.Select(t => t.ThemeCode).Order(),
    });
}

/// <summary>Export, import and counting helpers of the exchange tests.</summary>
public abstract class CatalogExchangeTestBase(OneSealFactory app) : CaseApiTestBase(app)
{
    protected async Task<byte[]> ExportAsync(string user = "admin", bool drafts = false)
    {
        using var response = await (await As(user)).GetAsync("/api/v1/catalog/export" + (drafts ? "?drafts=true" : ""));
        await ShouldBeAsync(response, HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe(CatalogExport.ContentType);
        return await response.Content.ReadAsByteArrayAsync();
    }

    protected async Task<HttpResponseMessage> ImportAsync(byte[] xlsx, string user = "admin", bool multipart = true)
    {
        HttpContent content;
        if (multipart)
        {
            var file = new ByteArrayContent(xlsx);
            file.Headers.ContentType = new MediaTypeHeaderValue(CatalogExport.ContentType);
            content = new MultipartFormDataContent { { file, "file", "catalog.xlsx" } };
        }
        else
        {
            content = new ByteArrayContent(xlsx);
            content.Headers.ContentType = new MediaTypeHeaderValue(CatalogExport.ContentType);
        }
        return await (await As(user)).PostAsync("/api/v1/catalog/import", content);
    }

    protected Task<int> VersionCountAsync() => InDb(db => db.Set<Item>().CountAsync());

    protected static byte[] Zip(params (string Name, byte[] Content)[] entries)
    {
        using var ms = new MemoryStream();
        using (var zip = new ZipArchive(ms, ZipArchiveMode.Create, leaveOpen: true))
            foreach (var (name, content) in entries)
            {
                using var s = zip.CreateEntry(name, CompressionLevel.SmallestSize).Open();
                s.Write(content);
            }
        return ms.ToArray();
    }

}

[Trait("Provider", "Sqlite")]
public sealed class CatalogExchangeApiTests_Sqlite(SqliteApp app) : CatalogExchangeApiTests(app), IClassFixture<SqliteApp>;

[Trait("Provider", "Postgres")]
public sealed class CatalogExchangeApiTests_Postgres(PostgresApp app) : CatalogExchangeApiTests(app), IClassFixture<PostgresApp>;
