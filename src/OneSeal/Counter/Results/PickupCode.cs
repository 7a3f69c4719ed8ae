using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using OneSeal.Cases;

namespace OneSeal.Counter.Results;

/// <summary>
/// 取件码 of a decided case: six digits the applicant shows at the result window. Checked against a keyed hash
/// (<see cref="CodeHash"/>); kept encrypted (<see cref="CodeProtected"/>) only so the applicant's own case page can show it
/// again. <see cref="MaxFailures"/> wrong codes lock it until the result window issues a new one.
/// </summary>
public sealed class PickupCode
{
    public const int MaxFailures = 5;

    public Guid CaseId { get; set; }
    public required string CodeHash { get; set; }
    public required string CodeProtected { get; set; }
    public int FailedAttempts { get; set; }
    public DateTimeOffset? LockedAt { get; set; }
    public DateTimeOffset IssuedAt { get; set; }
    public DateTimeOffset? UsedAt { get; set; }
}

internal sealed class PickupCodeConfiguration : IEntityTypeConfiguration<PickupCode>
{
    public void Configure(EntityTypeBuilder<PickupCode> b)
    {
        b.ToTable("pickup_codes");
        b.HasKey(x => x.CaseId);
        b.Property(x => x.CodeHash).HasMaxLength(64);
        b.Property(x => x.CodeProtected).HasMaxLength(1024);
        b.HasOne<Case>().WithOne().HasForeignKey<PickupCode>(x => x.CaseId).OnDelete(DeleteBehavior.Cascade);
    }
}
