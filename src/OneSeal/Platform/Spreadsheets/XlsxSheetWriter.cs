using System.Globalization;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace OneSeal.Platform.Spreadsheets;

/// <summary>
/// Writes one worksheet row by row with the SDK's SAX-style <see cref="OpenXmlWriter"/>, so a sheet of any length is
/// never held as a DOM. Text is written as inline strings (escaped by <see cref="CellText"/>), numbers and nothing
/// else as numbers; no cell is ever a formula.
/// </summary>
public sealed class XlsxSheetWriter : IDisposable
{
    /// <summary>Style indexes of <see cref="XlsxStyles"/>.</summary>
    public const uint HeaderStyle = 1, KeyStyle = 2;

    private readonly OpenXmlWriter writer;
    private int row;

    public XlsxSheetWriter(WorksheetPart part, int frozenRows)
    {
        writer = OpenXmlWriter.Create(part);
        writer.WriteStartElement(new Worksheet());
        if (frozenRows > 0)
        {
            writer.WriteStartElement(new SheetViews());
            writer.WriteStartElement(new SheetView { WorkbookViewId = 0 });
            writer.WriteElement(new Pane
            {
                VerticalSplit = frozenRows, TopLeftCell = "A" + (frozenRows + 1), ActivePane = PaneValues.BottomLeft, State = PaneStateValues.Frozen,
            });
            writer.WriteEndElement();
            writer.WriteEndElement();
        }
        writer.WriteStartElement(new SheetData());
    }

    public void Row(IEnumerable<object?> values, uint style = 0)
    {
        row++;
        writer.WriteStartElement(new Row(), [new OpenXmlAttribute("r", "", row.ToString(CultureInfo.InvariantCulture))]);
        var column = 0;
        foreach (var value in values)
        {
            Cell(XlsxColumns.Letter(column++) + row.ToString(CultureInfo.InvariantCulture), value, style);
        }
        writer.WriteEndElement();
    }

    private void Cell(string reference, object? value, uint style)
    {
        if (value is null) return;
        var attributes = new List<OpenXmlAttribute> { new("r", "", reference) };
        if (style != 0) attributes.Add(new("s", "", style.ToString(CultureInfo.InvariantCulture)));
        switch (value)
        {
            case int or long or decimal or double:
                writer.WriteStartElement(new Cell(), attributes);
                writer.WriteElement(new CellValue(Convert.ToString(value, CultureInfo.InvariantCulture) ?? "0"));
                break;
            case bool flag:
                // 是/否 rather than TRUE/FALSE: what the bureau's staff write by hand; the import reads both.
                attributes.Add(new("t", "", "inlineStr"));
                writer.WriteStartElement(new Cell(), attributes);
                writer.WriteElement(new InlineString(new Text(flag ? "是" : "否")));
                break;
            default:
                var text = Convert.ToString(value, CultureInfo.InvariantCulture) ?? "";
                if (text.Length == 0) return;
                attributes.Add(new("t", "", "inlineStr"));
                writer.WriteStartElement(new Cell(), attributes);
                writer.WriteElement(new InlineString(new Text(CellText.Escape(text)) { Space = SpaceProcessingModeValues.Preserve }));
                break;
        }
        writer.WriteEndElement();
    }

    public void Dispose()
    {
        writer.WriteEndElement(); // sheetData
        writer.WriteEndElement(); // worksheet
        writer.Close();
    }
}

/// <summary>The workbook's three cell styles: default, bold header (row 1), grey machine keys (row 2).</summary>
public static class XlsxStyles
{
    public static Stylesheet Create() => new(
        new Fonts(
            new Font(new FontSize { Val = 11 }),
            new Font(new Bold(), new FontSize { Val = 11 }),
            new Font(new FontSize { Val = 9 }, new Color { Rgb = "FF808080" })) { Count = 3 },
        new Fills(new Fill(new PatternFill { PatternType = PatternValues.None }), new Fill(new PatternFill { PatternType = PatternValues.Gray125 })) { Count = 2 },
        new Borders(new Border(new LeftBorder(), new RightBorder(), new TopBorder(), new BottomBorder(), new DiagonalBorder())) { Count = 1 },
        new CellFormats(
            new CellFormat { FontId = 0, FillId = 0, BorderId = 0 },
            new CellFormat { FontId = 1, FillId = 0, BorderId = 0, ApplyFont = true },
            new CellFormat { FontId = 2, FillId = 0, BorderId = 0, ApplyFont = true }) { Count = 3 });
}
