using System.Globalization;

namespace OneSeal.Pages.Shared;

public sealed record BarSeries(string Name);

public sealed record BarRow(string Label, IReadOnlyList<double> Values);

/// <summary>
/// A horizontal grouped bar chart drawn as inline SVG on the server (no script, no chart library): one row per label,
/// one bar per series. <see cref="Percent"/> values are fractions shown as percentages. The page puts a data table with
/// the same numbers beside it, so the chart is never the only way to read them.
/// </summary>
public sealed record BarChart(string Id, string Title, string Description, IReadOnlyList<BarSeries> Series, IReadOnlyList<BarRow> Rows, bool Percent = false)
{
    public const int LabelWidth = 190;
    public const int PlotWidth = 360;
    public const int ValueWidth = 70;
    public const int BarHeight = 14;
    public const int RowGap = 10;
    public const int LegendHeight = 24;

    public int Width => LabelWidth + PlotWidth + ValueWidth;
    public int RowHeight => Series.Count * BarHeight + RowGap;
    public int Height => LegendHeight + Rows.Count * RowHeight + 4;

    /// <summary>The scale's top: the largest value (negative compression is drawn as an empty bar).</summary>
    public double Max => Math.Max(Rows.SelectMany(r => r.Values).DefaultIfEmpty(0).Max(), Percent ? 0.0001 : 1);

    public double BarLength(double value) => Math.Max(0, value) / Max * PlotWidth;

    public string Format(double value) => Percent
        ? (value * 100).ToString("0.#", CultureInfo.InvariantCulture) + "%"
        : value.ToString("0.##", CultureInfo.InvariantCulture);
}

/// <summary>How the statistics pages print figures: one decimal, "—" for none.</summary>
public static class StatsFormat
{
    public static string Number(double? x) => x is { } v ? v.ToString("0.0", System.Globalization.CultureInfo.InvariantCulture) : "—";
    public static string Percent(double? x) => x is { } v ? (v * 100).ToString("0.0", System.Globalization.CultureInfo.InvariantCulture) + "%" : "—";
}
