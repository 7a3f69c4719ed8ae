using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace OneSeal.Supervision.Policies;

/// <summary>
/// 政策文件 (issue 13 §2, policy pushed the other way): a line department publishes a policy document or standard to the
/// bureau — title, document number (文号), date, summary, attachments, the catalog items it touches — and the bureau signs
/// for it (签收) within <c>Supervision:PolicyAckWorkingDays</c> working days.
/// </summary>
public sealed class PolicyDocument
{
    public Guid Id { get; set; }
    /// <summary>The publishing department (the publisher's work unit).</summary>
    public Guid DepartmentId { get; set; }
    public required string Title { get; set; }
    /// <summary>文号, e.g. 某市监〔2026〕12号; unique per department.</summary>
    public required string DocumentNumber { get; set; }
    public DateOnly IssuedOn { get; set; }
    public required string Summary { get; set; }
    public Guid PublishedBy { get; set; }
    public required string PublishedByName { get; set; }
    public DateTimeOffset PublishedAt { get; set; }
    /// <summary>The last working day to sign for it.</summary>
    public DateOnly AckDueOn { get; set; }
    public DateTimeOffset? AcknowledgedAt { get; set; }
    public Guid? AcknowledgedBy { get; set; }
    public string? AcknowledgedByName { get; set; }
}

/// <summary>A catalog item the document touches (by code: every version of the item).</summary>
public sealed class PolicyItem
{
    public Guid PolicyId { get; set; }
    public required string ItemCode { get; set; }
}

/// <summary>A file attached to the document, kept in the file store.</summary>
public sealed class PolicyAttachment
{
    public Guid Id { get; set; }
    public Guid PolicyId { get; set; }
    public required string FileName { get; set; }
    public required string ContentType { get; set; }
    public long SizeBytes { get; set; }
    public required string Sha256 { get; set; }
    public required string StorageKey { get; set; }
}

internal sealed class PolicyDocumentConfiguration : IEntityTypeConfiguration<PolicyDocument>, IEntityTypeConfiguration<PolicyItem>,
    IEntityTypeConfiguration<PolicyAttachment>
{
    public void Configure(EntityTypeBuilder<PolicyDocument> b)
    {
        b.ToTable("policy_documents");
        b.Property(x => x.Title).HasMaxLength(200);
        b.Property(x => x.DocumentNumber).HasMaxLength(64);
        b.Property(x => x.Summary).HasMaxLength(4000);
        b.Property(x => x.PublishedByName).HasMaxLength(100);
        b.Property(x => x.AcknowledgedByName).HasMaxLength(100);
        b.HasOne<OneSeal.Organisation.Agency>().WithMany().HasForeignKey(x => x.DepartmentId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(x => new { x.DepartmentId, x.DocumentNumber }).IsUnique();
        b.HasIndex(x => new { x.AcknowledgedAt, x.AckDueOn });
    }

    public void Configure(EntityTypeBuilder<PolicyItem> b)
    {
        b.ToTable("policy_items");
        b.HasKey(x => new { x.PolicyId, x.ItemCode });
        b.Property(x => x.ItemCode).HasMaxLength(64);
        b.HasOne<PolicyDocument>().WithMany().HasForeignKey(x => x.PolicyId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(x => x.ItemCode);
    }

    public void Configure(EntityTypeBuilder<PolicyAttachment> b)
    {
        b.ToTable("policy_attachments");
        b.Property(x => x.FileName).HasMaxLength(200);
        b.Property(x => x.ContentType).HasMaxLength(100);
        b.Property(x => x.Sha256).HasMaxLength(64);
        b.Property(x => x.StorageKey).HasMaxLength(200);
        b.HasOne<PolicyDocument>().WithMany().HasForeignKey(x => x.PolicyId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(x => x.PolicyId);
        b.HasIndex(x => x.StorageKey).IsUnique();
    }
}
