namespace OneSeal.Organisation.Regions;

/// <summary>Reading a 12-digit region code: its level and its parent follow from the zeros at its end.</summary>
public static class RegionCodes
{
    public const int Length = 12;

    /// <summary>
    /// The 12-digit form of <paramref name="code"/>: a 6-digit county code (what agencies entered before the region tree
    /// existed carry) gains six zeros; anything else that is not 12 digits is null.
    /// </summary>
    public static string? Normalise(string? code)
    {
        var c = code?.Trim();
        if (c is null || !c.All(char.IsAsciiDigit)) return null;
        return c.Length switch { 6 => c + "000000", Length => c, _ => null };
    }

    /// <summary>The level a well-formed 12-digit code names; null when it is not one (a province or city code, ends in 00 at the county).</summary>
    public static RegionLevel? LevelOf(string code)
    {
        if (code.Length != Length || code[4..6] == "00") return null;
        if (code[6..] == "000000") return RegionLevel.County;
        if (code[6..9] == "000") return null;
        return code[9..] == "000" ? RegionLevel.Township : RegionLevel.Village;
    }

    /// <summary>The code of the region above: the county of a township, the township of a village.</summary>
    public static string? ParentOf(string code) => LevelOf(code) switch
    {
        RegionLevel.Township => code[..6] + "000000",
        RegionLevel.Village => code[..9] + "000",
        _ => null,
    };

    /// <summary>
    /// The digits every code inside <paramref name="code"/>'s region starts with (a county 6, a township 9, a village all
    /// 12); null for a code that names no level, which then holds nothing beyond itself.
    /// </summary>
    public static string? Area(string? code) => Normalise(code) is { } c ? LevelOf(c) switch
    {
        RegionLevel.County => c[..6],
        RegionLevel.Township => c[..9],
        RegionLevel.Village => c,
        _ => null,
    } : null;

    /// <summary>Whether <paramref name="code"/> lies in the region <paramref name="region"/> or is that region.</summary>
    public static bool Within(string? region, string? code) =>
        Area(region) is { } area && Normalise(code) is { } c && c.StartsWith(area, StringComparison.Ordinal);

    public static string Label(RegionLevel level) => level switch
    {
        RegionLevel.County => "县（市、区）",
        RegionLevel.Township => "乡镇（街道）",
        RegionLevel.Village => "村（社区）",
        _ => level.ToString(),
    };
}
