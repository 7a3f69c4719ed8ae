using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace OneSeal.Platform.Telemetry;

/// <summary>
/// The product's own instruments, on the meter <see cref="MeterName"/> (exported over OTLP when an endpoint is configured,
/// see <see cref="TelemetrySetup"/>). Static, so the state machine, the outbox and the jobs record with one line and no
/// dependency to inject; a meter without listeners costs a branch per recording.
/// </summary>
public static class OneSealMetrics
{
    public const string MeterName = "OneSeal";

    private static readonly Meter Meter = new(MeterName);

    private static readonly Counter<long> Transitions = Meter.CreateCounter<long>(
        "oneseal.case.transitions", "{transition}", "Case status changes, by action (accept, review, decide, …)");

    private static readonly Histogram<double> OutboxLagSeconds = Meter.CreateHistogram<double>(
        "oneseal.outbox.lag", "s", "From a message's enqueueing (its transaction) to its handler's success, by topic");

    private static readonly Histogram<double> SweepSeconds = Meter.CreateHistogram<double>(
        "oneseal.deadline_sweep.duration", "s", "One run of the deadline sweep");

    private static readonly Histogram<double> PdfRenderSeconds = Meter.CreateHistogram<double>(
        "oneseal.pdf.render.duration", "s", "HTML to PDF for one sealed document, by document kind and outcome");

    /// <summary>One case status change; called from the state machine's single apply point.</summary>
    public static void CaseTransition(string action) => Transitions.Add(1, new KeyValuePair<string, object?>("action", action));

    public static void OutboxLag(string topic, TimeSpan lag) =>
        OutboxLagSeconds.Record(Math.Max(0, lag.TotalSeconds), new KeyValuePair<string, object?>("topic", topic));

    public static void DeadlineSweep(TimeSpan duration) => SweepSeconds.Record(duration.TotalSeconds);

    /// <summary>Renders through <paramref name="render"/> and records how long it took, failed renders included.</summary>
    public static async Task<byte[]> TimePdfRenderAsync(string document, Func<Task<byte[]>> render)
    {
        var started = Stopwatch.GetTimestamp();
        var outcome = "failed";
        try
        {
            var pdf = await render();
            outcome = "ok";
            return pdf;
        }
        finally
        {
            PdfRenderSeconds.Record(Stopwatch.GetElapsedTime(started).TotalSeconds,
                new KeyValuePair<string, object?>("document", document), new KeyValuePair<string, object?>("outcome", outcome));
        }
    }
}
