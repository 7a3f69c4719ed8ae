using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using OneSeal.Organisation;

namespace OneSeal.Hall.Seats;

/// <summary>Who sits at a window: its A post (A岗), its B post (B岗, standing in), or a window chief (窗口负责人) taking a seat.</summary>
public enum SeatPost { A, B, Chief }

/// <summary>
/// A person signed in at a window for one legal day (窗口签到). What they may do at the hall follows from the window's
/// kind; signing in elsewhere, signing out, or the next day ends the seat. One open seat per person.
/// </summary>
public sealed class WindowSeat
{
    public Guid Id { get; set; }
    public Guid WindowId { get; set; }
    public Guid AccountId { get; set; }
    /// <summary>The legal date (Asia/Shanghai) of the seat.</summary>
    public DateOnly Day { get; set; }
    public SeatPost Post { get; set; }
    public DateTimeOffset SignedInAt { get; set; }
    public DateTimeOffset? SignedOutAt { get; set; }
}

internal sealed class WindowSeatConfiguration : IEntityTypeConfiguration<WindowSeat>
{
    public void Configure(EntityTypeBuilder<WindowSeat> b)
    {
        b.ToTable("window_seats");
        b.Property(x => x.Post).HasConversion<string>().HasMaxLength(8);
        b.HasOne<Window>().WithMany().HasForeignKey(x => x.WindowId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Account>().WithMany().HasForeignKey(x => x.AccountId).OnDelete(DeleteBehavior.Restrict);
        // "Where do I sit today" (every hall action asks it) and "who sits at this window today".
        b.HasIndex(x => new { x.AccountId, x.Day });
        b.HasIndex(x => new { x.WindowId, x.Day });
    }
}
