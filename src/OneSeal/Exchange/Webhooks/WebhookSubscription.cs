using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using OneSeal.Organisation;

namespace OneSeal.Exchange.Webhooks;

public enum SubscriptionStatus
{
    Active,
    /// <summary>Stopped by an administrator or by the receiver (410 Gone); nothing more is matched or sent.</summary>
    Disabled,
}

/// <summary>
/// 事件订阅: another system's callback URL, the event types and filters it wants, and the secret its deliveries are
/// signed with (Standard Webhooks 1.0). <see cref="Cursor"/> is the last <c>events.seq</c> matched, so each event is
/// matched once; the gap columns keep a seq that has not committed yet from being skipped (ADR 0014).
/// </summary>
public sealed class WebhookSubscription
{
    public Guid Id { get; set; }
    public required string Url { get; set; }
    /// <summary>The event types, space-separated; empty = every type.</summary>
    public string EventTypes { get; set; } = "";
    public Guid? DepartmentId { get; set; }
    public string? ItemCode { get; set; }
    public string? Action { get; set; }
    /// <summary><c>whsec_…</c>, encrypted with Data Protection (<see cref="WebhookSecrets"/>); shown once, at creation.</summary>
    public required string SecretProtected { get; set; }
    public SubscriptionStatus Status { get; set; }
    public string? DisabledReason { get; set; }
    public DateTimeOffset? DisabledAt { get; set; }
    /// <summary>The last <c>events.seq</c> this subscription has been matched against.</summary>
    public long Cursor { get; set; }
    /// <summary>A missing seq right after the cursor (an insert not yet committed, or rolled back) and since when.</summary>
    public long? GapSeq { get; set; }
    public DateTimeOffset? GapSince { get; set; }
    /// <summary>PostgreSQL: the snapshot's xmax when the gap was first seen; the gap is final once every older transaction ended.</summary>
    public long? GapXmax { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public Guid CreatedById { get; set; }
    /// <summary>The last alert to administrators that a delivery gave up (at most one a day), shown on the page.</summary>
    public DateTimeOffset? AlertAt { get; set; }
    public string? AlertText { get; set; }

    public IReadOnlyList<string> Types => EventTypes.Split(' ', StringSplitOptions.RemoveEmptyEntries);
}

internal sealed class WebhookSubscriptionConfiguration : IEntityTypeConfiguration<WebhookSubscription>
{
    public void Configure(EntityTypeBuilder<WebhookSubscription> b)
    {
        b.ToTable("webhook_subscriptions");
        b.Property(x => x.Url).HasMaxLength(CallbackUrls.MaxLength);
        b.Property(x => x.EventTypes).HasMaxLength(1024);
        b.Property(x => x.ItemCode).HasMaxLength(64);
        b.Property(x => x.Action).HasMaxLength(32);
        b.Property(x => x.SecretProtected).HasMaxLength(1024);
        b.Property(x => x.Status).HasConversion<string>().HasMaxLength(16);
        b.Property(x => x.DisabledReason).HasMaxLength(256);
        b.Property(x => x.AlertText).HasMaxLength(512);
        b.Ignore(x => x.Types);
        b.HasOne<Agency>().WithMany().HasForeignKey(x => x.DepartmentId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Account>().WithMany().HasForeignKey(x => x.CreatedById).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(x => x.DepartmentId);
        b.HasIndex(x => x.CreatedById);
    }
}
