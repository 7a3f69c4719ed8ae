using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace OneSeal.Organisation.Accounts;

/// <summary>
/// One of the ten recovery codes shown once at enrolment, stored only as its SHA-256 (each is 50 random bits, so no
/// salt is needed against guessing); it replaces a TOTP code once, for a person who lost the phone.
/// </summary>
public sealed class RecoveryCode
{
    public Guid Id { get; set; }
    public Guid AccountId { get; set; }
    public required string CodeHash { get; set; }
    public DateTimeOffset? UsedAt { get; set; }
}

internal sealed class RecoveryCodeConfiguration : IEntityTypeConfiguration<RecoveryCode>
{
    public void Configure(EntityTypeBuilder<RecoveryCode> b)
    {
        b.ToTable("recovery_codes");
        b.Property(x => x.CodeHash).HasMaxLength(64);
        b.HasIndex(x => x.AccountId);
        b.HasOne<Account>().WithMany().HasForeignKey(x => x.AccountId).OnDelete(DeleteBehavior.Cascade);
    }
}
