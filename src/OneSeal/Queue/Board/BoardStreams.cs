using System.Diagnostics;
using System.Threading.Channels;
using OneSeal.Platform.Http;
using OneSeal.Platform.Signals;

namespace OneSeal.Queue.Board;

/// <summary>
/// The board's live stream (<c>GET /api/v1/queue/board/stream</c>): the snapshot on connect, then every call of the hall
/// at once (event <c>call</c>) and a fresh snapshot after any change (re-read at most once per <see cref="Coalesce"/>, so a
/// burst of changes costs one read; a call is never held back for it), a comment every <see cref="Heartbeat"/>. Ends when
/// the client goes or the app stops; the browser then reconnects and gets the snapshot again, so nothing missed meanwhile
/// stays missing.
/// </summary>
public sealed class BoardStreams(IServiceScopeFactory scopes, ISignals signals, IHostApplicationLifetime lifetime)
{
    public static readonly TimeSpan Retry = TimeSpan.FromSeconds(2);
    public static readonly TimeSpan Heartbeat = TimeSpan.FromSeconds(15);
    public static readonly TimeSpan Coalesce = TimeSpan.FromMilliseconds(200);

    /// <summary>The board through <see cref="IQueueBoard"/> in a scope of its own (a stream outlives many reads).</summary>
    public async Task<BoardSnapshot?> ReadAsync(Guid? hallId, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<IQueueBoard>().ReadAsync(hallId, ct);
    }

    /// <summary>
    /// A read of the hall's board that started no earlier than <paramref name="notBefore"/> (a <see cref="Stopwatch"/>
    /// timestamp): the many streams woken by one signal share one read instead of each making its own.
    /// </summary>
    private Task<BoardSnapshot?> SharedReadAsync(Guid hallId, long notBefore)
    {
        while (true)
        {
            var last = _reads.GetValueOrDefault(hallId);
            if (last is not null && last.StartedAt >= notBefore && !last.Read.IsFaulted && !last.Read.IsCanceled) return last.Read;
            var next = new SharedRead(Stopwatch.GetTimestamp(), new Lazy<Task<BoardSnapshot?>>(() => ReadAsync(hallId, CancellationToken.None)));
            if (last is not null ? _reads.TryUpdate(hallId, next, last) : _reads.TryAdd(hallId, next)) return next.Read;
        }
    }

    private sealed record SharedRead(long StartedAt, Lazy<Task<BoardSnapshot?>> Lazy)
    {
        public Task<BoardSnapshot?> Read => Lazy.Value;
    }

    private readonly System.Collections.Concurrent.ConcurrentDictionary<Guid, SharedRead> _reads = new();

    public async Task<WindowScreen?> WindowScreenAsync(string windowNumber, Guid? hallId, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<IQueueBoard>().WindowScreenAsync(windowNumber, hallId, ct);
    }

    public async Task StreamAsync(HttpContext http, Guid? hallId)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted, lifetime.ApplicationStopping);
        var ct = stop.Token;
        var inbox = Channel.CreateUnbounded<(string Payload, long At)>(new UnboundedChannelOptions { SingleReader = true });
        // Subscribed before the first read, so nothing between the read and the first signal goes unseen.
        using var subscription = signals.Subscribe(QueueSignals.Channel, payload =>
        {
            inbox.Writer.TryWrite((payload, Stopwatch.GetTimestamp()));
            return Task.CompletedTask;
        });
        var snapshot = await ReadAsync(hallId, ct) ?? throw new NotFoundException("没有找到该大厅。");
        try
        {
            var sse = await ServerSentEvents.StartAsync(http, Retry, ct);
            await sse.EventAsync("snapshot", PublicBoardSnapshot.Of(snapshot), ct);
            await PumpAsync(sse, inbox.Reader, snapshot.HallId, ct);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // The client went away or the app is stopping: the response simply ends.
        }
        catch (IOException)
        {
            // The connection broke while writing.
        }
    }

    private async Task PumpAsync(ServerSentEvents sse, ChannelReader<(string Payload, long At)> inbox, Guid hallId, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        var lastRead = clock.Elapsed;
        TimeSpan? refreshAt = null;
        long changedAt = 0;
        var heartbeatAt = Heartbeat;
        Task<bool>? waiting = null;
        while (!ct.IsCancellationRequested)
        {
            while (inbox.TryRead(out var item))
            {
                var signal = QueueSignal.Parse(item.Payload);
                if (signal is not null && !signal.Concerns(hallId)) continue;
                if (signal is { IsCall: true }) await sse.EventAsync("call", PublicBoardCall.Of(signal.Call!), ct);
                // A call changes the waiting counts too.
                refreshAt ??= Max(clock.Elapsed, lastRead + Coalesce);
                changedAt = Math.Max(changedAt, item.At);
            }
            if (refreshAt <= clock.Elapsed)
            {
                var snapshot = await SharedReadAsync(hallId, changedAt).WaitAsync(ct);
                if (snapshot is null) return;
                await sse.EventAsync("snapshot", PublicBoardSnapshot.Of(snapshot), ct);
                (lastRead, refreshAt) = (clock.Elapsed, null);
                continue;
            }
            if (heartbeatAt <= clock.Elapsed)
            {
                await sse.CommentAsync("heartbeat", ct);
                heartbeatAt = clock.Elapsed + Heartbeat;
                continue;
            }
            // Never negative: time moves on between the checks above and this line (a negative wait throws).
            var due = Max(TimeSpan.Zero, (refreshAt is { } r && r < heartbeatAt ? r : heartbeatAt) - clock.Elapsed);
            waiting ??= inbox.WaitToReadAsync(ct).AsTask();
            try
            {
                if (!await waiting.WaitAsync(due, ct)) return;
                waiting = null;
            }
            catch (TimeoutException)
            {
                // Time for the refresh or the heartbeat; the wait for signals goes on.
            }
        }
    }

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;
}
