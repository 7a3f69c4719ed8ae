using System.Text.RegularExpressions;

namespace OneSeal.Pages.Admin.Catalog;

/// <summary>
/// Maps the field paths of catalog problems (API names such as <c>materials[2].code</c>) to the names of the edit
/// form's inputs (<c>Input.Materials[2].Code</c>), so each message sits beside its input and the summary links to it.
/// </summary>
public static partial class ProblemKeys
{
    public static string ToInput(string field) => field switch
    {
        "" or "body" => "",
        "effectiveFrom" => "EffectiveFrom",
        _ => "Input." + Segment().Replace(field, m => m.Groups[1].Value + char.ToUpperInvariant(m.Groups[2].Value[0]) + m.Groups[2].Value[1..]),
    };

    [GeneratedRegex(@"(^|\.)([a-zA-Z])")]
    private static partial Regex Segment();
}
