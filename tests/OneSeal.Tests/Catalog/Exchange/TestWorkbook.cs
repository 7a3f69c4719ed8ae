using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using OneSeal.Catalog.Exchange;

namespace OneSeal.Tests.Catalog.Exchange;

/// <summary>
/// Reads and edits an exported workbook with the OpenXML SDK's DOM (fine for test-sized files): cells by sheet, row
/// number and column key (row 2), keeping only some items, appending rows. Edits are written as inline strings.
/// </summary>
public sealed class TestWorkbook : IDisposable
{
    private readonly MemoryStream stream;
    private readonly SpreadsheetDocument document;

    private TestWorkbook(byte[] bytes, bool editable)
    {
        stream = new MemoryStream();
        stream.Write(bytes);
        stream.Position = 0;
        document = SpreadsheetDocument.Open(stream, editable);
    }

    public static TestWorkbook Open(byte[] bytes) => new(bytes, editable: false);

    /// <summary>Applies <paramref name="edit"/> to a copy of <paramref name="xlsx"/> and returns the new bytes.</summary>
    public static byte[] Edit(byte[] xlsx, Action<TestWorkbook> edit)
    {
        using (var book = new TestWorkbook(xlsx, editable: true))
        {
            edit(book);
            foreach (var part in book.document.WorkbookPart!.WorksheetParts) part.Worksheet.Save();
            book.document.Dispose();
            return book.stream.ToArray();
        }
    }

    public IReadOnlyList<string> SheetNames => document.WorkbookPart!.Workbook.Sheets!.Elements<Sheet>().Select(s => s.Name!.Value!).ToList();

    public SheetData Data(string sheet)
    {
        var s = document.WorkbookPart!.Workbook.Sheets!.Elements<Sheet>().Single(x => x.Name == sheet);
        return ((WorksheetPart)document.WorkbookPart.GetPartById(s.Id!)).Worksheet.GetFirstChild<SheetData>()!;
    }

    public IEnumerable<Cell> AllCells() => SheetNames.SelectMany(s => Data(s).Descendants<Cell>());

    public List<string?> RowTexts(string sheet, int row) =>
        Data(sheet).Elements<Row>().Single(r => r.RowIndex! == (uint)row).Elements<Cell>().Select(Text).ToList();

    public int Column(string sheet, string key) => RowTexts(sheet, 2).IndexOf(key);

    public string? Get(string sheet, int row, string key)
    {
        var reference = ExchangeColumns.Letter(Column(sheet, key)) + row;
        return Data(sheet).Elements<Row>().Single(r => r.RowIndex! == (uint)row).Elements<Cell>().FirstOrDefault(c => c.CellReference == reference) is { } c ? Text(c) : null;
    }

    /// <summary>The first data row whose <paramref name="key"/> cell is <paramref name="value"/>.</summary>
    public int RowOf(string sheet, string key, string value)
    {
        var column = ExchangeColumns.Letter(Column(sheet, key));
        return (int)Data(sheet).Elements<Row>().First(r => r.RowIndex! >= 3 && r.Elements<Cell>().Any(c => c.CellReference == column + r.RowIndex && Text(c) == value)).RowIndex!.Value;
    }

    public void Set(string sheet, int row, string key, string? value)
    {
        var reference = ExchangeColumns.Letter(Column(sheet, key)) + row;
        var r = Data(sheet).Elements<Row>().Single(x => x.RowIndex! == (uint)row);
        var old = r.Elements<Cell>().FirstOrDefault(c => c.CellReference == reference);
        var cell = new Cell { CellReference = reference, DataType = CellValues.InlineString, InlineString = new InlineString(new Text(value ?? "")) };
        if (old is not null) r.ReplaceChild(cell, old);
        else
        {
            var after = r.Elements<Cell>().LastOrDefault(c => ExchangeColumns.ColumnOf(c.CellReference!) < ExchangeColumns.ColumnOf(reference));
            if (after is null) r.PrependChild(cell); else r.InsertAfter(cell, after);
        }
    }

    /// <summary>Removes the data rows of every item but <paramref name="codes"/> from the three data sheets (row numbers of the rest stay).</summary>
    public void KeepItems(params string[] codes)
    {
        Keep(ExchangeColumns.ItemsSheet, "code", codes);
        Keep(ExchangeColumns.MaterialsSheet, "itemCode", codes);
        Keep(ExchangeColumns.FormFieldsSheet, "itemCode", codes);
    }

    private void Keep(string sheet, string key, string[] codes)
    {
        var column = ExchangeColumns.Letter(Column(sheet, key));
        foreach (var row in Data(sheet).Elements<Row>().Where(r => r.RowIndex! >= 3).ToList())
            if (row.Elements<Cell>().FirstOrDefault(c => c.CellReference == column + row.RowIndex) is not { } cell || !codes.Contains(Text(cell)))
                row.Remove();
    }

    /// <summary>Copies data row <paramref name="row"/> of <paramref name="sheet"/> to a new last row and returns its number.</summary>
    public int CopyRow(string sheet, int row)
    {
        var data = Data(sheet);
        var last = data.Elements<Row>().Max(r => r.RowIndex!.Value) + 1;
        var copy = (Row)data.Elements<Row>().Single(r => r.RowIndex! == (uint)row).CloneNode(true);
        copy.RowIndex = last;
        foreach (var c in copy.Elements<Cell>()) c.CellReference = ExchangeColumns.Letter(ExchangeColumns.ColumnOf(c.CellReference!)) + last;
        data.Append(copy);
        return (int)last;
    }

    public static string? Text(Cell c) =>
        c.DataType?.Value == CellValues.InlineString ? c.InlineString?.InnerText : c.CellValue?.Text;

    public void Dispose()
    {
        document.Dispose();
        stream.Dispose();
    }
}
