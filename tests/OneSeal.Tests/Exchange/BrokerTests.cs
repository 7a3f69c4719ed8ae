using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OneSeal.Exchange;
using OneSeal.Exchange.Broker;
using OneSeal.Platform.Database;
using OneSeal.Platform.Events;
using OneSeal.Tests.Api;
using OneSeal.Tests.Infrastructure;
using RabbitMQ.Client;
using static OneSeal.Tests.Exchange.ExchangeTestKit;

namespace OneSeal.Tests.Exchange;

/// <summary>
/// Issue 13 §3, the broker: a consumer bound to the topic exchange receives the same envelopes the pull feed returns,
/// routing key = type, persistent, message id = envelope id; RabbitMQ stopped and restarted during a burst loses nothing
/// (the cursor moves only past confirmed batches). Runs on scripts/test.sh's throwaway RabbitMQ (ONESEAL_TEST_RABBITMQ).
/// </summary>
public abstract class BrokerTests(OneSealFactory app) : CaseApiTestBase(app)
{
    private static Uri BrokerUri => new(Environment.GetEnvironmentVariable(RabbitMqVariable)!);
    private string ExchangeName => App.Services.GetRequiredService<BrokerOptions>().Exchange;

    private async Task<int> PublishAsync()
    {
        await using var scope = App.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<BrokerPublisher>().PublishPendingAsync(default);
    }

    /// <summary>A durable queue bound to every routing key of this app's exchange (declared here too, in case the app has not yet).</summary>
    private async Task<(IConnection Connection, IChannel Channel, string Queue)> ConsumerAsync()
    {
        var connection = await new ConnectionFactory { Uri = BrokerUri }.CreateConnectionAsync();
        var channel = await connection.CreateChannelAsync();
        await channel.ExchangeDeclareAsync(ExchangeName, ExchangeType.Topic, durable: true, autoDelete: false);
        var queue = Unique("oneseal-test-");
        await channel.QueueDeclareAsync(queue, durable: true, exclusive: false, autoDelete: false);
        await channel.QueueBindAsync(queue, ExchangeName, "#");
        return (connection, channel, queue);
    }

    private static async Task<List<BasicGetResult>> DrainAsync(IChannel channel, string queue)
    {
        var got = new List<BasicGetResult>();
        while (await channel.BasicGetAsync(queue, autoAck: true) is { } message) got.Add(message);
        return got;
    }

    [RabbitMqFact]
    public async Task A_consumer_receives_the_same_envelopes_the_feed_returns()
    {
        var (connection, channel, queue) = await ConsumerAsync();
        await using var consumerConnection = connection;
        await using var consumerChannel = channel;
        await PublishAsync(); // whatever the log held before this test
        await DrainAsync(channel, queue);

        var id = await ReviewedCaseAsync();
        (await StepAsync(await As("chief"), id, "decide", new { approve = true })).ShouldBe("certificate-issued");
        (await PublishAsync()).ShouldBe(5, "submitted, accepted, supervision pushed, certificate issued, decided, and nothing else new");
        (await PublishAsync()).ShouldBe(0, "the cursor moved past what was confirmed");

        var messages = await DrainAsync(channel, queue);
        var feed = await ReadAllAsync(await As("exchange"));
        messages.Count.ShouldBe(5);
        foreach (var m in messages)
        {
            var envelope = JsonNode.Parse(m.Body.Span)!;
            var same = feed.Single(e => e.GetProperty("id").GetString() == envelope["id"]!.GetValue<string>());
            JsonNode.DeepEquals(envelope, JsonNode.Parse(same.GetRawText())).ShouldBeTrue($"broker {envelope.ToJsonString()} vs feed {same.GetRawText()}");
            m.RoutingKey.ShouldBe(envelope["type"]!.GetValue<string>());
            m.BasicProperties.MessageId.ShouldBe(envelope["id"]!.GetValue<string>());
            m.BasicProperties.DeliveryMode.ShouldBe(DeliveryModes.Persistent);
            m.BasicProperties.ContentType.ShouldBe(CloudEvent.ContentType);
        }
        messages.Select(m => m.RoutingKey).ShouldContain(EventTypes.CaseDecided);
        var last = await InDb(db => db.Set<EventRecord>().MaxAsync(e => e.Seq));
        (await InDb(db => db.Set<ExchangeCursor>().SingleAsync(c => c.Name == BrokerPublisher.CursorName))).Seq.ShouldBe(last);
        await channel.QueueDeleteAsync(queue);
    }

    [RabbitMqFact]
    public async Task Nothing_is_lost_when_RabbitMQ_stops_and_restarts_during_a_burst()
    {
        var (connection, channel, queue) = await ConsumerAsync();
        await channel.DisposeAsync();
        await connection.DisposeAsync();
        await PublishAsync();

        const int burst = 300;
        var recorded = new List<Guid>();
        var stopped = new TaskCompletionSource();
        var restarted = new TaskCompletionSource();
        var writing = Task.Run(() => InDb(async db =>
        {
            for (var i = 0; i < burst; i++)
            {
                var e = await db.InTransactionAsync(async () =>
                {
                    var r = EventLog.Record(db, EventTypes.SupervisionPushed, $"burst-{i}", new { i }, DateTimeOffset.UtcNow, null, "QS-XK-003", "pushed");
                    await db.CommitAsync(default);
                    return r;
                }, default);
                lock (recorded) recorded.Add(e.Id);
                if (i != burst / 3) continue;
                // A third in: the broker stops (and comes back a second later) while the rest of the burst is recorded.
                _ = Task.Run(async () =>
                {
                    try
                    {
                        await CtlAsync("stop_app");
                        stopped.SetResult();
                        await Task.Delay(1000);
                        await CtlAsync("start_app");
                        restarted.SetResult();
                    }
                    catch (Exception ex)
                    {
                        stopped.TrySetException(ex);
                        restarted.TrySetException(ex);
                    }
                });
                await stopped.Task;
            }
        }));
        var failures = 0;
        // Publish as the leased job would, again and again: failures while the broker is away, then everything.
        while (!writing.IsCompleted || !restarted.Task.IsCompleted)
        {
            try
            {
                await PublishAsync();
            }
            catch (Exception e) when (e is not ShouldAssertException)
            {
                failures++;
                await Task.Delay(200);
            }
        }
        await writing;
        await restarted.Task;
        await RetryAsync(PublishAsync);
        failures.ShouldBeGreaterThan(0, "the broker went away during the burst");

        var (c2, ch2) = await RetryAsync(async () =>
        {
            var c = await new ConnectionFactory { Uri = BrokerUri }.CreateConnectionAsync();
            return (c, await c.CreateChannelAsync());
        });
        await using var consumerConnection = c2;
        await using var consumerChannel = ch2;
        var received = (await DrainAsync(ch2, queue)).Select(m => Guid.Parse(m.BasicProperties.MessageId!)).ToHashSet();
        recorded.Where(id => !received.Contains(id)).ShouldBeEmpty("every event reached the queue (duplicates allowed, deduplicated by id)");
        await ch2.QueueDeleteAsync(queue);
    }

    private static async Task<T> RetryAsync<T>(Func<Task<T>> work)
    {
        for (var attempt = 1; ; attempt++)
        {
            try { return await work(); }
            catch (Exception) when (attempt < 60) { await Task.Delay(500); }
        }
    }

    /// <summary>rabbitmqctl against the test node (stop_app, start_app), through the script scripts/test.sh wrote.</summary>
    private static async Task CtlAsync(string command)
    {
        var script = Environment.GetEnvironmentVariable(RabbitMqCtlVariable)
            ?? throw new InvalidOperationException($"{RabbitMqCtlVariable} is not set (scripts/test.sh sets it)");
        var start = new System.Diagnostics.ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(script);
        start.ArgumentList.Add(command);
        using var p = System.Diagnostics.Process.Start(start)!;
        var output = await p.StandardOutput.ReadToEndAsync() + await p.StandardError.ReadToEndAsync();
        await p.WaitForExitAsync();
        if (p.ExitCode != 0) throw new InvalidOperationException($"rabbitmqctl {command} failed: {output}");
    }
}

public static class BrokerApps
{
    public static OneSealFactoryOptions Options() => new()
    {
        Settings = new Dictionary<string, string?>
        {
            ["Messaging:RabbitMq"] = Environment.GetEnvironmentVariable(RabbitMqVariable),
            // Each app its own exchange: the two providers' classes never see each other's messages.
            ["Messaging:Exchange"] = "oneseal.test." + Guid.NewGuid().ToString("N")[..8],
            ["Messaging:Batch"] = "50",
        },
    };
}

public sealed class BrokerSqliteApp() : OneSealFactory(DatabaseProvider.Sqlite, BrokerApps.Options());
public sealed class BrokerPostgresApp() : OneSealFactory(DatabaseProvider.Postgres, BrokerApps.Options());

// One RabbitMQ for the run, stopped by one of these tests: the two classes never run at the same time.
[CollectionDefinition("RabbitMQ")]
public sealed class RabbitMqCollection;

[Trait("Provider", "Sqlite"), Collection("RabbitMQ")]
public sealed class BrokerTests_Sqlite(BrokerSqliteApp app) : BrokerTests(app), IClassFixture<BrokerSqliteApp>;

[Trait("Provider", "Postgres"), Collection("RabbitMQ")]
public sealed class BrokerTests_Postgres(BrokerPostgresApp app) : BrokerTests(app), IClassFixture<BrokerPostgresApp>;
