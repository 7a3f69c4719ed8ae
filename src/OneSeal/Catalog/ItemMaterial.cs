using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace OneSeal.Catalog;

/// <summary>材料来源.</summary>
public enum MaterialSource
{
    /// <summary>申请人自备.</summary>
    Applicant,
    /// <summary>政府部门核发.</summary>
    Government,
    /// <summary>证照库调取: fetched from the electronic certificate library, the applicant brings nothing.</summary>
    CertificateLibrary,
}

/// <summary>材料形式.</summary>
public enum MaterialForm { Paper, Electronic, Both }

/// <summary>申请材料 an item version asks for.</summary>
public sealed class ItemMaterial
{
    public Guid Id { get; set; }
    public Guid ItemId { get; set; }
    /// <summary>Code unique within the item, e.g. M01; kept across versions so versions can be compared.</summary>
    public required string Code { get; set; }
    public required string Name { get; set; }
    public bool Required { get; set; }
    /// <summary>可容缺: a non-key material the applicant may supply after acceptance, on a signed commitment.</summary>
    public bool Tolerable { get; set; }
    /// <summary>告知承诺可替代: on an item approved on commitment, an applicant who signs the commitment need not supply it.</summary>
    public bool ReplaceableByCommitment { get; set; }
    public string? Description { get; set; }
    public MaterialSource Source { get; set; }
    /// <summary>The shared <see cref="MaterialType"/>, if the document is one.</summary>
    public string? MaterialTypeCode { get; set; }
    public MaterialForm Form { get; set; }
    /// <summary>份数.</summary>
    public int Copies { get; set; } = 1;
    /// <summary>The legal basis for asking for it; none puts it on the clean-up worklist.</summary>
    public string? LegalBasis { get; set; }
    /// <summary>A blank form (空白表格) exists for it: the application form drawn from the item's form fields.</summary>
    public bool BlankForm { get; set; }
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
        b.Property(x => x.Source).HasConversion<string>().HasMaxLength(24);
        b.Property(x => x.MaterialTypeCode).HasMaxLength(32);
        b.Property(x => x.Form).HasConversion<string>().HasMaxLength(16);
        b.Property(x => x.LegalBasis).HasMaxLength(1000);
        b.HasIndex(x => new { x.ItemId, x.Code }).IsUnique();
        b.HasOne<MaterialType>().WithMany().HasForeignKey(x => x.MaterialTypeCode).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(x => x.MaterialTypeCode);
    }
}
