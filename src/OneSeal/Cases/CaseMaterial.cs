using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace OneSeal.Cases;

/// <summary>An uploaded material file. The bytes live in the file store; the row keeps its SHA-256.</summary>
public sealed class CaseMaterial
{
    public Guid Id { get; set; }
    public Guid CaseId { get; set; }
    public required string MaterialCode { get; set; }
    public required string FileName { get; set; }
    public required string ContentType { get; set; }
    public long SizeBytes { get; set; }
    public required string Sha256 { get; set; }
    public required string StorageKey { get; set; }
    public DateTimeOffset UploadedAt { get; set; }
    public Guid UploadedById { get; set; }
    /// <summary>A newer upload for the same material replaces this one (kept for the record).</summary>
    public bool Superseded { get; set; }
    /// <summary>At a window, the paper the clerk saw: original seen (原件已核验) or copy kept (复印件留存); null online.</summary>
    public PaperCheck? PaperCheck { get; set; }
}

public enum PaperCheck { Original, Copy }

internal sealed class CaseMaterialConfiguration : IEntityTypeConfiguration<CaseMaterial>
{
    public void Configure(EntityTypeBuilder<CaseMaterial> b)
    {
        b.ToTable("case_materials");
        b.Property(x => x.MaterialCode).HasMaxLength(32);
        b.Property(x => x.FileName).HasMaxLength(255);
        b.Property(x => x.ContentType).HasMaxLength(64);
        b.Property(x => x.Sha256).HasMaxLength(64);
        b.Property(x => x.StorageKey).HasMaxLength(255);
        b.HasIndex(x => new { x.CaseId, x.MaterialCode });
        b.Property(x => x.PaperCheck).HasConversion<string>().HasMaxLength(16);
    }
}
