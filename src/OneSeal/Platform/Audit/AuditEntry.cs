using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace OneSeal.Platform.Audit;

/// <summary>
/// One line of the append-only audit trail. Each entry carries the hash of the one before it in its stream (the
/// entries about one entity: <see cref="EntityType"/> + <see cref="EntityId"/>), so deleting or editing any row breaks
/// the chain (checked by <see cref="AuditTrail.VerifyAsync"/>; docs/decisions/0006-audit-chain-per-stream.md).
/// </summary>
public sealed class AuditEntry
{
    public long Id { get; set; }
    public DateTimeOffset At { get; set; }
    public Guid? ActorId { get; set; }
    public required string ActorName { get; set; }
    public required string Action { get; set; }
    public required string EntityType { get; set; }
    public required string EntityId { get; set; }
    public string? Detail { get; set; }
    public string PrevHash { get; set; } = "";
    public string Hash { get; set; } = "";
    /// <summary>Position in the entity's stream, from 1. Null for entries written before migration 0009, which form one global chain by id.</summary>
    public long? StreamSeq { get; set; }
}

internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> b)
    {
        b.ToTable("audit_entries");
        b.Property(x => x.ActorName).HasMaxLength(128);
        b.Property(x => x.Action).HasMaxLength(64);
        b.Property(x => x.EntityType).HasMaxLength(64);
        b.Property(x => x.EntityId).HasMaxLength(AuditTrail.MaxEntityId);
        b.Property(x => x.Detail).HasMaxLength(AuditTrail.MaxDetail);
        b.Property(x => x.PrevHash).HasMaxLength(64);
        b.Property(x => x.Hash).HasMaxLength(64);
        // Unique: two writers can never both append the same position of a stream, whatever the locking does.
        b.HasIndex(x => new { x.EntityType, x.EntityId, x.StreamSeq }).IsUnique();
        // The audit administrator's search (Organisation/Auditing/AuditSearch.cs): by actor, object, action or time, newest first.
        b.HasIndex(x => new { x.ActorId, x.Id });
        b.HasIndex(x => new { x.ActorName, x.Id });
        b.HasIndex(x => new { x.Action, x.Id });
        b.HasIndex(x => new { x.EntityId, x.Id });
        b.HasIndex(x => x.At);
    }
}
