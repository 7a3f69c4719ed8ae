using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using OneSeal.Hall;
using OneSeal.Organisation;

namespace OneSeal.Ratings;

/// <summary>
/// A window's rating device (评价器): a tablet paired to one window with a one-time code the window chief shows. The
/// tablet keeps the device secret; the server keeps only its hash. Pairing again replaces the old device; a pending
/// pairing code lives ten minutes.
/// </summary>
public sealed class RatingDevice
{
    public Guid Id { get; set; }
    public Guid WindowId { get; set; }
    /// <summary>SHA-256 of the device secret, or of the pairing code while the pairing is pending.</summary>
    public required string SecretHash { get; set; }
    public bool Paired { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public Guid CreatedById { get; set; }
    /// <summary>When a pending code stops working.</summary>
    public DateTimeOffset? CodeExpiresAt { get; set; }
    public DateTimeOffset? PairedAt { get; set; }
    public DateTimeOffset? RevokedAt { get; set; }
}

internal sealed class RatingDeviceConfiguration : IEntityTypeConfiguration<RatingDevice>
{
    public void Configure(EntityTypeBuilder<RatingDevice> b)
    {
        b.ToTable("rating_devices");
        b.Property(x => x.SecretHash).HasMaxLength(64);
        b.HasOne<Window>().WithMany().HasForeignKey(x => x.WindowId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Account>().WithMany().HasForeignKey(x => x.CreatedById).OnDelete(DeleteBehavior.Restrict);
        // Every request from a device finds it by its secret's hash.
        b.HasIndex(x => x.SecretHash).IsUnique();
        b.HasIndex(x => x.WindowId);
    }
}
