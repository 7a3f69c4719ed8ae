using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using OneSeal.Organisation;

namespace OneSeal.Hall.Intake;

/// <summary>
/// A hall theme takes the items of a competent department (主题 → 主管部门): 市场准入 takes 市场监管局's items, 基本建设
/// 自然资源局's and 住建局's … Data, not code, like the themes; one department may belong to several themes. An item's
/// themes are the themes of its competent department, so a new item needs no setting of its own.
/// </summary>
public sealed class HallThemeDepartment
{
    public required string ThemeCode { get; set; }
    public Guid DepartmentId { get; set; }
}

internal sealed class HallThemeDepartmentConfiguration : IEntityTypeConfiguration<HallThemeDepartment>
{
    public void Configure(EntityTypeBuilder<HallThemeDepartment> b)
    {
        b.ToTable("hall_theme_departments");
        b.HasKey(x => new { x.ThemeCode, x.DepartmentId });
        b.Property(x => x.ThemeCode).HasMaxLength(32);
        b.HasOne<HallTheme>().WithMany().HasForeignKey(x => x.ThemeCode).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Agency>().WithMany().HasForeignKey(x => x.DepartmentId).OnDelete(DeleteBehavior.Cascade);
    }
}
