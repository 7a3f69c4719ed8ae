using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace OneSeal.Catalog.Guides;

/// <summary>
/// A printable document of one published item version (the guide, or a blank form), rendered once and kept in the file
/// store: a published version never changes, so neither does its PDF.
/// </summary>
public sealed class GuidePdfFile
{
    public Guid ItemId { get; set; }
    /// <summary><c>guide</c>, or <c>blank-form/{material code}</c>.</summary>
    public required string Document { get; set; }
    public required string PdfKey { get; set; }
    public required string PdfSha256 { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}

internal sealed class GuidePdfFileConfiguration : IEntityTypeConfiguration<GuidePdfFile>
{
    public void Configure(EntityTypeBuilder<GuidePdfFile> b)
    {
        b.ToTable("guide_pdf_files");
        b.HasKey(x => new { x.ItemId, x.Document });
        b.Property(x => x.Document).HasMaxLength(48);
        b.Property(x => x.PdfKey).HasMaxLength(256);
        b.Property(x => x.PdfSha256).HasMaxLength(64);
        b.HasOne<Item>().WithMany().HasForeignKey(x => x.ItemId).OnDelete(DeleteBehavior.Cascade);
    }
}
