using OneSeal.Platform.Spreadsheets;
using System.Globalization;

namespace OneSeal.Catalog.Exchange;

/// <summary>
/// A data row of one sheet, read by column key: unescapes text (<see cref="CellText"/>), parses numbers and yes/no,
/// and records an <see cref="ImportError"/> for each cell that cannot be read (a formula, a non-number ...).
/// </summary>
internal sealed class SheetRow(string sheet, XlsxRow row, SheetColumns columns, ImportErrors errors)
{
    public int Number => row.Number;
    public string Sheet => sheet;

    public string? Text(string key)
    {
        var index = columns.IndexOf(key);
        if (!row.Cells.TryGetValue(index, out var cell)) return null;
        if (cell.IsFormula)
        {
            Fail(key, null, "formula", "单元格含有公式，请只填写值（导入不计算公式）。");
            return null;
        }
        var text = CellText.Unescape(cell.Text);
        return text.Length == 0 ? null : text;
    }

    public int? Int(string key)
    {
        var value = Decimal(key, "integer", "应为整数");
        if (value is null) return null;
        if (value != decimal.Truncate(value.Value) || value is > int.MaxValue or < int.MinValue)
        {
            Fail(key, null, "integer", $"“{value}”应为整数。");
            return null;
        }
        return (int)value.Value;
    }

    public decimal? Decimal(string key) => Decimal(key, "number", "应为数字");

    private decimal? Decimal(string key, string rule, string should)
    {
        var text = Text(key)?.Trim();
        if (text is null) return null;
        if (decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d)) return d;
        Fail(key, null, rule, $"“{text}”{should}。");
        return null;
    }

    public bool Bool(string key)
    {
        var text = Text(key)?.Trim();
        switch (text?.ToLowerInvariant())
        {
            case null or "否" or "false" or "0" or "n" or "no": return false;
            case "是" or "true" or "1" or "y" or "yes": return true;
            default:
                Fail(key, null, "boolean", $"“{text}”应为“是”或“否”。");
                return false;
        }
    }

    /// <summary>Records an error on this row's cell <paramref name="key"/> (or on the row when the key is null).</summary>
    public void Fail(string? key, string? field, string rule, string message) =>
        errors.Add(sheet, row.Number, key is null ? null : columns.IndexOf(key), key is null ? null : columns.HeaderOf(key), field ?? key, rule, message);
}

/// <summary>The columns of a sheet as found in its key row (row 2): key → index and Chinese header.</summary>
internal sealed class SheetColumns(Dictionary<string, int> indexes, Dictionary<string, string> headers)
{
    public int IndexOf(string key) => indexes.TryGetValue(key, out var i) ? i : -1;
    public string? HeaderOf(string key) => headers.GetValueOrDefault(key);
}

/// <summary>The errors of one import, with the cells already reported (so a rule does not repeat a cell's parse error).</summary>
internal sealed class ImportErrors
{
    private readonly HashSet<(string, int, int)> cells = [];
    public List<ImportError> List { get; } = [];

    public void Add(string sheet, int row, int? column, string? header, string? field, string rule, string message)
    {
        if (column is >= 0) cells.Add((sheet, row, column.Value));
        List.Add(new ImportError(sheet, row, column is >= 0 ? ExchangeColumns.Letter(column.Value) : null, header, field, rule, message));
    }

    public bool Reported(string sheet, int row, int column) => cells.Contains((sheet, row, column));
}
