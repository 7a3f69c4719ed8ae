using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using OneSeal.Organisation;

namespace OneSeal.Catalog;

internal sealed class ItemConfiguration : IEntityTypeConfiguration<Item>
{
    public void Configure(EntityTypeBuilder<Item> b)
    {
        b.ToTable("items");
        b.Property(x => x.Code).HasMaxLength(64);
        b.Property(x => x.BasicCode).HasMaxLength(32);
        b.Property(x => x.ParentCode).HasMaxLength(64);
        b.Property(x => x.Status).HasConversion<string>().HasMaxLength(16);
        b.Property(x => x.Revision).IsConcurrencyToken();
        b.Property(x => x.ChangeNote).HasMaxLength(1000);
        b.Property(x => x.Name).HasMaxLength(200);
        b.Property(x => x.Category).HasMaxLength(32);
        b.Property(x => x.Kind).HasConversion<string>().HasMaxLength(16);
        b.Property(x => x.ServiceObject).HasConversion<string>().HasMaxLength(16);
        b.Property(x => x.Level).HasConversion<string>().HasMaxLength(16);
        b.Property(x => x.Tongban).HasConversion<string>().HasMaxLength(16);
        b.Property(x => x.LegalBasis).HasMaxLength(4000);
        b.Property(x => x.LegalBasisText).HasMaxLength(8000);
        b.Property(x => x.Conditions).HasMaxLength(4000);
        b.Property(x => x.FeeAmount).HasPrecision(12, 2);
        b.Property(x => x.FeeStandard).HasMaxLength(1000);
        b.Property(x => x.FeeBasis).HasMaxLength(1000);
        b.Property(x => x.ResultName).HasMaxLength(128);
        b.Property(x => x.ResultTypeCode).HasMaxLength(32);
        b.Property(x => x.ResultSample).HasMaxLength(200);
        b.Property(x => x.IntermediaryServices).HasMaxLength(1000);
        b.Property(x => x.Phone).HasMaxLength(32);
        b.Property(x => x.ComplaintPhone).HasMaxLength(32);
        b.Property(x => x.Window).HasMaxLength(128);
        b.Property(x => x.HolderNameField).HasMaxLength(64);
        b.Property(x => x.HolderCodeField).HasMaxLength(64);
        b.Property(x => x.HolderCodeType).HasMaxLength(3);
        b.HasIndex(x => new { x.Code, x.Version }).IsUnique();
        // The in-force lookup: published versions of a code by effective date.
        b.HasIndex(x => new { x.Code, x.Status, x.EffectiveFrom });
        // At most one open draft (草稿 or 审核中) per item.
        b.HasIndex(x => x.Code).IsUnique().HasFilter("status IN ('Draft', 'InReview')");
        b.HasIndex(x => x.ImplementingOrganisationId);
        b.HasIndex(x => x.CompetentDepartmentId);
        b.HasIndex(x => x.TransferBatchId);
        // A guide lists the sub-items of its item.
        b.HasIndex(x => x.ParentCode);
        b.HasOne<Agency>().WithMany().HasForeignKey(x => x.CompetentDepartmentId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Agency>().WithMany().HasForeignKey(x => x.ImplementingOrganisationId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Agency>().WithMany().HasForeignKey(x => x.SupervisingDepartmentId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Agency>().WithMany().HasForeignKey(x => x.EntrustedBodyId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Agency>().WithMany().HasForeignKey(x => x.HandlingSectionId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Transfers.TransferBatch>().WithMany().HasForeignKey(x => x.TransferBatchId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(x => x.Materials).WithOne().HasForeignKey(x => x.ItemId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(x => x.FormFields).WithOne().HasForeignKey(x => x.ItemId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(x => x.Steps).WithOne().HasForeignKey(x => x.ItemId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(x => x.JointDepartments).WithOne().HasForeignKey(x => x.ItemId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(x => x.Themes).WithOne().HasForeignKey(x => x.ItemId).OnDelete(DeleteBehavior.Cascade);
    }
}
