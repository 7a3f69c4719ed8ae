using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace OneSeal.Exchange.Webhooks;

public enum DeliveryStatus
{
    Pending,
    Delivered,
    /// <summary>Retries ran out (24 hours of back-off); an administrator may replay it.</summary>
    Failed,
}

/// <summary>
/// One event for one subscription: sent until the receiver answers 2xx, retried with back-off for at least
/// 24 hours. A claim is a row lease (<see cref="LeaseUntil"/>), so two instances never send the same delivery at once.
/// </summary>
public sealed class WebhookDelivery
{
    public Guid Id { get; set; }
    public Guid SubscriptionId { get; set; }
    public long EventSeq { get; set; }
    /// <summary>The event's id: the <c>webhook-id</c> header, the same on every attempt and replay.</summary>
    public Guid EventId { get; set; }
    public required string EventType { get; set; }
    /// <summary>The event's subject: deliveries of one subject go out in <see cref="EventSeq"/> order.</summary>
    public required string Subject { get; set; }
    public DeliveryStatus Status { get; set; }
    public int Attempts { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    /// <summary>Start of the retry window (creation, or the last manual replay).</summary>
    public DateTimeOffset RetryFrom { get; set; }
    public DateTimeOffset NextAttemptAt { get; set; }
    public DateTimeOffset? LeaseUntil { get; set; }
    public string? LeaseHolder { get; set; }
    public DateTimeOffset? LastAttemptAt { get; set; }
    public int? LastStatusCode { get; set; }
    public int? LastDurationMs { get; set; }
    public string? LastError { get; set; }
    public DateTimeOffset? DeliveredAt { get; set; }
}

/// <summary>One HTTP attempt of a delivery: the delivery log's lines.</summary>
public sealed class WebhookAttempt
{
    public Guid Id { get; set; }
    public Guid DeliveryId { get; set; }
    public DateTimeOffset At { get; set; }
    public int? StatusCode { get; set; }
    public int DurationMs { get; set; }
    public string? Error { get; set; }
}

internal sealed class WebhookDeliveryConfiguration : IEntityTypeConfiguration<WebhookDelivery>
{
    public void Configure(EntityTypeBuilder<WebhookDelivery> b)
    {
        b.ToTable("webhook_deliveries");
        b.Property(x => x.EventType).HasMaxLength(64);
        b.Property(x => x.Subject).HasMaxLength(128);
        b.Property(x => x.Status).HasConversion<string>().HasMaxLength(16);
        b.Property(x => x.LeaseHolder).HasMaxLength(128);
        b.Property(x => x.LastError).HasMaxLength(512);
        b.HasOne<WebhookSubscription>().WithMany().HasForeignKey(x => x.SubscriptionId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(x => new { x.SubscriptionId, x.EventSeq }).IsUnique();
        b.HasIndex(x => new { x.SubscriptionId, x.Subject, x.EventSeq });
        b.HasIndex(x => new { x.Status, x.NextAttemptAt });
    }
}

internal sealed class WebhookAttemptConfiguration : IEntityTypeConfiguration<WebhookAttempt>
{
    public void Configure(EntityTypeBuilder<WebhookAttempt> b)
    {
        b.ToTable("webhook_attempts");
        b.Property(x => x.Error).HasMaxLength(512);
        b.HasOne<WebhookDelivery>().WithMany().HasForeignKey(x => x.DeliveryId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(x => new { x.DeliveryId, x.At });
    }
}
