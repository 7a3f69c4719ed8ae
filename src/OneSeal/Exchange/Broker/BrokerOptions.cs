namespace OneSeal.Exchange.Broker;

/// <summary>
/// <c>Messaging:RabbitMq</c> (an AMQP URI, e.g. <c>amqp://user:pass@mq.example:5672/vhost</c>; unset: no broker),
/// <c>Messaging:Exchange</c> (the topic exchange, default <c>oneseal.events</c>), <c>Messaging:PublishSeconds</c> (how often
/// the lease holder publishes, default 2; 0 off) and <c>Messaging:Batch</c> (envelopes confirmed before the cursor moves, default 100).
/// </summary>
public sealed record BrokerOptions(Uri? Uri, string Exchange, int Batch)
{
    public bool Enabled => Uri is not null;

    public static BrokerOptions From(IConfiguration config) => new(
        config["Messaging:RabbitMq"] is { Length: > 0 } uri ? new Uri(uri) : null,
        config["Messaging:Exchange"] is { Length: > 0 } exchange ? exchange : "oneseal.events",
        Math.Clamp(config.GetValue("Messaging:Batch", 100), 1, Feed.EventFeed.MaxLimit));
}
