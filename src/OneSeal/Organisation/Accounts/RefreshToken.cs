using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace OneSeal.Organisation.Accounts;

/// <summary>
/// One refresh token, stored only as its SHA-256 (the database never holds a usable token). It is used once: refreshing
/// marks it used and hands out the next one. It is void once the account's security stamp moves on.
/// </summary>
public sealed class RefreshToken
{
    public Guid Id { get; set; }
    public Guid AccountId { get; set; }
    public required string TokenHash { get; set; }
    /// <summary>The account's security stamp when the token was issued.</summary>
    public required string SecurityStamp { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset ExpiresAt { get; set; }
    public DateTimeOffset? UsedAt { get; set; }
}

internal sealed class RefreshTokenConfiguration : IEntityTypeConfiguration<RefreshToken>
{
    public void Configure(EntityTypeBuilder<RefreshToken> b)
    {
        b.ToTable("refresh_tokens");
        b.Property(x => x.TokenHash).HasMaxLength(64);
        b.Property(x => x.SecurityStamp).HasMaxLength(32);
        b.HasIndex(x => x.TokenHash).IsUnique();
        b.HasIndex(x => x.AccountId);
        b.HasOne<Account>().WithMany().HasForeignKey(x => x.AccountId).OnDelete(DeleteBehavior.Cascade);
    }
}
