using OneSeal.Platform.Http;

namespace OneSeal.Catalog.Transfers;

/// <summary>
/// Collects every problem of a batch so the admin sees them all at once; one problem keeps its own rule, several are
/// reported together under the first one's rule.
/// </summary>
internal sealed class TransferErrors
{
    private readonly List<(string Field, string Rule, string Message)> _errors = [];

    public void Add(string field, string rule, string message) => _errors.Add((field, rule, message));

    public void ThrowIfAny()
    {
        if (_errors.Count == 0) return;
        if (_errors.Count == 1) throw new InvalidInputException(_errors[0].Field, _errors[0].Rule, _errors[0].Message);
        var byField = _errors.GroupBy(e => e.Field).ToDictionary(g => g.Key, g => g.Select(e => e.Message).ToArray());
        throw new InvalidInputsException(byField, _errors[0].Rule);
    }
}
