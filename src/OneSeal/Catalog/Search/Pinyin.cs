using System.Text;

namespace OneSeal.Catalog.Search;

/// <summary>
/// Toneless Mandarin readings of the CJK Unified Ideographs and Extension A, from <c>Data/pinyin.txt</c>
/// (generated from Unihan's kMandarin by tools/pinyin; the first reading only, ü written v).
/// </summary>
public static class Pinyin
{
    private const int First = 0x3400;
    private const int Last = 0x9FFF;

    private static readonly Lazy<(string[] Syllables, ushort[] Index)> Table = new(Load);

    /// <summary>The reading of <paramref name="codePoint"/> ("shi" for 食), or null when it is not a Han character of those blocks.</summary>
    public static string? Of(int codePoint)
    {
        if (codePoint is < First or > Last) return null;
        var (syllables, index) = Table.Value;
        var n = index[codePoint - First];
        return n == 0 ? null : syllables[n - 1];
    }

    /// <summary>A CJK ideograph (the unified blocks, their extensions and the compatibility block), with or without a reading.</summary>
    public static bool IsHan(int codePoint) => codePoint is >= 0x3400 and <= 0x4DBF or >= 0x4E00 and <= 0x9FFF
        or >= 0xF900 and <= 0xFAFF or >= 0x20000 and <= 0x3FFFF;

    private static (string[], ushort[]) Load()
    {
        using var stream = typeof(Pinyin).Assembly.GetManifestResourceStream("OneSeal.Catalog.Search.Data.pinyin.txt")
            ?? throw new InvalidOperationException("Catalog/Search/Data/pinyin.txt is not embedded");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        var syllables = new List<string>();
        var index = new ushort[Last - First + 1];
        while (reader.ReadLine() is { } line)
        {
            if (line.Length == 0 || line[0] == '#') continue;
            var tab = line.IndexOf('\t');
            syllables.Add(line[..tab]);
            foreach (var rune in line.AsSpan(tab + 1).EnumerateRunes())
                index[rune.Value - First] = (ushort)syllables.Count;
        }
        return (syllables.ToArray(), index);
    }
}
