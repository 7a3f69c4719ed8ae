using System.Runtime.CompilerServices;
using System.Text.Encodings.Web;
using System.Text.Json;
using OneSeal.Platform.Database;

namespace OneSeal.Platform.Outbox;

/// <summary>The transactional outbox: record a side effect in the same unit of work as the change that causes it.</summary>
public static class Outbox
{
    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    // Contexts that have an outbox message waiting for commit: the commit interceptor wakes the local dispatcher.
    private static readonly ConditionalWeakTable<OneSealDb, object> Waiting = new();
    private static readonly object Mark = new();

    /// <summary>
    /// Adds a message to <paramref name="db"/>'s unit of work without saving: it is written by the caller's
    /// <c>CommitAsync</c>/<c>SaveChangesAsync</c> together with the business change, or not at all if that rolls back.
    /// </summary>
    public static OutboxMessage Enqueue(OneSealDb db, string topic, object payload, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentException.ThrowIfNullOrWhiteSpace(topic);
        ArgumentNullException.ThrowIfNull(payload);
        if (topic.Length > OutboxMessageConfiguration.MaxTopicLength)
            throw new ArgumentException($"Outbox topic longer than {OutboxMessageConfiguration.MaxTopicLength} characters.", nameof(topic));
        var at = Time.Instants.Truncate(now);
        var message = new OutboxMessage
        {
            Topic = topic,
            Payload = JsonSerializer.Serialize(payload, payload.GetType(), Json),
            CreatedAt = at,
            AvailableAt = at,
        };
        db.Set<OutboxMessage>().Add(message);
        Waiting.AddOrUpdate(db, Mark);
        return message;
    }

    /// <summary>True once per context that enqueued since the last call: its commit should wake the dispatcher.</summary>
    internal static bool TakeWaiting(OneSealDb db) => Waiting.Remove(db);
}
