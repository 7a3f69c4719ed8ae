using System.Collections.Concurrent;
using Npgsql;

namespace OneSeal.Platform.Signals;

/// <summary>
/// The instance's one listening connection, in a background loop: open (unpooled, named <see cref="ApplicationName"/>),
/// LISTEN to every subscribed channel, wait for notifications and hand them to <see cref="PostgresSignals"/>. When the
/// connection breaks (server restart, failover, <c>pg_terminate_backend</c>, a network cut the keepalive finds) it
/// reconnects with backoff (0.5 s doubling to 30 s), LISTENs again and tells the subscribers they may have missed signals.
/// </summary>
internal sealed class PostgresSignalListener : IAsyncDisposable
{
    /// <summary>How long one wait (a new subscription's channel is LISTENed within it) for a notification lasts before the loop looks for new channels to LISTEN to.</summary>
    private const int WaitMilliseconds = 200;
    private static readonly TimeSpan IdleCheck = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan FirstBackoff = TimeSpan.FromMilliseconds(500);
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(30);

    private readonly string _connectionString;
    private readonly PostgresSignals _owner;
    private readonly ILogger _log;
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentDictionary<string, TaskCompletionSource> _ready = new(StringComparer.Ordinal);
    private Task _loop = Task.CompletedTask;

    private PostgresSignalListener(string connectionString, PostgresSignals owner, ILogger log)
    {
        ApplicationName = $"oneseal-signals-{Guid.NewGuid():N}";
        _connectionString = new NpgsqlConnectionStringBuilder(connectionString)
        {
            Pooling = false,
            ApplicationName = ApplicationName,
            // A silently dropped connection (no FIN) shows up within a minute instead of never.
            KeepAlive = 30,
            TcpKeepAlive = true,
        }.ConnectionString;
        _owner = owner;
        _log = log;
    }

    public string ApplicationName { get; }

    public static PostgresSignalListener Start(string connectionString, PostgresSignals owner, ILogger log)
    {
        var listener = new PostgresSignalListener(connectionString, owner, log);
        listener._loop = Task.Run(listener.RunAsync);
        return listener;
    }

    public Task ListeningAsync(string channel, CancellationToken ct) => Ready(channel).Task.WaitAsync(ct);

    private TaskCompletionSource Ready(string channel) =>
        _ready.GetOrAdd(channel, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));

    private async Task RunAsync()
    {
        var backoff = FirstBackoff;
        var connectedBefore = false;
        while (!_stop.IsCancellationRequested)
        {
            try
            {
                await using var conn = new NpgsqlConnection(_connectionString);
                await conn.OpenAsync(_stop.Token);
                conn.Notification += (_, e) => _owner.Deliver(e.Channel, e.Payload);
                var listened = new HashSet<string>(StringComparer.Ordinal);
                await ListenToNewAsync(conn, listened);
                if (connectedBefore)
                {
                    _log.LogInformation("Signals: listening again on {Channels}", string.Join(", ", listened));
                    _owner.DeliverGap();
                }
                connectedBefore = true;
                backoff = FirstBackoff;
                var quietSince = DateTime.UtcNow;
                while (!_stop.IsCancellationRequested)
                {
                    await ListenToNewAsync(conn, listened);
                    if (await conn.WaitAsync(WaitMilliseconds)) quietSince = DateTime.UtcNow;
                    else if (DateTime.UtcNow - quietSince > IdleCheck)
                    {
                        // A round trip proves the connection still carries notifications.
                        await Execute(conn, "SELECT 1");
                        quietSince = DateTime.UtcNow;
                    }
                }
            }
            catch (Exception e) when (!_stop.IsCancellationRequested)
            {
                _log.LogWarning(e, "Signals: the listening connection failed; reconnecting in {Delay} ms", backoff.TotalMilliseconds);
                ResetReady();
                try { await Task.Delay(backoff, _stop.Token); }
                catch (OperationCanceledException) { return; }
                backoff = TimeSpan.FromTicks(Math.Min(MaxBackoff.Ticks, backoff.Ticks * 2));
            }
            catch (Exception) when (_stop.IsCancellationRequested)
            {
                return;
            }
        }
    }

    private async Task ListenToNewAsync(NpgsqlConnection conn, HashSet<string> listened)
    {
        foreach (var channel in _owner.Channels)
        {
            if (!listened.Add(channel)) continue;
            await Execute(conn, $"LISTEN \"{channel.Replace("\"", "\"\"", StringComparison.Ordinal)}\"");
            Ready(channel).TrySetResult();
        }
    }

    private void ResetReady()
    {
        foreach (var (channel, ready) in _ready)
            if (ready.Task.IsCompleted) _ready.TryUpdate(channel, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously), ready);
    }

    private async Task Execute(NpgsqlConnection conn, string sql)
    {
        await using var cmd = new NpgsqlCommand(sql, conn);
        await cmd.ExecuteNonQueryAsync(_stop.Token);
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try { await _loop; }
        catch (OperationCanceledException) { }
        _stop.Dispose();
    }
}
