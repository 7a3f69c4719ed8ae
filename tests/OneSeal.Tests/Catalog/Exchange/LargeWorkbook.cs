using OneSeal.Platform.Spreadsheets;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Microsoft.EntityFrameworkCore;
using OneSeal.Catalog.Exchange;
using OneSeal.Catalog.Versions;
using OneSeal.Organisation;
using OneSeal.Platform.Database;
using Item = OneSeal.Catalog.Item;

namespace OneSeal.Tests.Catalog.Exchange;

/// <summary>
/// Generates an import workbook of <c>count</c> new items (codes BENCH-00000 …), each a copy of a demo item in force,
/// streamed with the product's own sheet writer: the input of the import measurement in docs/benchmarks.md.
/// </summary>
public static class LargeWorkbook
{
    public static async Task<byte[]> GenerateAsync(OneSealDb db, int count, string prefix = "BENCH")
    {
        var today = OneSeal.Platform.Time.LegalDates.Today(TimeProvider.System);
        var templates = await ItemVersions.WithLists(db.Set<Item>().AsNoTracking().InForce(db, today)).OrderBy(i => i.Code).ToListAsync();
        var agencies = await db.Set<Agency>().AsNoTracking().ToDictionaryAsync(a => a.Id, a => a.Code);
        var items = Enumerable.Range(0, count).Select(i =>
        {
            var copy = ItemVersions.CopyAsDraft(templates[i % templates.Count], 1, DateTimeOffset.UnixEpoch, null);
            copy.Code = $"{prefix}-{i:D5}";
            return copy;
        }).ToList();

        using var stream = new MemoryStream();
        using (var document = SpreadsheetDocument.Create(stream, DocumentFormat.OpenXml.SpreadsheetDocumentType.Workbook))
        {
            var workbook = document.AddWorkbookPart();
            workbook.AddNewPart<WorkbookStylesPart>().Stylesheet = XlsxStyles.Create();
            var sheets = new Sheets();
            Sheet(workbook, sheets, ExchangeColumns.ItemsSheet, ExchangeColumns.Items, items.Select(i => new ItemRow(i, agencies)));
            Sheet(workbook, sheets, ExchangeColumns.MaterialsSheet, ExchangeColumns.Materials, items.SelectMany(i => i.Materials.Select(m => new MaterialRow(i.Code, m))));
            Sheet(workbook, sheets, ExchangeColumns.FormFieldsSheet, ExchangeColumns.FormFields, items.SelectMany(i => i.FormFields.Select(f => new FormFieldRow(i.Code, f))));
            workbook.Workbook = new Workbook(sheets);
        }
        return stream.ToArray();
    }

    private static void Sheet<T>(WorkbookPart workbook, Sheets sheets, string name, IReadOnlyList<ExchangeColumn<T>> columns, IEnumerable<T> rows)
    {
        var part = workbook.AddNewPart<WorksheetPart>();
        using (var w = new XlsxSheetWriter(part, frozenRows: 2))
        {
            w.Row(columns.Select(c => c.Header));
            w.Row(columns.Select(c => c.Key));
            foreach (var row in rows) w.Row(columns.Select(c => c.Get(row)));
        }
        sheets.Append(new Sheet { Id = workbook.GetIdOfPart(part), SheetId = (uint)sheets.ChildElements.Count + 1, Name = name });
    }
}
