using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using OneSeal.Supervision.Pushes;

namespace OneSeal.Supervision.Records;

/// <summary>日常检查 / 双随机抽查 / 整改 / 立案.</summary>
public enum RecordKind { RoutineInspection, RandomInspection, Rectification, CaseFiled }

/// <summary>What the supervision found: 合格, 责令整改, 立案查处.</summary>
public enum RecordResult { Compliant, RectificationOrdered, Penalised }

/// <summary>
/// A supervision record (监管记录) on a claimed push, reported back to the bureau (反馈) when recorded: the bureau sees it on
/// the case, and the certificate's public page a short line (by whom, the date and the result, no inspectors' names).
/// </summary>
public sealed class SupervisionRecord
{
    public Guid Id { get; set; }
    public Guid PushId { get; set; }
    public RecordKind Kind { get; set; }
    public DateOnly CheckedOn { get; set; }
    /// <summary>The inspectors' names (执法人员), shown to the bureau only.</summary>
    public required string Inspectors { get; set; }
    public required string Findings { get; set; }
    public RecordResult Result { get; set; }
    public Guid RecordedById { get; set; }
    public required string RecordedByName { get; set; }
    public DateTimeOffset RecordedAt { get; set; }
    public List<SupervisionAttachment> Attachments { get; set; } = [];
}

/// <summary>A file of a record (inspection report, photos, rectification notice), kept in the file store.</summary>
public sealed class SupervisionAttachment
{
    public Guid Id { get; set; }
    public Guid RecordId { get; set; }
    public required string FileName { get; set; }
    public required string StorageKey { get; set; }
    public long SizeBytes { get; set; }
    public required string Sha256 { get; set; }
}

internal sealed class SupervisionRecordConfiguration : IEntityTypeConfiguration<SupervisionRecord>
{
    public void Configure(EntityTypeBuilder<SupervisionRecord> b)
    {
        b.ToTable("supervision_records");
        b.Property(x => x.Kind).HasConversion<string>().HasMaxLength(24);
        b.Property(x => x.Result).HasConversion<string>().HasMaxLength(24);
        b.Property(x => x.Inspectors).HasMaxLength(200);
        b.Property(x => x.Findings).HasMaxLength(4000);
        b.Property(x => x.RecordedByName).HasMaxLength(64);
        b.HasIndex(x => new { x.PushId, x.CheckedOn });
        b.HasOne<SupervisionPush>().WithMany().HasForeignKey(x => x.PushId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(x => x.Attachments).WithOne().HasForeignKey(x => x.RecordId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class SupervisionAttachmentConfiguration : IEntityTypeConfiguration<SupervisionAttachment>
{
    public void Configure(EntityTypeBuilder<SupervisionAttachment> b)
    {
        b.ToTable("supervision_attachments");
        b.Property(x => x.FileName).HasMaxLength(200);
        b.Property(x => x.StorageKey).HasMaxLength(200);
        b.Property(x => x.Sha256).HasMaxLength(64);
        b.HasIndex(x => x.RecordId);
    }
}
