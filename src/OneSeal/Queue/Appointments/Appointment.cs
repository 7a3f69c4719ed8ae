using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using OneSeal.Hall;
using OneSeal.Organisation;

namespace OneSeal.Queue.Appointments;

public enum AppointmentStatus
{
    /// <summary>已预约: holds a place; at most one per person per theme.</summary>
    Booked,
    /// <summary>已签到: checked in at the kiosk and given a ticket.</summary>
    CheckedIn,
    /// <summary>已取消: its place returns to the pool at <see cref="Appointment.ReleasesAt"/>.</summary>
    Cancelled,
    /// <summary>爽约: not checked in by the end of its slot plus grace; three in 30 days block booking.</summary>
    NoShow,
}

/// <summary>
/// 预约: a real-name booking of one half-hour slot of a hall theme on a working day. The ID number and phone are stored
/// encrypted, masked and as keyed hashes (<c>LookupHash</c> purposes "identity" and "phone"); the booking code only
/// as a keyed hash, as it proves the holder when cancelling without an account.
/// </summary>
public sealed class Appointment
{
    public Guid Id { get; set; }
    public required string ThemeCode { get; set; }
    /// <summary>The hall whose windows take the theme (an organisation of kind Hall).</summary>
    public Guid HallId { get; set; }
    public DateOnly Day { get; set; }
    /// <summary>The slot's start, minutes after local midnight (540 = 09:00).</summary>
    public int StartMinute { get; set; }
    /// <summary>The slot's start as an instant (check-in window, no-show sweep, reminders).</summary>
    public DateTimeOffset StartsAt { get; set; }
    public AppointmentStatus Status { get; set; }
    public required string Name { get; set; }
    public required string IdNumberProtected { get; set; }
    public required string IdNumberMasked { get; set; }
    public required string IdNumberHash { get; set; }
    public required string PhoneProtected { get; set; }
    public required string PhoneMasked { get; set; }
    public required string PhoneHash { get; set; }
    public required string CodeHash { get; set; }
    /// <summary>The signed-in applicant who booked (null: booked without an account).</summary>
    public Guid? AccountId { get; set; }
    public DateTimeOffset BookedAt { get; set; }
    public DateTimeOffset? CancelledAt { get; set; }
    /// <summary>When a cancelled place counts as free again (cancel time + the release delay: anti-scalping).</summary>
    public DateTimeOffset? ReleasesAt { get; set; }
    public DateTimeOffset? CheckedInAt { get; set; }
    public DateTimeOffset? NoShowAt { get; set; }
    public DateTimeOffset? RemindedAt { get; set; }
}

internal sealed class AppointmentConfiguration : IEntityTypeConfiguration<Appointment>
{
    public const int MaxName = 64;

    public void Configure(EntityTypeBuilder<Appointment> b)
    {
        b.ToTable("appointments");
        b.Property(x => x.ThemeCode).HasMaxLength(32);
        b.Property(x => x.Status).HasConversion<string>().HasMaxLength(16);
        b.Property(x => x.Name).HasMaxLength(MaxName);
        b.Property(x => x.IdNumberProtected).HasMaxLength(1024);
        b.Property(x => x.IdNumberMasked).HasMaxLength(32);
        b.Property(x => x.IdNumberHash).HasMaxLength(64);
        b.Property(x => x.PhoneProtected).HasMaxLength(1024);
        b.Property(x => x.PhoneMasked).HasMaxLength(32);
        b.Property(x => x.PhoneHash).HasMaxLength(64);
        b.Property(x => x.CodeHash).HasMaxLength(64);
        b.HasOne<HallTheme>().WithMany().HasForeignKey(x => x.ThemeCode).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Agency>().WithMany().HasForeignKey(x => x.HallId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Account>().WithMany().HasForeignKey(x => x.AccountId).OnDelete(DeleteBehavior.Restrict);
        // Places taken in a slot; one active booking per person per theme; the kiosk finds the day's code.
        b.HasIndex(x => new { x.ThemeCode, x.Day, x.StartMinute });
        b.HasIndex(x => new { x.ThemeCode, x.IdNumberHash }).IsUnique().HasFilter("status = 'Booked'");
        b.HasIndex(x => new { x.Day, x.CodeHash }).IsUnique();
        b.HasIndex(x => new { x.IdNumberHash, x.StartsAt });
        b.HasIndex(x => new { x.PhoneHash, x.BookedAt });
        b.HasIndex(x => new { x.Status, x.StartsAt });
        b.HasIndex(x => x.HallId);
        b.HasIndex(x => x.AccountId);
    }
}

/// <summary>
/// One row per slot that was ever booked: the booking transaction upserts it first, which holds the row's lock until
/// commit, so two bookings of the same slot count its places one after the other (the last place goes to one).
/// </summary>
public sealed class AppointmentSlotLock
{
    public required string ThemeCode { get; set; }
    public DateOnly Day { get; set; }
    public int StartMinute { get; set; }
    public int Bookings { get; set; }
}

internal sealed class AppointmentSlotLockConfiguration : IEntityTypeConfiguration<AppointmentSlotLock>
{
    public void Configure(EntityTypeBuilder<AppointmentSlotLock> b)
    {
        b.ToTable("appointment_slot_locks");
        b.HasKey(x => new { x.ThemeCode, x.Day, x.StartMinute });
        b.Property(x => x.ThemeCode).HasMaxLength(32);
    }
}

/// <summary>Places per half hour for a theme, set by the system administrator (absent: the configured default).</summary>
public sealed class AppointmentCapacity
{
    public required string ThemeCode { get; set; }
    public int PerSlot { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}

internal sealed class AppointmentCapacityConfiguration : IEntityTypeConfiguration<AppointmentCapacity>
{
    public void Configure(EntityTypeBuilder<AppointmentCapacity> b)
    {
        b.ToTable("appointment_capacities");
        b.HasKey(x => x.ThemeCode);
        b.Property(x => x.ThemeCode).HasMaxLength(32);
        b.HasOne<HallTheme>().WithMany().HasForeignKey(x => x.ThemeCode).OnDelete(DeleteBehavior.Cascade);
    }
}

/// <summary>The booking horizon (working days ahead), one row (id 1) once the administrator set it.</summary>
public sealed class AppointmentSettings
{
    public int Id { get; set; }
    public int HorizonDays { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}

internal sealed class AppointmentSettingsConfiguration : IEntityTypeConfiguration<AppointmentSettings>
{
    public void Configure(EntityTypeBuilder<AppointmentSettings> b)
    {
        b.ToTable("appointment_settings");
        b.Property(x => x.Id).ValueGeneratedNever();
    }
}
