using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using OneSeal.Organisation;

namespace OneSeal.Catalog;

/// <summary>A department that handles a 联办件 together with the implementing body.</summary>
public sealed class ItemJointDepartment
{
    public Guid ItemId { get; set; }
    public Guid AgencyId { get; set; }
}

/// <summary>A life-event theme (主题) the item is listed under.</summary>
public sealed class ItemTheme
{
    public Guid ItemId { get; set; }
    public required string ThemeCode { get; set; }
}

internal sealed class ItemJointDepartmentConfiguration : IEntityTypeConfiguration<ItemJointDepartment>
{
    public void Configure(EntityTypeBuilder<ItemJointDepartment> b)
    {
        b.ToTable("item_joint_departments");
        b.HasKey(x => new { x.ItemId, x.AgencyId });
        b.HasOne<Agency>().WithMany().HasForeignKey(x => x.AgencyId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(x => x.AgencyId);
    }
}

internal sealed class ItemThemeConfiguration : IEntityTypeConfiguration<ItemTheme>
{
    public void Configure(EntityTypeBuilder<ItemTheme> b)
    {
        b.ToTable("item_themes");
        b.HasKey(x => new { x.ItemId, x.ThemeCode });
        b.Property(x => x.ThemeCode).HasMaxLength(32);
        b.HasOne<Theme>().WithMany().HasForeignKey(x => x.ThemeCode).HasPrincipalKey(t => t.Code).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(x => x.ThemeCode);
    }
}
