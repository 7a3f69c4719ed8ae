using System.Globalization;
using System.Text;

namespace OneSeal.Catalog.Search;

/// <summary>The search keys of one item, computed once when the item is saved (<see cref="SearchKeys.Build"/>).</summary>
/// <param name="Name">The name, normalised (<see cref="SearchKeys.Normalize"/>): "食品经营许可(新办)".</param>
/// <param name="Code">The code, normalised: "qs-xk-003".</param>
/// <param name="Initials">Pinyin initials of the Han characters, Latin letters and digits kept: "spjyxkxb".</param>
/// <param name="Pinyin">Full pinyin without tones or spaces, Latin letters and digits kept: "shipinjingyingxukexinban".</param>
/// <param name="Terms">The index terms (<c>item_search_terms.term</c>): one tag byte and a UTF-8 suffix of a key; the tag is
/// upper case for the suffix that is the whole key (it starts the key), lower case for the others.</param>
public sealed record ItemSearchText(string Name, string Code, string Initials, string Pinyin, IReadOnlyList<byte[]> Terms);

/// <summary>
/// A parsed search query: the normalised text and the index ranges that find every item containing it
/// (docs/decisions/0005-chinese-search.md).
/// </summary>
/// <param name="Text">The query normalised like the names and codes.</param>
/// <param name="Initials">The query as pinyin initials, when it is matched against initials (ASCII or mixed queries), else null.</param>
/// <param name="Pinyin">The query as full pinyin, when it is matched against pinyin, else null.</param>
/// <param name="MatchesCode">Whether the query is also matched against codes (queries without Han characters).</param>
/// <param name="Ranges">Byte ranges [From, To) of <c>item_search_terms.term</c>; an item matches when one of its terms is in one of them.</param>
/// <param name="Exact">Terms that are a whole key equal to the query (rank 0); a term in a range with an upper-case tag starts its key (rank 1).</param>
/// <param name="NeedsCheck">A part of the query was longer than the indexed suffixes: the candidates must be checked with a substring test.</param>
public sealed record SearchQuery(string Text, string? Initials, string? Pinyin, bool MatchesCode,
    IReadOnlyList<(byte[] From, byte[] To)> Ranges, IReadOnlyList<byte[]> Exact, bool NeedsCheck);

/// <summary>
/// Builds the search keys of an item and parses queries. The index is a "suffix B-tree": for each key of an item
/// (name, code, pinyin initials, full pinyin) the suffixes starting at each character (pinyin: at each syllable) are
/// stored, cut to a few characters, as byte strings <c>tag + UTF-8</c>. "Key contains q" is then "some suffix starts
/// with q": index range scans, the same on SQLite (BLOB) and PostgreSQL (bytea), both compared byte-wise. The tag of
/// the suffix that is the whole key is upper case ('N' &lt; 'n'), so "key starts with q" is a range too.
/// </summary>
public static class SearchKeys
{
    public const byte NameTag = (byte)'n';
    public const byte CodeTag = (byte)'c';
    public const byte InitialsTag = (byte)'i';
    public const byte PinyinTag = (byte)'p';

    /// <summary>The tag of a key's first suffix (the whole key): the upper-case letter, below every lower-case tag.</summary>
    public static byte Starting(byte tag) => (byte)(tag - 0x20);

    /// <summary>Every term below this one starts its key (an upper-case tag).</summary>
    public static readonly byte[] FirstLowerTag = [(byte)'a'];

    /// <summary>Indexed suffixes are cut to this many characters; longer queries are checked with a substring test.</summary>
    public const int NameChars = 12;
    public const int CodeChars = 16;
    public const int InitialsChars = 12;
    public const int PinyinChars = 24;

    /// <summary>Compatibility forms folded (NFKC: "（" → "(", full-width Latin and digits → ASCII), lower case, no white space or control characters.</summary>
    public static string Normalize(string? text)
    {
        if (string.IsNullOrEmpty(text)) return "";
        var folded = text.IsNormalized(NormalizationForm.FormKC) ? text : text.Normalize(NormalizationForm.FormKC);
        var sb = new StringBuilder(folded.Length);
        foreach (var rune in folded.EnumerateRunes())
        {
            if (Rune.IsWhiteSpace(rune) || Rune.IsControl(rune) || Rune.GetUnicodeCategory(rune) == UnicodeCategory.Format) continue;
            sb.Append(Rune.ToLowerInvariant(rune));
        }
        return sb.ToString();
    }

    /// <summary>
    /// Pinyin of a normalised text: each Han character with a reading gives its syllable (initials: its first letter);
    /// ASCII letters and digits are kept as they are; anything else (punctuation, Han characters without a reading,
    /// other scripts) is left out. <paramref name="starts"/> gets the index in the pinyin where each syllable or
    /// run of letters and digits begins.
    /// </summary>
    public static (string Initials, string Pinyin) Romanize(string normalized, List<int>? starts = null)
    {
        var initials = new StringBuilder(normalized.Length);
        var pinyin = new StringBuilder(normalized.Length * 4);
        var inLatinRun = false;
        foreach (var rune in normalized.EnumerateRunes())
        {
            if (rune.Value is >= 'a' and <= 'z' or >= '0' and <= '9')
            {
                if (!inLatinRun) starts?.Add(pinyin.Length);
                inLatinRun = true;
                initials.Append((char)rune.Value);
                pinyin.Append((char)rune.Value);
                continue;
            }
            inLatinRun = false;
            if (Search.Pinyin.Of(rune.Value) is { } syllable)
            {
                starts?.Add(pinyin.Length);
                initials.Append(syllable[0]);
                pinyin.Append(syllable);
            }
        }
        return (initials.ToString(), pinyin.ToString());
    }

    /// <summary>The keys and index terms of an item with this name and code.</summary>
    public static ItemSearchText Build(string name, string code)
    {
        var n = Normalize(name);
        var c = Normalize(code);
        var starts = new List<int>();
        var (initials, pinyin) = Romanize(n, starts);

        var terms = new HashSet<string>(StringComparer.Ordinal);
        AddSuffixes(terms, (char)NameTag, n, EveryCharacter(n), NameChars);
        AddSuffixes(terms, (char)CodeTag, c, EveryCharacter(c), CodeChars);
        AddSuffixes(terms, (char)InitialsTag, initials, EveryCharacter(initials), InitialsChars);
        AddSuffixes(terms, (char)PinyinTag, pinyin, starts, PinyinChars);
        var bytes = terms.Order(StringComparer.Ordinal).Select(t => Encoding.UTF8.GetBytes(t)).ToList();
        return new ItemSearchText(n, c, initials, pinyin, bytes);
    }

    /// <summary>Parses a query; null when it is empty after normalisation (then everything matches).</summary>
    public static SearchQuery? Parse(string? q)
    {
        var text = Normalize(q);
        if (text.Length == 0) return null;

        var hasHan = false;
        var asciiAlnum = true;
        var anyAsciiAlnum = false;
        foreach (var rune in text.EnumerateRunes())
        {
            hasHan |= Search.Pinyin.IsHan(rune.Value);
            var alnum = rune.Value is >= 'a' and <= 'z' or >= '0' and <= '9';
            asciiAlnum &= alnum;
            anyAsciiAlnum |= alnum;
        }

        var ranges = new List<(byte[], byte[])>();
        var exact = new List<byte[]>();
        var check = false;
        check |= AddRange(ranges, exact, NameTag, text, NameChars);
        string? initials = null, pinyin = null;
        if (!hasHan) check |= AddRange(ranges, exact, CodeTag, text, CodeChars);
        if (!hasHan && asciiAlnum)
        {
            // Letters and digits only: "spjy" (initials), "jingying" (full pinyin), "xk003" (code), "1+n" is a name.
            initials = pinyin = text;
        }
        else if (hasHan && anyAsciiAlnum)
        {
            // Mixed, best effort: "食品jy" → initials "spjy"; "食品jingying" → pinyin "shipinjingying".
            (initials, pinyin) = Romanize(text);
            if (initials.Length == 0) initials = pinyin = null;
        }
        if (initials is not null) check |= AddRange(ranges, exact, InitialsTag, initials, InitialsChars);
        if (pinyin is not null) check |= AddRange(ranges, exact, PinyinTag, pinyin, PinyinChars);
        return new SearchQuery(text, initials, pinyin, !hasHan, ranges, exact, check);
    }

    private static IEnumerable<int> EveryCharacter(string s)
    {
        for (var i = 0; i < s.Length; i++)
            if (!char.IsLowSurrogate(s[i])) yield return i;
    }

    private static void AddSuffixes(HashSet<string> terms, char tag, string key, IEnumerable<int> starts, int maxChars)
    {
        foreach (var start in starts) terms.Add((start == 0 ? (char)Starting((byte)tag) : tag) + Cut(key[start..], maxChars));
    }

    /// <summary>
    /// Adds the ranges of the terms starting with <c>tag + value</c>, for the key's first suffix and the others (value cut
    /// like the indexed suffixes), and the exact term when a whole key can be recognised; true when the value was cut.
    /// </summary>
    private static bool AddRange(List<(byte[], byte[])> ranges, List<byte[]> exact, byte tag, string value, int maxChars)
    {
        var prefix = Cut(value, maxChars);
        foreach (var t in new[] { Starting(tag), tag })
        {
            var from = new byte[1 + Encoding.UTF8.GetByteCount(prefix)];
            from[0] = t;
            Encoding.UTF8.GetBytes(prefix, from.AsSpan(1));
            // 0xFF never occurs in UTF-8, so prefix + 0xFF is above every term that starts with the prefix.
            var to = new byte[from.Length + 1];
            from.CopyTo(to, 0);
            to[^1] = 0xFF;
            ranges.Add((from, to));
            // A first suffix shorter than the cut is the whole key: equal to the query, it is an exact match.
            if (t != tag && value.Length < maxChars) exact.Add(from);
        }
        return prefix.Length < value.Length;
    }

    /// <summary>The first <paramref name="maxChars"/> UTF-16 units, never splitting a surrogate pair.</summary>
    private static string Cut(string s, int maxChars)
    {
        if (s.Length <= maxChars) return s;
        return char.IsHighSurrogate(s[maxChars - 1]) ? s[..(maxChars - 1)] : s[..maxChars];
    }
}
