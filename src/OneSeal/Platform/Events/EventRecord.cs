using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace OneSeal.Platform.Events;

/// <summary>
/// Something other systems may learn (a case accepted, a certificate issued, a supervision push claimed), written in the
/// same unit of work as the change it reports, so an event exists exactly when its change committed. Carried out of the
/// system as a CloudEvents 1.0 envelope (<c>id</c> = <see cref="Id"/>, <c>type</c>, <c>subject</c>, <c>time</c>,
/// <c>data</c>) by the exchange capability: webhooks, the broker and the pull feed, whose cursor is <see cref="Seq"/>.
/// </summary>
public sealed class EventRecord
{
    /// <summary>Order of recording; the pull feed's cursor. Assigned by the database.</summary>
    public long Seq { get; set; }
    /// <summary>The CloudEvents <c>id</c>: unique, stable across redeliveries.</summary>
    public Guid Id { get; set; }
    /// <summary>One of <see cref="EventTypes"/>, e.g. <c>case.accepted</c>.</summary>
    public required string Type { get; set; }
    /// <summary>What it is about: a case number, a certificate number, a push id.</summary>
    public required string Subject { get; set; }
    public DateTimeOffset Time { get; set; }
    /// <summary>Filters for subscribers: the department concerned (the item's supervising department), the item code and the action.</summary>
    public Guid? DepartmentId { get; set; }
    public string? ItemCode { get; set; }
    public string? Action { get; set; }
    /// <summary>The event's <c>data</c>: a JSON object (camelCase), no personal data beyond what the receiving department may see.</summary>
    public required string Data { get; set; }
}

internal sealed class EventRecordConfiguration : IEntityTypeConfiguration<EventRecord>
{
    public void Configure(EntityTypeBuilder<EventRecord> b)
    {
        b.ToTable("events");
        b.HasKey(x => x.Seq);
        b.Property(x => x.Seq).ValueGeneratedOnAdd();
        b.Property(x => x.Type).HasMaxLength(64);
        b.Property(x => x.Subject).HasMaxLength(128);
        b.Property(x => x.ItemCode).HasMaxLength(64);
        b.Property(x => x.Action).HasMaxLength(32);
        b.HasIndex(x => x.Id).IsUnique();
        b.HasIndex(x => new { x.Type, x.Seq });
        b.HasIndex(x => new { x.Subject, x.Seq });
    }
}
