using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace OneSeal.Platform.Audit;

/// <summary>
/// The head of one audit stream: the last position and hash appended for one entity. Appending locks this row, so
/// writers of the same entity queue while writers of different entities never wait for each other.
/// </summary>
public sealed class AuditStream
{
    public required string EntityType { get; set; }
    public required string EntityId { get; set; }
    public long Seq { get; set; }
    public required string Hash { get; set; }
    /// <summary>The position the latest anchor covered; below <see cref="Seq"/> means the anchor job has work here.</summary>
    public long AnchoredSeq { get; set; }
}

internal sealed class AuditStreamConfiguration : IEntityTypeConfiguration<AuditStream>
{
    public void Configure(EntityTypeBuilder<AuditStream> b)
    {
        b.ToTable("audit_streams");
        b.HasKey(x => new { x.EntityType, x.EntityId });
        b.Property(x => x.EntityType).HasMaxLength(64);
        b.Property(x => x.EntityId).HasMaxLength(64);
        b.Property(x => x.Hash).HasMaxLength(64);
        // Only the heads the anchor job still has to cover, so it never scans the settled ones.
        b.HasIndex(x => x.AnchoredSeq).HasFilter("anchored_seq < seq");
    }
}
