namespace OneSeal.Platform.Spreadsheets;

/// <summary>Column letters and cell references as Excel writes them.</summary>
public static class XlsxColumns
{
    /// <summary>Column letters as Excel shows them: 0 → A, 25 → Z, 26 → AA.</summary>
    public static string Letter(int index)
    {
        var s = "";
        for (var n = index + 1; n > 0; n = (n - 1) / 26) s = (char)('A' + (n - 1) % 26) + s;
        return s;
    }

    /// <summary>The 0-based column of a cell reference such as <c>AB12</c>, or -1.</summary>
    public static int ColumnOf(string? reference)
    {
        if (string.IsNullOrEmpty(reference)) return -1;
        var n = 0;
        foreach (var c in reference)
        {
            if (c is >= 'A' and <= 'Z') n = n * 26 + (c - 'A' + 1);
            else if (c is >= 'a' and <= 'z') n = n * 26 + (c - 'a' + 1);
            else break;
        }
        return n - 1;
    }
}
