namespace OneSeal.Platform.Signals;

/// <summary>
/// Small, non-durable signals between app instances for live pages (the hall board, the window screens, later the
/// monitoring board): a call was made, a count changed. PostgreSQL carries them with LISTEN/NOTIFY; on SQLite (one
/// instance) they stay in process. A page that misses one (while reconnecting, or across a restart) re-reads its whole
/// view when it reconnects, so a lost signal costs freshness, never correctness. Publish after the command commits.
/// </summary>
public interface ISignals
{
    /// <param name="channel">a short lowercase name, e.g. <c>queue</c> (<see cref="SignalChannels"/>)</param>
    /// <param name="payload">UTF-8 text of at most <see cref="SignalChannels.MaxPayloadBytes"/> bytes (NOTIFY's limit is 8,000)</param>
    Task PublishAsync(string channel, string payload, CancellationToken ct);

    /// <summary>
    /// Calls <paramref name="onSignal"/> for every signal on <paramref name="channel"/> from any instance, this one
    /// included, until the returned handle is disposed. Handlers run one at a time per subscription. An empty payload
    /// means "signals may have been missed" (the PostgreSQL listener reconnected): re-read the whole view.
    /// </summary>
    IDisposable Subscribe(string channel, Func<string, Task> onSignal);
}

public static class SignalChannels
{
    public const int MaxPayloadBytes = 7000;
}
