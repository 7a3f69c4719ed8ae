using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using OneSeal.Cases;
using OneSeal.Organisation;

namespace OneSeal.Counter.Fees;

public enum FeeDemandStatus
{
    /// <summary>待缴: the case's result is not delivered until it is paid.</summary>
    Unpaid,
    /// <summary>已缴.</summary>
    Paid,
    /// <summary>已退费: the payment was refunded with a reason; the demand is closed (it does not fall due again).</summary>
    Refunded,
    /// <summary>已免收: waived by a window chief under a preferential policy (<see cref="FeeRelief"/>); nothing to pay.</summary>
    Waived,
}

/// <summary>
/// 缴款通知 of a decided case (集中收费): the amount and basis of the item version's fee, the non-tax payment code
/// (<see cref="PaymentCodes"/>) and the sealed 缴款通知书. Created in the approval's transaction; one per case.
/// </summary>
public sealed class FeeDemand
{
    public Guid Id { get; set; }
    public Guid CaseId { get; set; }
    public required string CaseNumber { get; set; }
    public required string ItemName { get; set; }
    /// <summary>The case's handling organisation: the department the fee is reconciled for.</summary>
    public Guid DepartmentId { get; set; }
    /// <summary>非税缴款码, 20 digits with a check digit.</summary>
    public required string PaymentCode { get; set; }
    public decimal Amount { get; set; }
    /// <summary>收费依据, as the item version states it.</summary>
    public string? Basis { get; set; }
    public FeeDemandStatus Status { get; set; }
    /// <summary>The 缴款通知书.</summary>
    public Guid? NoticeId { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? PaidAt { get; set; }
    /// <summary>The amount first demanded, when a window chief reduced or waived it (<see cref="FeeRelief"/>).</summary>
    public decimal? OriginalAmount { get; set; }
    /// <summary>The preferential policy the fee was reduced or waived under.</summary>
    public string? ReliefBasis { get; set; }
}

internal sealed class FeeDemandConfiguration : IEntityTypeConfiguration<FeeDemand>
{
    public void Configure(EntityTypeBuilder<FeeDemand> b)
    {
        b.ToTable("fee_demands");
        b.Property(x => x.CaseNumber).HasMaxLength(32);
        b.Property(x => x.ItemName).HasMaxLength(200);
        b.Property(x => x.PaymentCode).HasMaxLength(20);
        b.Property(x => x.Amount).HasPrecision(12, 2);
        b.Property(x => x.Basis).HasMaxLength(1000);
        b.Property(x => x.OriginalAmount).HasPrecision(12, 2);
        b.Property(x => x.ReliefBasis).HasMaxLength(500);
        b.Property(x => x.Status).HasConversion<string>().HasMaxLength(16);
        b.HasOne<Case>().WithMany().HasForeignKey(x => x.CaseId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Agency>().WithMany().HasForeignKey(x => x.DepartmentId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(x => x.CaseId).IsUnique();
        b.HasIndex(x => x.PaymentCode).IsUnique();
        b.HasIndex(x => x.CaseNumber);
    }
}
