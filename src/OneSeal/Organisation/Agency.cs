using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace OneSeal.Organisation;

public enum OrganisationKind
{
    /// <summary>行政审批局: approves the transferred items under one seal.</summary>
    Bureau,
    /// <summary>行政主管部门: a line department; supervises, and approves items not transferred.</summary>
    Department,
    /// <summary>科室: a section of the bureau, or a department's one approval section (三集中三到位).</summary>
    Section,
    /// <summary>政务服务中心: the service centre that runs the halls.</summary>
    ServiceCentre,
    /// <summary>大厅 / 分厅: a hall of the service centre, where the windows are.</summary>
    Hall,
    /// <summary>便民服务中心 / 代办点: a township's or village's service point in the three-level network.</summary>
    ServicePoint,
}

/// <summary>An agency (机构) of the county government: the bureau or a line department.</summary>
public sealed class Agency
{
    public Guid Id { get; set; }
    public required string Code { get; set; }
    public required string Name { get; set; }
    /// <summary>简称, for narrow places (window screens, lists).</summary>
    public string? ShortName { get; set; }
    public OrganisationKind Kind { get; set; }
    /// <summary>The organisation above this one in the tree (a section's bureau, a hall's service centre); null at the top.</summary>
    public Guid? ParentId { get; set; }
    /// <summary>统一社会信用代码 of the organisation (issuer code on certificates).</summary>
    public string? Uscc { get; set; }
    public string? Phone { get; set; }
    public string? Address { get; set; }
    /// <summary>行政区划代码 (GB/T 2260, 12 digits down to the village) of the area the organisation serves.</summary>
    public required string RegionCode { get; set; }
    /// <summary>Closed (撤销) organisations stay, because cases and accounts refer to them; they take no new work.</summary>
    public DateTimeOffset? ClosedAt { get; set; }
}

internal sealed class AgencyConfiguration : IEntityTypeConfiguration<Agency>
{
    public void Configure(EntityTypeBuilder<Agency> b)
    {
        b.ToTable("agencies");
        b.Property(x => x.Code).HasMaxLength(32);
        b.Property(x => x.Name).HasMaxLength(128);
        b.Property(x => x.ShortName).HasMaxLength(32);
        b.Property(x => x.Address).HasMaxLength(256);
        b.Property(x => x.Kind).HasConversion<string>().HasMaxLength(16);
        b.Property(x => x.Uscc).HasMaxLength(18);
        b.Property(x => x.Phone).HasMaxLength(32);
        b.Property(x => x.RegionCode).HasMaxLength(12);
        b.HasIndex(x => x.Code).IsUnique();
        b.HasOne<Agency>().WithMany().HasForeignKey(x => x.ParentId).OnDelete(DeleteBehavior.Restrict);
    }
}
