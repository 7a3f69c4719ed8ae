using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace OneSeal.Catalog;

/// <summary>申请材料 an item asks for.</summary>
public sealed class ItemMaterial
{
    public Guid Id { get; set; }
    public Guid ItemId { get; set; }
    /// <summary>Code unique within the item, e.g. M01.</summary>
    public required string Code { get; set; }
    public required string Name { get; set; }
    public bool Required { get; set; }
    /// <summary>可容缺: a non-key material the applicant may supply after acceptance, on a signed commitment.</summary>
    public bool Tolerable { get; set; }
    public string? Description { get; set; }
    public int SortOrder { get; set; }
}

internal sealed class ItemMaterialConfiguration : IEntityTypeConfiguration<ItemMaterial>
{
    public void Configure(EntityTypeBuilder<ItemMaterial> b)
    {
        b.ToTable("item_materials");
        b.Property(x => x.Code).HasMaxLength(32);
        b.Property(x => x.Name).HasMaxLength(200);
        b.Property(x => x.Description).HasMaxLength(1000);
        b.HasIndex(x => new { x.ItemId, x.Code }).IsUnique();
    }
}
