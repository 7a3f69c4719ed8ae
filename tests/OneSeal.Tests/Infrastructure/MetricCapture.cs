using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using OneSeal.Platform.Telemetry;

namespace OneSeal.Tests.Infrastructure;

/// <summary>
/// Records what the <see cref="OneSealMetrics"/> instruments measure while it lives. The meter is process-wide and test
/// classes run in parallel, so assert on measurements with tags or values your test made, never on counts.
/// </summary>
public sealed class MetricCapture : IDisposable
{
    public sealed record Measurement(string Instrument, double Value, IReadOnlyDictionary<string, object?> Tags)
    {
        public string? Tag(string name) => Tags.TryGetValue(name, out var v) ? v?.ToString() : null;
    }

    private readonly MeterListener _listener = new();

    public ConcurrentQueue<Measurement> Measurements { get; } = new();

    public MetricCapture()
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == OneSealMetrics.MeterName) listener.EnableMeasurementEvents(instrument);
        };
        _listener.SetMeasurementEventCallback<long>((i, v, tags, _) => Add(i, v, tags));
        _listener.SetMeasurementEventCallback<double>((i, v, tags, _) => Add(i, v, tags));
        _listener.Start();
    }

    public IEnumerable<Measurement> Of(string instrument) => Measurements.Where(m => m.Instrument == instrument);

    private void Add(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags) =>
        Measurements.Enqueue(new Measurement(instrument.Name, value, tags.ToArray().ToDictionary(t => t.Key, t => t.Value)));

    public void Dispose() => _listener.Dispose();
}
