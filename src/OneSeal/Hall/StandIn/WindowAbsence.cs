using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using OneSeal.Organisation;

namespace OneSeal.Hall.StandIn;

/// <summary>
/// A/B岗: a window's A post marked absent for one legal day (by themself or a window chief). That day the window's B post,
/// seated there, sees and acts on the A post's work, and the timeline names both (“B（代 A）”).
/// </summary>
public sealed class WindowAbsence
{
    public Guid Id { get; set; }
    public Guid WindowId { get; set; }
    public DateOnly Day { get; set; }
    /// <summary>The A post who is away (the window's A post when it was marked).</summary>
    public Guid AccountId { get; set; }
    public required string Reason { get; set; }
    public Guid MarkedById { get; set; }
    public DateTimeOffset MarkedAt { get; set; }
}

internal sealed class WindowAbsenceConfiguration : IEntityTypeConfiguration<WindowAbsence>
{
    public void Configure(EntityTypeBuilder<WindowAbsence> b)
    {
        b.ToTable("window_absences");
        b.Property(x => x.Reason).HasMaxLength(200);
        b.HasOne<Window>().WithMany().HasForeignKey(x => x.WindowId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Account>().WithMany().HasForeignKey(x => x.AccountId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Account>().WithMany().HasForeignKey(x => x.MarkedById).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(x => new { x.WindowId, x.Day }).IsUnique();
    }
}
