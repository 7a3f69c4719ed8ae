namespace OneSeal.Platform.Http;

/// <summary>
/// Collects a form's field errors (first one per field) so a request with three bad fields hears of all three at once,
/// as problem+json <c>errors</c> and <c>rules</c>; <see cref="ThrowIfAny"/> before anything is written.
/// </summary>
public sealed class FieldErrors
{
    private readonly Dictionary<string, string[]> _errors = [];
    private readonly Dictionary<string, string[]> _rules = [];

    public void Add(string field, string rule, string message)
    {
        if (_errors.ContainsKey(field)) return;
        _errors[field] = [message];
        _rules[field] = [rule];
    }

    public bool Has(string field) => _errors.ContainsKey(field);

    public void ThrowIfAny()
    {
        if (_errors.Count > 0) throw new InvalidInputsException(_errors, rules: _rules);
    }

    /// <summary>Trimmed text, at most <paramref name="max"/> characters; empty when absent.</summary>
    public string Text(string? value, string field, string label, int max, bool required)
    {
        var v = value?.Trim() ?? "";
        if (v.Length == 0 && required) Add(field, "required", $"请填写{label}。");
        else if (v.Length > max) Add(field, "max-length", $"{label}不能超过{max}个字。");
        return v;
    }

    public string? Optional(string? value, string field, string label, int max) =>
        Text(value, field, label, max, required: false) is { Length: > 0 } v ? v : null;
}
