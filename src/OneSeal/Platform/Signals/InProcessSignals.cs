using System.Collections.Concurrent;

namespace OneSeal.Platform.Signals;

/// <summary>
/// Signals within this process (SQLite: one instance). Each subscription has its own ordered queue, so a slow page never
/// holds up another and one page's handlers never overlap.
/// </summary>
public sealed class InProcessSignals : ISignals
{
    private readonly ConcurrentDictionary<Subscription, string> _subscriptions = new();

    public Task PublishAsync(string channel, string payload, CancellationToken ct)
    {
        SignalPayload.Check(payload);
        foreach (var s in _subscriptions.Keys)
            if (s.Channel == channel) s.Post(payload);
        return Task.CompletedTask;
    }

    public IDisposable Subscribe(string channel, Func<string, Task> onSignal)
    {
        var s = new Subscription(channel, onSignal, x => _subscriptions.TryRemove(x, out _));
        _subscriptions[s] = channel;
        return s;
    }

    /// <summary>One subscriber: signals are handled one at a time, in the order they came.</summary>
    internal sealed class Subscription(string channel, Func<string, Task> onSignal, Action<Subscription> remove) : IDisposable
    {
        private readonly System.Threading.Channels.Channel<string> _queue = System.Threading.Channels.Channel.CreateUnbounded<string>(
            new() { SingleReader = true });
        private Task? _pump;

        public string Channel { get; } = channel;

        public void Post(string payload)
        {
            _queue.Writer.TryWrite(payload);
            _pump ??= Task.Run(PumpAsync);
        }

        private async Task PumpAsync()
        {
            await foreach (var payload in _queue.Reader.ReadAllAsync())
            {
                try { await onSignal(payload); }
                catch (Exception) { /* a failing page handler must not stop the others' signals */ }
            }
        }

        public void Dispose()
        {
            remove(this);
            _queue.Writer.TryComplete();
        }
    }
}

internal static class SignalPayload
{
    public static void Check(string payload)
    {
        if (System.Text.Encoding.UTF8.GetByteCount(payload) > SignalChannels.MaxPayloadBytes)
            throw new ArgumentException($"A signal carries at most {SignalChannels.MaxPayloadBytes} bytes.", nameof(payload));
    }
}
