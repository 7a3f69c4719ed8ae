using OneSeal.Platform.Http;

namespace OneSeal.Catalog.Guides;

/// <summary>
/// The public list's filters, all optional and combinable with the search text: department (an agency code, matching
/// the competent department or the implementing body), life-event theme code, category, level, kind and service object.
/// A service object of citizen or enterprise also lists the items that serve both (个人办事 includes them).
/// </summary>
public sealed record ItemFilter(
    string? Department = null, string? Theme = null, string? Category = null,
    AdministrativeLevel? Level = null, ItemKind? Kind = null, ServiceObject? ServiceObject = null)
{
    public static readonly ItemFilter None = new();

    public bool IsEmpty => this == None;

    /// <summary>
    /// The filter from query-string values (empty means "any"); values of fixed lists are checked here (400 naming the
    /// field); the theme and department are checked against the database by <see cref="CatalogQueries.SearchAsync"/>.
    /// </summary>
    public static ItemFilter Parse(string? department, string? theme, string? category, string? level, string? kind, string? serviceObject)
    {
        category = Blank(category);
        if (category is not null && !ItemCategories.IsKnown(category))
            throw new InvalidInputException("category", "unknown", $"没有“{category}”这一事项类别。");
        return new ItemFilter(
            Blank(department), Blank(theme), category,
            Enum<AdministrativeLevel>("level", level, "行使层级"),
            ParseKind(Blank(kind)),
            Enum<ServiceObject>("serviceObject", serviceObject, "服务对象"));
    }

    /// <summary>The filter as query-string pairs (for links that keep it), in a fixed order.</summary>
    public IEnumerable<KeyValuePair<string, string>> QueryPairs()
    {
        if (Department is not null) yield return new("department", Department);
        if (Theme is not null) yield return new("theme", Theme);
        if (Category is not null) yield return new("category", Category);
        if (Level is { } l) yield return new("level", l.ToString().ToLowerInvariant());
        if (Kind is { } k) yield return new("kind", ItemLabels.Api(k));
        if (ServiceObject is { } s) yield return new("serviceObject", s.ToString().ToLowerInvariant());
    }

    private static ItemKind? ParseKind(string? value) => value switch
    {
        null => null,
        "report-up" => ItemKind.ReportUp,
        _ => Enum<ItemKind>("kind", value, "办件类型"),
    };

    private static T? Enum<T>(string field, string? value, string label) where T : struct, Enum
    {
        value = Blank(value);
        if (value is null) return null;
        // Names only: a number would parse as any value of the enum.
        if (!value.All(char.IsAsciiLetter) || !System.Enum.TryParse<T>(value, ignoreCase: true, out var parsed))
            throw new InvalidInputException(field, "unknown", $"{label}“{value}”无效。");
        return parsed;
    }

    private static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}
