using System.Collections.Concurrent;
using Npgsql;

namespace OneSeal.Platform.Signals;

/// <summary>
/// Signals across app instances on PostgreSQL: publish is <c>pg_notify</c> on a pooled connection; each instance keeps
/// ONE dedicated listening connection (<see cref="PostgresSignalListener"/>) that LISTENs to every channel subscribed here
/// and hands each notification to this instance's subscribers through an <see cref="InProcessSignals"/> (one ordered
/// queue per subscription). The listener starts with the first subscription, so an instance without live pages holds no
/// extra connection.
/// </summary>
public sealed class PostgresSignals : ISignals, IAsyncDisposable
{
    private readonly string _connectionString;
    private readonly InProcessSignals _local = new();
    private readonly ConcurrentDictionary<string, int> _channels = new(StringComparer.Ordinal);
    private readonly Lazy<PostgresSignalListener> _listener;

    public PostgresSignals(Database.DatabaseInfo database, ILogger<PostgresSignals> log)
    {
        _connectionString = database.ConnectionString;
        _listener = new(() => PostgresSignalListener.Start(database.ConnectionString, this, log));
    }

    /// <summary>The channels some subscription here wants (the listener LISTENs to all of them, also after a reconnect).</summary>
    internal IReadOnlyCollection<string> Channels => _channels.Where(c => c.Value > 0).Select(c => c.Key).ToList();

    /// <summary>The listening connection's <c>application_name</c> (tests find and kill it by this name); null until the first subscription.</summary>
    public string? ListenerName => _listener.IsValueCreated ? _listener.Value.ApplicationName : null;

    public async Task PublishAsync(string channel, string payload, CancellationToken ct)
    {
        SignalPayload.Check(payload);
        await using var conn = new NpgsqlConnection(_connectionString);
        await conn.OpenAsync(ct);
        await using var cmd = new NpgsqlCommand("SELECT pg_notify(@channel, @payload)", conn);
        cmd.Parameters.AddWithValue("channel", channel);
        cmd.Parameters.AddWithValue("payload", payload);
        await cmd.ExecuteNonQueryAsync(ct);
    }

    public IDisposable Subscribe(string channel, Func<string, Task> onSignal)
    {
        var local = _local.Subscribe(channel, onSignal);
        _channels.AddOrUpdate(channel, 1, (_, n) => n + 1);
        _ = _listener.Value; // starts the listener, which LISTENs to the new channel within one wait
        return new Unsubscribe(() =>
        {
            local.Dispose();
            _channels.AddOrUpdate(channel, 0, (_, n) => Math.Max(0, n - 1));
        });
    }

    /// <summary>Completes once <paramref name="channel"/> is LISTENed on a live connection (tests; a page need not wait).</summary>
    public Task ListeningAsync(string channel, CancellationToken ct) => _listener.Value.ListeningAsync(channel, ct);

    internal void Deliver(string channel, string payload) => _ = _local.PublishAsync(channel, payload, CancellationToken.None);

    /// <summary>After a reconnect: signals may have been lost meanwhile, so every subscriber gets the empty "re-read" signal.</summary>
    internal void DeliverGap()
    {
        foreach (var channel in Channels) Deliver(channel, "");
    }

    public async ValueTask DisposeAsync()
    {
        if (_listener.IsValueCreated) await _listener.Value.DisposeAsync();
    }

    private sealed class Unsubscribe(Action action) : IDisposable
    {
        private int _done;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _done, 1) == 0) action();
        }
    }
}
