using Microsoft.EntityFrameworkCore;
using OneSeal.Exchange.Feed;
using OneSeal.Platform.Database;
using OneSeal.Platform.Events;
using OneSeal.Platform.Time;
using RabbitMQ.Client;

namespace OneSeal.Exchange.Broker;

/// <summary>
/// Publishes the event log to RabbitMQ: each event's CloudEvents envelope to the topic exchange, routing key = its type,
/// persistent, message id = the envelope id (receivers deduplicate by it). The stored cursor (<c>exchange_cursors</c>,
/// name <see cref="CursorName"/>) moves past a batch only after the broker confirmed every message in it, so a broker
/// that stops mid-burst loses nothing: the unconfirmed batch is published again (at least once) when it is back.
/// </summary>
public sealed class BrokerPublisher(OneSealDb db, EventFeed feed, BrokerChannel broker, BrokerOptions options, IConfiguration config, TimeProvider clock)
{
    public const string CursorName = "broker";
    private static readonly TimeSpan ConfirmTimeout = TimeSpan.FromSeconds(30);

    /// <summary>Publishes everything settled after the cursor; returns how many envelopes were confirmed. Throws when the broker failed (the cursor stays).</summary>
    public async Task<int> PublishPendingAsync(CancellationToken ct)
    {
        if (!options.Enabled) return 0;
        var source = CloudEvent.SourceOf(config);
        var cursor = await CursorAsync(ct);
        var published = 0;
        while (true)
        {
            var page = await feed.ReadAsync(cursor, options.Batch, null, ct);
            if (page.Events.Count > 0)
            {
                // A broker that neither confirms nor drops the connection must not hold the lease forever.
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
                timeout.CancelAfter(ConfirmTimeout);
                await broker.UseAsync(async channel =>
                {
                    // Published together, awaited together: each task completes on its confirm (tracking is on).
                    await Task.WhenAll(page.Events.Select(e => PublishAsync(channel, e, source, timeout.Token)));
                    return true;
                }, timeout.Token);
                published += page.Events.Count;
            }
            if (page.Next == cursor) return published;
            await AdvanceAsync(page.Next, ct);
            cursor = page.Next;
        }
    }

    private Task PublishAsync(IChannel channel, EventRecord e, string source, CancellationToken ct)
    {
        var properties = new BasicProperties
        {
            Persistent = true,
            MessageId = e.Id.ToString(),
            Type = e.Type,
            ContentType = CloudEvent.ContentType,
            ContentEncoding = "utf-8",
            AppId = "oneseal",
            Timestamp = new AmqpTimestamp(e.Time.ToUnixTimeSeconds()),
        };
        var body = System.Text.Encoding.UTF8.GetBytes(CloudEvent.Serialize(e, source));
        return channel.BasicPublishAsync(options.Exchange, e.Type, mandatory: false, properties, body, ct).AsTask();
    }

    private async Task<long> CursorAsync(CancellationToken ct)
    {
        var row = await db.Set<ExchangeCursor>().AsNoTracking().FirstOrDefaultAsync(c => c.Name == CursorName, ct);
        if (row is not null) return row.Seq;
        db.Add(new ExchangeCursor { Name = CursorName, Seq = 0, UpdatedAt = clock.Now() });
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Another instance created it first (its lease just lapsed to us): start from its row.
            db.ChangeTracker.Clear();
            return await db.Set<ExchangeCursor>().AsNoTracking().Where(c => c.Name == CursorName).Select(c => c.Seq).FirstAsync(ct);
        }
        return 0;
    }

    /// <summary>Moves the cursor forward only (an instance whose lease lapsed mid-run never moves it back).</summary>
    private Task<int> AdvanceAsync(long to, CancellationToken ct) =>
        db.Set<ExchangeCursor>().Where(c => c.Name == CursorName && c.Seq < to)
            .ExecuteUpdateAsync(u => u.SetProperty(c => c.Seq, to).SetProperty(c => c.UpdatedAt, clock.Now()), ct);
}

/// <summary>The broker's leased job: the one instance holding the lease publishes, every <c>Messaging:PublishSeconds</c>.</summary>
public sealed class BrokerJob(IServiceScopeFactory scopes, TimeProvider clock, IConfiguration config, ILogger<BrokerJob> log)
    : Platform.Jobs.LeasedJobService(scopes, clock, config, log)
{
    protected override string LeaseName => "exchange-broker";
    protected override string IntervalSetting => "Messaging:PublishSeconds";
    protected override int DefaultSeconds => 2;

    protected override async Task RunAsync(IServiceProvider services, DateTimeOffset now, CancellationToken ct)
    {
        var published = await services.GetRequiredService<BrokerPublisher>().PublishPendingAsync(ct);
        if (published > 0) log.LogInformation("Published {Count} events to the broker", published);
    }
}
