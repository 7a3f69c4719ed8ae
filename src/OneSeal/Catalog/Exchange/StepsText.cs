using System.Globalization;
using OneSeal.Catalog.Editing;

namespace OneSeal.Catalog.Exchange;

/// <summary>
/// The process steps in one cell: <c>Kind:share</c> separated by <c>;</c>, in order, a trailing <c>!</c> marking a step
/// that stops the clock (Art. 45), e.g. <c>Accept:10;Review:60;Decide:20;Deliver:10;SiteInspection:0!</c>. Kinds are the
/// <see cref="ItemStepKind"/> names; spaces and a full-width <c>；</c> or <c>：</c> are accepted on reading.
/// </summary>
public static class StepsText
{
    public static string Format(IEnumerable<ItemStep> steps) => string.Join(";", steps.OrderBy(s => s.SortOrder)
        .Select(s => $"{s.Kind}:{s.SharePercent.ToString(CultureInfo.InvariantCulture)}{(s.StopsClock ? "!" : "")}"));

    /// <summary>The steps, or null with the 1-based position of the first segment that does not follow the syntax.</summary>
    public static (List<StepInput>? Steps, int BadSegment) Parse(string text)
    {
        var steps = new List<StepInput>();
        var segments = text.Replace('；', ';').Replace('：', ':').Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        foreach (var (segment, i) in segments.Select((s, i) => (s, i)))
        {
            var stops = segment.EndsWith('!');
            var body = stops ? segment[..^1].TrimEnd() : segment;
            var colon = body.IndexOf(':');
            if (colon <= 0 || !int.TryParse(body[(colon + 1)..].Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var share))
                return (null, i + 1);
            steps.Add(new StepInput { Kind = body[..colon].Trim(), SharePercent = share, StopsClock = stops });
        }
        return (steps, 0);
    }

    /// <summary>Codes in one cell, separated by <c>;</c> (or <c>；</c>).</summary>
    public static List<string> Codes(string? text) =>
        (text ?? "").Replace('；', ';').Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).ToList();
}
