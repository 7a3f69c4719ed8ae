using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using OneSeal.Organisation;

namespace OneSeal.Catalog;

/// <summary>办件类型.</summary>
public enum ItemKind
{
    /// <summary>即办件: accepted and decided at the window in one visit.</summary>
    Immediate,
    /// <summary>承诺件: decided within the promised working days.</summary>
    Promised,
    /// <summary>联办件: handled jointly by several departments (Art. 26: 45 + 15 working days).</summary>
    Joint,
    /// <summary>上报件: reviewed here, decided at a higher level (Art. 43).</summary>
    ReportUp,
}

/// <summary>服务对象.</summary>
public enum ServiceObject { Citizen, Enterprise, Both }

/// <summary>A licensing item (事项) of the catalog with the elements of its service guide.</summary>
public sealed class Item
{
    public Guid Id { get; set; }
    /// <summary>实施编码 (unique).</summary>
    public required string Code { get; set; }
    public required string Name { get; set; }
    /// <summary>事项类别: 行政许可, 行政确认, 公共服务 ...</summary>
    public required string Category { get; set; }
    public ItemKind Kind { get; set; }
    public ServiceObject ServiceObject { get; set; }
    /// <summary>主管部门: the line department that held the power.</summary>
    public Guid CompetentDepartmentId { get; set; }
    /// <summary>实施主体: the bureau for transferred items, else the department.</summary>
    public Guid ImplementingOrganisationId { get; set; }
    /// <summary>监管部门: receives results and supervises (审管分离).</summary>
    public Guid SupervisingDepartmentId { get; set; }
    /// <summary>法定时限 (working days).</summary>
    public int StatutoryDays { get; set; }
    /// <summary>承诺时限 (working days), at most the statutory limit.</summary>
    public int PromisedDays { get; set; }
    public required string LegalBasis { get; set; }
    public required string Conditions { get; set; }
    public bool FeeCharged { get; set; }
    public decimal? FeeAmount { get; set; }
    public string? FeeBasis { get; set; }
    /// <summary>跑动次数.</summary>
    public int Visits { get; set; }
    /// <summary>审批结果名称, e.g. 食品经营许可证.</summary>
    public required string ResultName { get; set; }
    /// <summary>证照类型代码.</summary>
    public required string ResultTypeCode { get; set; }
    public int? ResultValidityYears { get; set; }
    public string? Phone { get; set; }
    /// <summary>告知承诺制: may be approved on the applicant's written commitment, verified afterwards by the supervising department.</summary>
    public bool CommitmentApproval { get; set; }
    /// <summary>超时默认: deemed approved when the limit passes without a decision (seed 003).</summary>
    public bool DeemedApprovalOnTimeout { get; set; }
    public bool Published { get; set; }
    public int Version { get; set; }
    public List<ItemMaterial> Materials { get; set; } = [];
    public List<ItemFormField> FormFields { get; set; } = [];
}

internal sealed class ItemConfiguration : IEntityTypeConfiguration<Item>
{
    public void Configure(EntityTypeBuilder<Item> b)
    {
        b.ToTable("items");
        b.Property(x => x.Code).HasMaxLength(64);
        b.Property(x => x.Name).HasMaxLength(200);
        b.Property(x => x.Category).HasMaxLength(32);
        b.Property(x => x.Kind).HasConversion<string>().HasMaxLength(16);
        b.Property(x => x.ServiceObject).HasConversion<string>().HasMaxLength(16);
        b.Property(x => x.LegalBasis).HasMaxLength(4000);
        b.Property(x => x.Conditions).HasMaxLength(4000);
        b.Property(x => x.FeeAmount).HasPrecision(12, 2);
        b.Property(x => x.FeeBasis).HasMaxLength(1000);
        b.Property(x => x.ResultName).HasMaxLength(128);
        b.Property(x => x.ResultTypeCode).HasMaxLength(32);
        b.Property(x => x.Phone).HasMaxLength(32);
        b.HasIndex(x => x.Code).IsUnique();
        b.HasIndex(x => x.ImplementingOrganisationId);
        b.HasOne<Agency>().WithMany().HasForeignKey(x => x.CompetentDepartmentId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Agency>().WithMany().HasForeignKey(x => x.ImplementingOrganisationId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Agency>().WithMany().HasForeignKey(x => x.SupervisingDepartmentId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(x => x.Materials).WithOne().HasForeignKey(x => x.ItemId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(x => x.FormFields).WithOne().HasForeignKey(x => x.ItemId).OnDelete(DeleteBehavior.Cascade);
    }
}
