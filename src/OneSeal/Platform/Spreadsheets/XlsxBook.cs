using System.IO.Compression;
using System.Xml;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using OneSeal.Platform.Http;

namespace OneSeal.Platform.Spreadsheets;

/// <summary>One cell as read: its text (shared and inline strings resolved, numbers as written), and whether it was a formula.</summary>
public sealed record XlsxCell(int Column, string Text, bool IsFormula);

/// <summary>A row that has at least one non-empty cell, with its number as Excel shows it.</summary>
public sealed record XlsxRow(int Number, IReadOnlyDictionary<int, XlsxCell> Cells);

/// <summary>Caps that keep a hostile file (zip bomb, billion rows) from exhausting the server.</summary>
public sealed record XlsxLimits(long MaxPartBytes, long MaxTotalBytes, int MaxRows);

/// <summary>
/// Reads the worksheets of an uploaded .xlsx one row at a time (<see cref="OpenXmlReader"/>; one row's DOM at most).
/// Before the SDK sees the file, the zip directory is checked: a part or the whole may not inflate beyond the limits
/// (declared sizes), and the SDK is told the same cap per part, so a lying directory fails on reading as well.
/// Anything that is not a readable workbook is a 400 naming <c>file</c>.
/// </summary>
public sealed class XlsxBook : IDisposable
{
    public const string ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    private readonly SpreadsheetDocument document;
    private readonly Dictionary<string, WorksheetPart> sheets = new(StringComparer.Ordinal);
    private readonly XlsxLimits limits;
    private List<string>? sharedStrings;

    private XlsxBook(SpreadsheetDocument document, XlsxLimits limits)
    {
        this.document = document;
        this.limits = limits;
    }

    public static XlsxBook Open(Stream seekable, XlsxLimits limits)
    {
        CheckZip(seekable, limits);
        seekable.Position = 0;
        SpreadsheetDocument document;
        try
        {
            document = SpreadsheetDocument.Open(seekable, false, new OpenSettings { MaxCharactersInPart = limits.MaxPartBytes });
        }
        catch (Exception e) when (e is OpenXmlPackageException or FileFormatException or InvalidDataException or XmlException or IOException or ArgumentException)
        {
            throw NotXlsx();
        }
        var book = new XlsxBook(document, limits);
        try
        {
            var workbook = document.WorkbookPart ?? throw NotXlsx();
            foreach (var sheet in workbook.Workbook.Sheets?.Elements<Sheet>() ?? [])
                if (sheet.Name?.Value is { } name && sheet.Id?.Value is { } id && workbook.TryGetPartById(id, out var part) && part is WorksheetPart ws)
                    book.sheets[name] = ws;
            return book;
        }
        catch (Exception e) when (e is not DomainException)
        {
            book.Dispose();
            throw NotXlsx();
        }
        catch
        {
            book.Dispose();
            throw;
        }
    }

    public static InvalidInputException NotXlsx() =>
        new("file", "not-xlsx", "文件不是有效的 Excel 工作簿（.xlsx）。请使用本系统导出的模板，并以 .xlsx 格式保存。");

    private static void CheckZip(Stream stream, XlsxLimits limits)
    {
        try
        {
            using var zip = new ZipArchive(stream, ZipArchiveMode.Read, leaveOpen: true);
            long total = 0;
            foreach (var entry in zip.Entries)
            {
                total += entry.Length;
                if (entry.Length > limits.MaxPartBytes || total > limits.MaxTotalBytes)
                    throw new TooLargeException("file", "工作簿解压后过大（可能是压缩炸弹），已拒绝。");
            }
        }
        catch (InvalidDataException) { throw NotXlsx(); }
    }

    public bool Has(string sheet) => sheets.ContainsKey(sheet);

    /// <summary>The worksheets' names in workbook order.</summary>
    public IReadOnlyList<string> SheetNames => [.. sheets.Keys];

    /// <summary>The non-empty rows of <paramref name="sheet"/>, in order; more than the row cap is a 413.</summary>
    public IEnumerable<XlsxRow> Rows(string sheet)
    {
        var part = sheets[sheet];
        var strings = SharedStrings();
        using var reader = OpenXmlReader.Create(part);
        var previous = 0;
        var count = 0;
        while (Read(reader))
        {
            if (reader.ElementType != typeof(Row) || !reader.IsStartElement) continue;
            var row = (Row)Load(reader);
            var number = (int)(row.RowIndex?.Value ?? (uint)previous + 1);
            previous = number;
            var cells = new Dictionary<int, XlsxCell>();
            var column = -1;
            foreach (var cell in row.Elements<Cell>())
            {
                column = cell.CellReference?.Value is { } r ? XlsxColumns.ColumnOf(r) : column + 1;
                var text = TextOf(cell, strings);
                var formula = cell.CellFormula is not null;
                if (text.Length > 0 || formula) cells[column] = new XlsxCell(column, text, formula);
            }
            if (cells.Count == 0) continue;
            if (++count > limits.MaxRows)
                throw new TooLargeException("file", $"工作表“{sheet}”超过 {limits.MaxRows} 行，请分成几个文件导入。");
            yield return new XlsxRow(number, cells);
        }
    }

    private static string TextOf(Cell cell, List<string> strings)
    {
        var type = cell.DataType?.Value;
        if (type == CellValues.InlineString) return cell.InlineString is { } inline ? Concat(inline) : "";
        var raw = cell.CellValue?.Text ?? "";
        if (type == CellValues.SharedString)
            return int.TryParse(raw, out var i) && i >= 0 && i < strings.Count ? strings[i] : "";
        return raw;
    }

    /// <summary>The text of a string item: plain text or rich-text runs; phonetic guides (rPh) are not part of the value.</summary>
    private static string Concat(OpenXmlElement item) =>
        string.Concat(item.Elements<Text>().Select(t => t.Text).Concat(item.Elements<Run>().Select(r => r.Text?.Text ?? "")));

    private List<string> SharedStrings()
    {
        if (sharedStrings is not null) return sharedStrings;
        sharedStrings = [];
        if (document.WorkbookPart?.SharedStringTablePart is not { } part) return sharedStrings;
        using var reader = OpenXmlReader.Create(part);
        while (Read(reader))
            if (reader.ElementType == typeof(SharedStringItem) && reader.IsStartElement)
                sharedStrings.Add(Concat(Load(reader)));
        return sharedStrings;
    }

    // A malformed or over-long part surfaces while reading: the same 400 as a file that does not open.
    private static bool Read(OpenXmlReader reader)
    {
        try { return reader.Read(); }
        catch (Exception e) when (e is XmlException or InvalidDataException or IOException or InvalidOperationException) { throw NotXlsx(); }
    }

    private static OpenXmlElement Load(OpenXmlReader reader)
    {
        try { return reader.LoadCurrentElement() ?? throw NotXlsx(); }
        catch (Exception e) when (e is XmlException or InvalidDataException or IOException or InvalidOperationException) { throw NotXlsx(); }
    }

    public void Dispose() => document.Dispose();
}
