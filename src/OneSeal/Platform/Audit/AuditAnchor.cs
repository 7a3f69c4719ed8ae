using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace OneSeal.Platform.Audit;

/// <summary>
/// A periodic checkpoint chaining the stream heads that moved since the previous anchor into one global chain, so
/// cutting the tail off a stream (or deleting a whole stream with its head) is detected even though streams are
/// otherwise independent.
/// </summary>
public sealed class AuditAnchor
{
    public long Id { get; set; }
    public DateTimeOffset At { get; set; }
    public int Heads { get; set; }
    public required string PrevHash { get; set; }
    public required string Hash { get; set; }
    /// <summary>The <see cref="AuditKeys"/> key that signed it; null only for an anchor nobody signed (a break).</summary>
    public string? KeyId { get; set; }
    /// <summary>HMAC-SM3 of <see cref="Hash"/> with a key kept outside the database (<see cref="AuditKeys.Sign"/>).</summary>
    public string? Signature { get; set; }
}

/// <summary>One stream head as an anchor saw it.</summary>
public sealed class AuditAnchorHead
{
    public long AnchorId { get; set; }
    public required string EntityType { get; set; }
    public required string EntityId { get; set; }
    public long Seq { get; set; }
    public required string Hash { get; set; }
}

internal sealed class AuditAnchorConfiguration : IEntityTypeConfiguration<AuditAnchor>
{
    public void Configure(EntityTypeBuilder<AuditAnchor> b)
    {
        b.ToTable("audit_anchors");
        b.Property(x => x.PrevHash).HasMaxLength(64);
        b.Property(x => x.Hash).HasMaxLength(64);
        b.Property(x => x.KeyId).HasMaxLength(16);
        b.Property(x => x.Signature).HasMaxLength(64);
        // Unique: two anchor writers (a lease that ran out mid-run) cannot fork the anchor chain.
        b.HasIndex(x => x.PrevHash).IsUnique();
    }
}

internal sealed class AuditAnchorHeadConfiguration : IEntityTypeConfiguration<AuditAnchorHead>
{
    public void Configure(EntityTypeBuilder<AuditAnchorHead> b)
    {
        b.ToTable("audit_anchor_heads");
        b.HasKey(x => new { x.AnchorId, x.EntityType, x.EntityId });
        b.Property(x => x.EntityType).HasMaxLength(64);
        b.Property(x => x.EntityId).HasMaxLength(64);
        b.Property(x => x.Hash).HasMaxLength(64);
        b.HasOne<AuditAnchor>().WithMany().HasForeignKey(x => x.AnchorId).OnDelete(DeleteBehavior.Restrict);
    }
}
