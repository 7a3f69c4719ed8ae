using RabbitMQ.Client;

namespace OneSeal.Exchange.Broker;

/// <summary>
/// This instance's one connection and channel to RabbitMQ, publisher confirms on and tracked by the client (a publish
/// completes when the broker confirmed it, and throws when it nacked or the connection died). Opened on first use and
/// again after any failure: no automatic recovery, whose replays would hide from the publisher what was not confirmed.
/// </summary>
public sealed class BrokerChannel(BrokerOptions options) : IAsyncDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private IConnection? _connection;
    private IChannel? _channel;

    /// <summary>Runs <paramref name="work"/> on the open channel, one caller at a time; on failure drops the connection and rethrows.</summary>
    public async Task<T> UseAsync<T>(Func<IChannel, Task<T>> work, CancellationToken ct)
    {
        await _gate.WaitAsync(ct);
        try
        {
            var channel = await OpenAsync(ct);
            try
            {
                return await work(channel);
            }
            catch
            {
                await CloseAsync();
                throw;
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task<IChannel> OpenAsync(CancellationToken ct)
    {
        if (_channel is { IsOpen: true } open) return open;
        await CloseAsync();
        var factory = new ConnectionFactory
        {
            Uri = options.Uri ?? throw new InvalidOperationException("Messaging:RabbitMq is not configured."),
            AutomaticRecoveryEnabled = false,
            TopologyRecoveryEnabled = false,
            RequestedConnectionTimeout = TimeSpan.FromSeconds(5),
            ClientProvidedName = "oneseal-exchange",
        };
        _connection = await factory.CreateConnectionAsync(ct);
        _channel = await _connection.CreateChannelAsync(
            new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true), ct);
        await _channel.ExchangeDeclareAsync(options.Exchange, ExchangeType.Topic, durable: true, autoDelete: false, cancellationToken: ct);
        return _channel;
    }

    private async Task CloseAsync()
    {
        var (channel, connection) = (_channel, _connection);
        (_channel, _connection) = (null, null);
        // The broker may be gone: closing what is left is best effort.
        try { if (channel is not null) await channel.DisposeAsync(); } catch (Exception) { }
        try { if (connection is not null) await connection.DisposeAsync(); } catch (Exception) { }
    }

    public async ValueTask DisposeAsync()
    {
        await CloseAsync();
        _gate.Dispose();
    }
}
