using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace OneSeal.Organisation.Regions;

/// <summary>The three levels of the county's service network (县、乡、村三级).</summary>
public enum RegionLevel
{
    /// <summary>县（市、区）: the root of this deployment's tree.</summary>
    County,
    /// <summary>乡镇 / 街道.</summary>
    Township,
    /// <summary>村 / 社区.</summary>
    Village,
}

/// <summary>
/// An area of the county (行政区划) by its GB/T 2260 code extended to 12 digits (统计用区划代码): 6 for the county,
/// 3 for the township, 3 for the village. The code says the level and the parent, so neither can contradict it.
/// </summary>
public sealed class Region
{
    public required string Code { get; set; }
    public required string Name { get; set; }
    public RegionLevel Level { get; set; }
    /// <summary>The region above; null for the county.</summary>
    public string? ParentCode { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}

internal sealed class RegionConfiguration : IEntityTypeConfiguration<Region>
{
    public void Configure(EntityTypeBuilder<Region> b)
    {
        b.ToTable("regions");
        b.HasKey(x => x.Code);
        b.Property(x => x.Code).HasMaxLength(12);
        b.Property(x => x.Name).HasMaxLength(64);
        b.Property(x => x.Level).HasConversion<string>().HasMaxLength(16);
        b.Property(x => x.ParentCode).HasMaxLength(12);
        b.HasOne<Region>().WithMany().HasForeignKey(x => x.ParentCode).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(x => x.ParentCode);
    }
}
