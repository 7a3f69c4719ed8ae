using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using OneSeal.Organisation;

namespace OneSeal.Hall.Enquiries;

/// <summary>
/// 首问登记: a question asked at a window, recorded by whoever was asked first (首问负责). It stays open until answered;
/// one not closed within one working day of the day it was asked (<see cref="DueOn"/>) is overdue (逾期) for the
/// window chief.
/// </summary>
public sealed class Enquiry
{
    public Guid Id { get; set; }
    /// <summary>The window the recorder sat at (<see cref="Seats.WindowSeats"/>).</summary>
    public Guid WindowId { get; set; }
    public Guid RecordedById { get; set; }
    public DateTimeOffset RecordedAt { get; set; }
    /// <summary>The last legal day to close it: the working day after the day it was asked.</summary>
    public DateOnly DueOn { get; set; }
    public required string AskerName { get; set; }
    /// <summary>The asker's mobile number, encrypted (<see cref="Platform.Security.PersonalData"/>); shown only masked.</summary>
    public string? AskerPhoneProtected { get; set; }
    public string? AskerPhoneMasked { get; set; }
    public string? ItemCode { get; set; }
    public string? ItemName { get; set; }
    public required string Question { get; set; }
    public string? Answer { get; set; }
    /// <summary>Who the asker was referred to (a department, a window, a person), when the first window could not answer.</summary>
    public string? ReferredTo { get; set; }
    public DateTimeOffset? ClosedAt { get; set; }
    public Guid? ClosedById { get; set; }
}

internal sealed class EnquiryConfiguration : IEntityTypeConfiguration<Enquiry>
{
    public const int MaxName = 64, MaxText = 2000, MaxReferredTo = 128, MaxItemCode = 64;

    public void Configure(EntityTypeBuilder<Enquiry> b)
    {
        b.ToTable("enquiries");
        b.Property(x => x.AskerName).HasMaxLength(MaxName);
        b.Property(x => x.AskerPhoneProtected).HasMaxLength(1024);
        b.Property(x => x.AskerPhoneMasked).HasMaxLength(32);
        b.Property(x => x.ItemCode).HasMaxLength(MaxItemCode);
        b.Property(x => x.ItemName).HasMaxLength(200);
        b.Property(x => x.Question).HasMaxLength(MaxText);
        b.Property(x => x.Answer).HasMaxLength(MaxText);
        b.Property(x => x.ReferredTo).HasMaxLength(MaxReferredTo);
        b.HasOne<Window>().WithMany().HasForeignKey(x => x.WindowId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Account>().WithMany().HasForeignKey(x => x.RecordedById).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Account>().WithMany().HasForeignKey(x => x.ClosedById).OnDelete(DeleteBehavior.Restrict);
        // "My enquiries" (newest first) and the chief's open / overdue list.
        b.HasIndex(x => new { x.RecordedById, x.RecordedAt });
        b.HasIndex(x => new { x.ClosedAt, x.DueOn });
    }
}
