using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace OneSeal.Platform.Outbox;

/// <summary>
/// A side effect that leaves the transaction (render a notice, push to a department, notify an applicant), written in
/// the same unit of work as the business change that causes it and carried out afterwards by <see cref="OutboxDispatcher"/>.
/// Pending: <see cref="ProcessedAt"/> null and <see cref="Attempts"/> below the configured maximum. Dead letter:
/// <see cref="ProcessedAt"/> null and <see cref="Attempts"/> at the maximum, kept with <see cref="LastError"/> for an operator.
/// </summary>
public sealed class OutboxMessage
{
    public long Id { get; set; }
    /// <summary>What to do, e.g. <c>notice.render</c>; one <see cref="IOutboxHandler"/> per topic.</summary>
    public required string Topic { get; set; }
    /// <summary>JSON object (camelCase, Chinese unescaped); read it with <see cref="Read{T}"/>.</summary>
    public required string Payload { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    /// <summary>Not claimed before this instant (back-off after a failure).</summary>
    public DateTimeOffset AvailableAt { get; set; }
    /// <summary>Failed attempts so far.</summary>
    public int Attempts { get; set; }
    public string? LastError { get; set; }
    /// <summary>The claiming instance's lease: nobody else claims the message before it runs out.</summary>
    public DateTimeOffset? LockedUntil { get; set; }
    /// <summary>The instance that claimed it last (<c>Outbox:InstanceName</c>).</summary>
    public string? LockedBy { get; set; }
    public DateTimeOffset? ProcessedAt { get; set; }

    public T Read<T>() =>
        JsonSerializer.Deserialize<T>(Payload, Outbox.Json)
        ?? throw new InvalidOperationException($"Outbox message {Id} ({Topic}) has an empty payload.");
}

internal sealed class OutboxMessageConfiguration : IEntityTypeConfiguration<OutboxMessage>
{
    public const int MaxTopicLength = 128;
    public const int MaxErrorLength = 2000;
    public const int MaxInstanceLength = 128;

    public void Configure(EntityTypeBuilder<OutboxMessage> b)
    {
        b.ToTable("outbox_messages");
        b.Property(x => x.Id).ValueGeneratedOnAdd();
        b.Property(x => x.Topic).HasMaxLength(MaxTopicLength);
        b.Property(x => x.LastError).HasMaxLength(MaxErrorLength);
        b.Property(x => x.LockedBy).HasMaxLength(MaxInstanceLength);
        // The claim scans only unprocessed rows: a partial index stays small however long the history grows.
        b.HasIndex(x => x.AvailableAt).HasFilter("processed_at IS NULL");
        b.HasIndex(x => x.ProcessedAt);
    }
}
