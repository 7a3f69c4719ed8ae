namespace OneSeal.Platform.Spreadsheets;

/// <summary>
/// Keeps exported text from ever being read as a formula (CSV/DDE injection) when a cell is edited, re-saved or
/// turned into CSV: text starting with = + - @ tab, CR or an apostrophe gets one leading apostrophe prepended in the
/// value itself (a quotePrefix style would be lost on the way to CSV). The apostrophe is escaped too, so the rule is
/// exactly reversible: the import removes one leading apostrophe.
/// </summary>
public static class CellText
{
    private const char Quote = '\'';

    public static bool NeedsEscape(string text) => text.Length > 0 && text[0] is '=' or '+' or '-' or '@' or '\t' or '\r' or Quote;

    public static string Escape(string text) => NeedsEscape(text) ? Quote + text : text;

    public static string Unescape(string text) => text.Length > 0 && text[0] == Quote ? text[1..] : text;
}
