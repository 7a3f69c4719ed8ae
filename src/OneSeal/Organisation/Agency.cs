using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace OneSeal.Organisation;

public enum OrganisationKind
{
    /// <summary>行政审批局: approves the transferred items under one seal.</summary>
    Bureau,
    /// <summary>行政主管部门: a line department; supervises, and approves items not transferred.</summary>
    Department,
}

/// <summary>An agency (机构) of the county government: the bureau or a line department.</summary>
public sealed class Agency
{
    public Guid Id { get; set; }
    public required string Code { get; set; }
    public required string Name { get; set; }
    public OrganisationKind Kind { get; set; }
    /// <summary>统一社会信用代码 of the organisation (issuer code on certificates).</summary>
    public string? Uscc { get; set; }
    public string? Phone { get; set; }
    public required string RegionCode { get; set; }
}

internal sealed class AgencyConfiguration : IEntityTypeConfiguration<Agency>
{
    public void Configure(EntityTypeBuilder<Agency> b)
    {
        b.ToTable("agencies");
        b.Property(x => x.Code).HasMaxLength(32);
        b.Property(x => x.Name).HasMaxLength(128);
        b.Property(x => x.Kind).HasConversion<string>().HasMaxLength(16);
        b.Property(x => x.Uscc).HasMaxLength(18);
        b.Property(x => x.Phone).HasMaxLength(32);
        b.Property(x => x.RegionCode).HasMaxLength(12);
        b.HasIndex(x => x.Code).IsUnique();
    }
}
