namespace OneSeal.Platform.Outbox;

/// <summary>
/// Carries out the messages of one topic. Resolved in a fresh DI scope for each message (its own <c>OneSealDb</c>).
/// Delivery is at least once — a crash after the work and before <c>processed_at</c> is written, or a lease that ran out,
/// runs a message again — so a handler must be idempotent (check whether the work is already done; make the final write conditional).
/// Throwing counts as a failed attempt: the message is retried with exponential back-off, then kept as a dead letter.
/// </summary>
public interface IOutboxHandler
{
    string Topic { get; }

    Task HandleAsync(OutboxMessage m, CancellationToken ct);

    /// <summary>
    /// True for work that must happen however long it takes (render a document whose act is already committed): the
    /// message is retried with back-off (at most <c>Outbox:RetryMaxSeconds</c> apart) and never becomes a dead letter.
    /// </summary>
    bool RetriesUntilDone => false;

    /// <summary>Called once when the dispatcher gives up on a message (its last attempt failed). Optional.</summary>
    Task GiveUpAsync(OutboxMessage m, string error, CancellationToken ct) => Task.CompletedTask;
}
