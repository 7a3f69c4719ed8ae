namespace OneSeal.Platform.Http;

/// <summary>
/// Text that no column can hold on both databases: PostgreSQL refuses NUL in <c>text</c>, and a lone UTF-16 surrogate
/// has no UTF-8 form at all. Every text input is checked against these rules before it reaches a command or storage.
/// </summary>
public static class TextRules
{
    public const string InvalidCharacters = "text-characters";

    /// <summary>The Chinese message for <see cref="InvalidCharacters"/>, naming <paramref name="field"/>.</summary>
    public static string Message(string field) => $"{field} 含有不允许的字符（空字符 NUL 或不成对的 UTF-16 代理项）。";

    public static bool IsClean(string? value)
    {
        if (value is null) return true;
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (c == '\0') return false;
            if (char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1])) { i++; continue; }
            if (char.IsSurrogate(c)) return false;
        }
        return true;
    }

    /// <summary>The value without NUL and lone surrogates (for pages, where a browser never sends them and a field message would puzzle).</summary>
    public static string Clean(string value)
    {
        if (IsClean(value)) return value;
        var s = new System.Text.StringBuilder(value.Length);
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1])) { s.Append(c).Append(value[++i]); continue; }
            if (c != '\0' && !char.IsSurrogate(c)) s.Append(c);
        }
        return s.ToString();
    }

    /// <summary>Throws a 400 naming <paramref name="field"/> unless the value is clean.</summary>
    public static string? Ensure(string field, string? value) =>
        IsClean(value) ? value : throw new InvalidInputException(field, InvalidCharacters, Message(field));

    /// <summary>
    /// A bounded, storable prefix of free text that is recorded, not judged (the audit trail keeps what a stranger typed,
    /// but never more than its column and never a byte PostgreSQL refuses).
    /// </summary>
    public static string Prefix(string value, int max)
    {
        var clean = Clean(value);
        if (clean.Length <= max) return clean;
        var cut = max - 1;
        if (cut > 0 && char.IsHighSurrogate(clean[cut - 1])) cut--;
        return clean[..cut] + "…";
    }
}
