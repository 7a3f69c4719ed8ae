using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using OneSeal.Organisation;

namespace OneSeal.Catalog.Transfers;

/// <summary>
/// 划转批次: items whose power moves from their departments to the bureau by one document (文号), effective on one date.
/// Each item gets a new published version, effective that date, with the bureau as implementing body; its earlier
/// versions stay as its history.
/// </summary>
public sealed class TransferBatch
{
    public Guid Id { get; set; }
    /// <summary>文号, e.g. 青审改发〔2024〕3号.</summary>
    public required string DocumentNumber { get; set; }
    public required string Title { get; set; }
    public DateOnly EffectiveOn { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public Guid? CreatedById { get; set; }
    public List<TransferBatchItem> Items { get; set; } = [];
}

/// <summary>One item of a batch: where it came from, and the entrustment (委托) re-done for it, if any.</summary>
public sealed class TransferBatchItem
{
    public Guid BatchId { get; set; }
    public required string ItemCode { get; set; }
    /// <summary>The department that implemented it before.</summary>
    public Guid FromAgencyId { get; set; }
    /// <summary>The entrustment the department had made, ended by the transfer.</summary>
    public Guid? PreviousEntrustedBodyId { get; set; }
    /// <summary>The entrustment the bureau makes again, if any.</summary>
    public Guid? EntrustedBodyId { get; set; }
    /// <summary>The item version the transfer published.</summary>
    public Guid ItemVersionId { get; set; }
}

internal sealed class TransferBatchConfiguration : IEntityTypeConfiguration<TransferBatch>
{
    public void Configure(EntityTypeBuilder<TransferBatch> b)
    {
        b.ToTable("transfer_batches");
        b.Property(x => x.DocumentNumber).HasMaxLength(64);
        b.Property(x => x.Title).HasMaxLength(200);
        b.HasIndex(x => x.DocumentNumber).IsUnique();
        b.HasMany(x => x.Items).WithOne().HasForeignKey(x => x.BatchId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class TransferBatchItemConfiguration : IEntityTypeConfiguration<TransferBatchItem>
{
    public void Configure(EntityTypeBuilder<TransferBatchItem> b)
    {
        b.ToTable("transfer_batch_items");
        b.HasKey(x => new { x.BatchId, x.ItemCode });
        b.Property(x => x.ItemCode).HasMaxLength(64);
        b.HasIndex(x => x.ItemCode);
        b.HasOne<Agency>().WithMany().HasForeignKey(x => x.FromAgencyId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Agency>().WithMany().HasForeignKey(x => x.PreviousEntrustedBodyId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Agency>().WithMany().HasForeignKey(x => x.EntrustedBodyId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Item>().WithMany().HasForeignKey(x => x.ItemVersionId).OnDelete(DeleteBehavior.Restrict);
    }
}
