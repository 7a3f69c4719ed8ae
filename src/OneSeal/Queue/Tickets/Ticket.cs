using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using OneSeal.Hall;
using OneSeal.Organisation;

namespace OneSeal.Queue.Tickets;

/// <summary>Where a ticket is in the hall: waiting, called to a window, being served, and how it ended.</summary>
public enum TicketState { Waiting, Called, Serving, Finished, NoShow, Expired }

/// <summary>
/// Normal tickets queue by theme; an appointment checked in (预约, prefix Y) and the 绿色通道 (elderly, disabled,
/// pregnant: prefix L) are called first, within <see cref="QueueOptions.PriorityBurst"/>.
/// </summary>
public enum TicketKind { Normal, Appointment, Priority }

/// <summary>
/// A queue number (排队号) of one hall on one legal day: theme prefix + 3 digits (A023), Y… for appointments, L… for the
/// 绿色通道, numbered per hall, day and prefix from a gapless counter. Transferred tickets keep their number and their
/// taken-at, which is their place in the queue. The holder's ID number, when given, only as keyed hash and masked copy.
/// </summary>
public sealed class Ticket
{
    public Guid Id { get; set; }
    public Guid HallId { get; set; }
    public DateOnly Day { get; set; }
    public required string ThemeCode { get; set; }
    public TicketKind Kind { get; set; }
    /// <summary>kiosk, phone or appointment: where it was taken.</summary>
    public required string Channel { get; set; }
    public required string Number { get; set; }
    public DateTimeOffset TakenAt { get; set; }
    public TicketState State { get; set; }
    /// <summary>The window that called it (last).</summary>
    public Guid? WindowId { get; set; }
    /// <summary>Transferred to one window: only that window calls it (otherwise any window of its theme).</summary>
    public Guid? TransferWindowId { get; set; }
    public Guid? StaffId { get; set; }
    public DateTimeOffset? CalledAt { get; set; }
    public DateTimeOffset? LastCalledAt { get; set; }
    public int Recalls { get; set; }
    public int Transfers { get; set; }
    public DateTimeOffset? ServingAt { get; set; }
    public DateTimeOffset? FinishedAt { get; set; }
    public string? IdNumberHash { get; set; }
    public string? IdNumberMasked { get; set; }
    public Guid? AppointmentId { get; set; }

    /// <summary>Appointments and the 绿色通道 are called before normal tickets.</summary>
    public bool First => Kind != TicketKind.Normal;
}

internal sealed class TicketConfiguration : IEntityTypeConfiguration<Ticket>
{
    public void Configure(EntityTypeBuilder<Ticket> b)
    {
        b.ToTable("queue_tickets");
        b.Property(x => x.ThemeCode).HasMaxLength(32);
        b.Property(x => x.Kind).HasConversion<string>().HasMaxLength(16);
        b.Property(x => x.Channel).HasMaxLength(16);
        b.Property(x => x.Number).HasMaxLength(16);
        b.Property(x => x.State).HasConversion<string>().HasMaxLength(16);
        b.Property(x => x.IdNumberHash).HasMaxLength(64);
        b.Property(x => x.IdNumberMasked).HasMaxLength(32);
        b.HasOne<Agency>().WithMany().HasForeignKey(x => x.HallId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<HallTheme>().WithMany().HasForeignKey(x => x.ThemeCode).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Window>().WithMany().HasForeignKey(x => x.WindowId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Window>().WithMany().HasForeignKey(x => x.TransferWindowId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Account>().WithMany().HasForeignKey(x => x.StaffId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(x => new { x.HallId, x.Day, x.Number }).IsUnique();
        b.HasIndex(x => new { x.HallId, x.Day, x.State });
        // A window's current ticket, and the one it finished last (the rating device asks for it).
        b.HasIndex(x => new { x.WindowId, x.State, x.FinishedAt });
        b.HasIndex(x => x.TransferWindowId);
        b.HasIndex(x => x.StaffId);
        b.HasIndex(x => x.IdNumberHash);
        b.HasIndex(x => x.AppointmentId);
    }
}
