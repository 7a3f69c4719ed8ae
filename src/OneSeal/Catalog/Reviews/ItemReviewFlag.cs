using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace OneSeal.Catalog.Reviews;

/// <summary>
/// 待复核: an item a department's policy document touches must be checked against it. Open until a catalog administrator
/// marks it reviewed or publishes a new version of the item. The source is named, not referenced: the catalog does not
/// know the capability that raised it (a policy document today).
/// </summary>
public sealed class ItemReviewFlag
{
    public Guid Id { get; set; }
    public required string ItemCode { get; set; }
    /// <summary>Where the flag came from (<see cref="ItemReviews.PolicySource"/>) and its id there.</summary>
    public required string SourceKind { get; set; }
    public Guid SourceId { get; set; }
    /// <summary>What the administrator reads: the document's number and title, the department.</summary>
    public required string SourceTitle { get; set; }
    public DateTimeOffset RaisedAt { get; set; }
    public DateTimeOffset? ClearedAt { get; set; }
    public Guid? ClearedBy { get; set; }
    /// <summary><c>reviewed</c> or <c>new-version</c>.</summary>
    public string? ClearedHow { get; set; }
}

internal sealed class ItemReviewFlagConfiguration : IEntityTypeConfiguration<ItemReviewFlag>
{
    public void Configure(EntityTypeBuilder<ItemReviewFlag> b)
    {
        b.ToTable("item_review_flags");
        b.Property(x => x.ItemCode).HasMaxLength(64);
        b.Property(x => x.SourceKind).HasMaxLength(32);
        b.Property(x => x.SourceTitle).HasMaxLength(400);
        b.Property(x => x.ClearedHow).HasMaxLength(16);
        b.HasIndex(x => new { x.ItemCode, x.ClearedAt });
        b.HasIndex(x => new { x.SourceKind, x.SourceId });
    }
}
