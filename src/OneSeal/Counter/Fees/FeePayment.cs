using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using OneSeal.Organisation;

namespace OneSeal.Counter.Fees;

/// <summary>How a fee was paid: at the fee window (cash, bank card, QR code) or on the payment platform.</summary>
public enum PaymentMethod { Cash, Card, Scan, Platform }

/// <summary>
/// A payment of a <see cref="FeeDemand"/>: recorded by a fee clerk at the fee window, or by the payment platform's signed
/// callback (<see cref="PlatformTransactionId"/>, unique: a repeated callback records nothing new). A refund is kept on
/// the same row with its reason.
/// </summary>
public sealed class FeePayment
{
    public Guid Id { get; set; }
    public Guid DemandId { get; set; }
    public Guid CaseId { get; set; }
    /// <summary>Copied from the demand: the daily reconciliation groups by it.</summary>
    public Guid DepartmentId { get; set; }
    public decimal Amount { get; set; }
    public PaymentMethod Method { get; set; }
    /// <summary>收据号 or 电子票据号.</summary>
    public string? ReceiptNumber { get; set; }
    public string? PlatformTransactionId { get; set; }
    /// <summary>The fee window it was paid at (null for the platform).</summary>
    public Guid? WindowId { get; set; }
    public Guid? RecordedById { get; set; }
    public DateTimeOffset PaidAt { get; set; }
    /// <summary>Legal date (Asia/Shanghai) of the payment: the reconciliation day.</summary>
    public DateOnly PaidOn { get; set; }
    public DateTimeOffset? RefundedAt { get; set; }
    public DateOnly? RefundedOn { get; set; }
    public string? RefundReason { get; set; }
    public Guid? RefundedById { get; set; }
}

internal sealed class FeePaymentConfiguration : IEntityTypeConfiguration<FeePayment>
{
    public void Configure(EntityTypeBuilder<FeePayment> b)
    {
        b.ToTable("fee_payments");
        b.Property(x => x.Amount).HasPrecision(12, 2);
        b.Property(x => x.Method).HasConversion<string>().HasMaxLength(16);
        b.Property(x => x.ReceiptNumber).HasMaxLength(64);
        b.Property(x => x.PlatformTransactionId).HasMaxLength(64);
        b.Property(x => x.RefundReason).HasMaxLength(500);
        b.HasOne<FeeDemand>().WithMany().HasForeignKey(x => x.DemandId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Agency>().WithMany().HasForeignKey(x => x.DepartmentId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(x => x.DemandId);
        b.HasIndex(x => x.PlatformTransactionId).IsUnique();
        // The daily reconciliation: payments and refunds of one legal day.
        b.HasIndex(x => x.PaidOn);
        b.HasIndex(x => x.RefundedOn);
    }
}
