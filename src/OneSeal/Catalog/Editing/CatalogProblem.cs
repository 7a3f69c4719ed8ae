using OneSeal.Platform.Http;

namespace OneSeal.Catalog.Editing;

/// <summary>One broken rule of an item draft: the field (JSON path, e.g. <c>materials[2].code</c>), the rule and a Chinese message.</summary>
public sealed record CatalogProblem(string Field, string Rule, string Message)
{
    /// <summary>Throws the problems as one 400 (a single problem keeps its own rule); does nothing when there are none.</summary>
    public static void ThrowIfAny(IReadOnlyList<CatalogProblem> problems)
    {
        if (problems.Count == 0) return;
        if (problems.Count == 1) throw new InvalidInputException(problems[0].Field, problems[0].Rule, problems[0].Message);
        var byField = problems.GroupBy(p => p.Field).ToList();
        throw new InvalidInputsException(byField.ToDictionary(g => g.Key, g => g.Select(p => p.Message).ToArray()), "validation",
            byField.ToDictionary(g => g.Key, g => g.Select(p => p.Rule).Distinct().ToArray()));
    }
}
