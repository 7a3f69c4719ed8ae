namespace OneSeal.Catalog.Editing;

/// <summary>Collects the problems of one draft and reads its fields with the common rules (trim, length, range, enum, agency).</summary>
internal sealed class Problems
{
    public List<CatalogProblem> List { get; } = [];

    public void Add(string field, string rule, string message) => List.Add(new CatalogProblem(field, rule, message));

    /// <summary>Trimmed text or null; too long or with control characters is a problem. Markup is kept as text: pages encode it.</summary>
    public string? Text(string? value, string field, string label, int max)
    {
        var v = value?.Trim();
        if (string.IsNullOrEmpty(v)) return null;
        if (v.Length > max) Add(field, "max-length", $"{label}不能超过{max}个字符。");
        if (v.Any(c => char.IsControl(c) && c is not '\n' and not '\r' and not '\t')) Add(field, "control-character", $"{label}含有不可见的控制字符。");
        // Cut a too-long value without splitting a surrogate pair: a lone surrogate cannot be sent to the database.
        return v.Length <= max ? v : v[..(char.IsHighSurrogate(v[max - 1]) ? max - 1 : max)];
    }

    public string Required(string? value, string field, string label, int max)
    {
        var v = Text(value, field, label, max);
        if (v is null) Add(field, "required", $"请填写{label}。");
        return v ?? "";
    }

    public int? Range(int? value, string field, string label, int min, int max)
    {
        if (value is null) { Add(field, "required", $"请填写{label}。"); return null; }
        if (value < min || value > max) { Add(field, "range", $"{label}应在 {min} 到 {max} 之间。"); return null; }
        return value;
    }

    public T Enum<T>(string? value, string field, string label, T fallback, bool required = true) where T : struct, System.Enum
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            if (required) Add(field, "required", $"请填写{label}。");
            return fallback;
        }
        if (System.Enum.TryParse<T>(value.Trim(), ignoreCase: true, out var parsed) && System.Enum.IsDefined(parsed) && !int.TryParse(value, out _))
            return parsed;
        // The value to type (an API or xlsx client sends the name) with the Chinese name a person knows it by.
        Add(field, "unknown-value", $"{label}“{value}”无效，应为：{string.Join("、", System.Enum.GetValues<T>().Select(v => Chinese(v) is { } c ? $"{v}（{c}）" : v.ToString()))}。");
        return fallback;
    }

    private static string? Chinese(object value) => value switch
    {
        ItemKind k => ItemLabels.Of(k),
        ServiceObject s => ItemLabels.Of(s),
        ItemStepKind k => ItemLabels.Of(k),
        FormFieldType f => ItemLabels.Of(f),
        AdministrativeLevel l => Versions.ItemDiff.LevelLabel(l),
        TongbanScope t => Versions.ItemDiff.TongbanLabel(t),
        MaterialSource m => Versions.ItemDiff.SourceLabel(m),
        MaterialForm f => Versions.ItemDiff.FormLabel(f),
        _ => null,
    };

    public Guid? Agency(CatalogLookups lookups, string? code, string field, string label)
    {
        if (string.IsNullOrWhiteSpace(code)) { Add(field, "required", $"请填写{label}（机构代码）。"); return null; }
        var agency = lookups.Agency(code);
        if (agency is null) Add(field, "unknown-department", $"{label}“{code}”不存在。");
        return agency?.Id;
    }
}
