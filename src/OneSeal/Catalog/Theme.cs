using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace OneSeal.Catalog;

/// <summary>A life-event theme (主题服务 / 一件事) the public guide lists items under, for persons or for enterprises.</summary>
public sealed class Theme
{
    public required string Code { get; set; }
    public required string Name { get; set; }
    /// <summary>Citizen (个人办事) or Enterprise (法人办事).</summary>
    public ServiceObject Audience { get; set; }
    public int SortOrder { get; set; }
}

/// <summary>
/// A shared material type (营业执照, 居民身份证, 房屋产权证明 ...): items that ask for the same document name the same
/// type, so it is recognised across items and can be fetched from the certificate library once.
/// </summary>
public sealed class MaterialType
{
    public required string Code { get; set; }
    public required string Name { get; set; }
}

internal sealed class ThemeConfiguration : IEntityTypeConfiguration<Theme>
{
    public void Configure(EntityTypeBuilder<Theme> b)
    {
        b.ToTable("themes");
        b.HasKey(x => x.Code);
        b.Property(x => x.Code).HasMaxLength(32);
        b.Property(x => x.Name).HasMaxLength(64);
        b.Property(x => x.Audience).HasConversion<string>().HasMaxLength(16);
    }
}

internal sealed class MaterialTypeConfiguration : IEntityTypeConfiguration<MaterialType>
{
    public void Configure(EntityTypeBuilder<MaterialType> b)
    {
        b.ToTable("material_types");
        b.HasKey(x => x.Code);
        b.Property(x => x.Code).HasMaxLength(32);
        b.Property(x => x.Name).HasMaxLength(64);
    }
}
