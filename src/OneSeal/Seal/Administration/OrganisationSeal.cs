using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using OneSeal.Organisation;

namespace OneSeal.Seal.Administration;

/// <summary>
/// An approving organisation's seal as the administrator keeps it (印章): its name, the impression (PNG), the custodian
/// who answers for it. One per organisation; its signing keys are the organisation's <see cref="SealKey"/>s.
/// </summary>
public sealed class OrganisationSeal
{
    public const int MaxName = 64;

    public Guid Id { get; set; }
    public Guid OrganisationId { get; set; }
    public required string Name { get; set; }
    /// <summary>保管人: the staff account answering for the seal.</summary>
    public Guid? CustodianAccountId { get; set; }
    /// <summary>The impression (印模), a checked PNG.</summary>
    public byte[]? ImagePng { get; set; }
    public DateTimeOffset? ImageUpdatedAt { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}

internal sealed class OrganisationSealConfiguration : IEntityTypeConfiguration<OrganisationSeal>
{
    public void Configure(EntityTypeBuilder<OrganisationSeal> b)
    {
        b.ToTable("seals");
        b.Property(x => x.Name).HasMaxLength(OrganisationSeal.MaxName);
        b.HasOne<Agency>().WithMany().HasForeignKey(x => x.OrganisationId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Account>().WithMany().HasForeignKey(x => x.CustodianAccountId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(x => x.OrganisationId).IsUnique();
        b.HasIndex(x => x.CustodianAccountId);
    }
}
