using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace OneSeal.Organisation.Applicants;

/// <summary>What a one-time code proves: a new account's phone, or the right to set a new password.</summary>
public enum CodePurpose { Register, Reset }

/// <summary>
/// A 6-digit code sent by SMS (<see cref="OneTimeCodes"/>). Only keyed hashes are stored: of the phone (to find the
/// codes sent to it) and of the code with the row's id (so one code's hash says nothing about another).
/// </summary>
public sealed class OneTimeCode
{
    public Guid Id { get; set; }
    public required string PhoneHash { get; set; }
    public CodePurpose Purpose { get; set; }
    public required string CodeHash { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset ExpiresAt { get; set; }
    /// <summary>Wrong entries so far; at <see cref="OneTimeCodes.MaxAttempts"/> the code is dead.</summary>
    public int Attempts { get; set; }
    public DateTimeOffset? UsedAt { get; set; }
}

internal sealed class OneTimeCodeConfiguration : IEntityTypeConfiguration<OneTimeCode>
{
    public void Configure(EntityTypeBuilder<OneTimeCode> b)
    {
        b.ToTable("one_time_codes");
        b.Property(x => x.PhoneHash).HasMaxLength(64);
        b.Property(x => x.Purpose).HasConversion<string>().HasMaxLength(16);
        b.Property(x => x.CodeHash).HasMaxLength(64);
        b.HasIndex(x => new { x.PhoneHash, x.CreatedAt });
    }
}
