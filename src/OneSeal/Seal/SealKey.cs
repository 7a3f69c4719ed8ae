using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using OneSeal.Organisation;

namespace OneSeal.Seal;

/// <summary>
/// An organisation's signing key (its electronic seal). Old keys stay, inactive, so certificates they signed still verify.
/// </summary>
public sealed class SealKey
{
    public const string Sm2 = "SM2";

    public Guid Id { get; set; }
    public Guid OrganisationId { get; set; }
    public string Algorithm { get; set; } = Sm2;
    /// <summary>Uncompressed point 04‖X‖Y, lowercase hex (130 characters).</summary>
    public required string PublicKeyHex { get; set; }
    /// <summary>The private scalar, encrypted with ASP.NET Data Protection (<see cref="SealKeyStore.ProtectorPurpose"/>).</summary>
    public required string PrivateKeyProtected { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public bool Active { get; set; }
    /// <summary>When a rotation replaced it; it keeps verifying what it signed before.</summary>
    public DateTimeOffset? RetiredAt { get; set; }
}

internal sealed class SealKeyConfiguration : IEntityTypeConfiguration<SealKey>
{
    public void Configure(EntityTypeBuilder<SealKey> b)
    {
        b.ToTable("seal_keys");
        b.Property(x => x.Algorithm).HasMaxLength(16);
        b.Property(x => x.PublicKeyHex).HasMaxLength(130);
        b.Property(x => x.PrivateKeyProtected).HasMaxLength(1024);
        b.HasOne<Agency>().WithMany().HasForeignKey(x => x.OrganisationId).OnDelete(DeleteBehavior.Restrict);
        // At most one active key per organisation: two requests racing to create the first key cannot both win.
        // A bare boolean column is a valid predicate on both SQLite and PostgreSQL.
        b.HasIndex(x => x.OrganisationId, "ux_seal_keys_active_per_org").IsUnique().HasFilter("active");
        b.HasIndex(x => new { x.OrganisationId, x.CreatedAt });
    }
}
