using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace OneSeal.Cases.Commitments;

public enum CommitmentKind
{
    /// <summary>容缺受理: the applicant promises to supply the listed non-key materials by <see cref="CaseCommitment.SupplyBy"/>.</summary>
    Tolerance,
    /// <summary>告知承诺制: the applicant declares the conditions are met; the supervising department verifies later.</summary>
    Notification,
}

/// <summary>A commitment the applicant signed (承诺书) on a case.</summary>
public sealed class CaseCommitment
{
    public Guid Id { get; set; }
    public Guid CaseId { get; set; }
    public CommitmentKind Kind { get; set; }
    public required string Text { get; set; }
    /// <summary>Tolerance: the material codes still owed; JSON array.</summary>
    public string? MaterialsJson { get; set; }
    public DateOnly? SupplyBy { get; set; }
    public DateTimeOffset SignedAt { get; set; }
    public Guid SignedById { get; set; }
    public DateTimeOffset? FulfilledAt { get; set; }
    /// <summary>When the late-supply warning was given (once).</summary>
    public DateTimeOffset? WarnedAt { get; set; }
}

internal sealed class CaseCommitmentConfiguration : IEntityTypeConfiguration<CaseCommitment>
{
    public void Configure(EntityTypeBuilder<CaseCommitment> b)
    {
        b.ToTable("case_commitments");
        b.Property(x => x.Kind).HasConversion<string>().HasMaxLength(16);
        b.Property(x => x.Text).HasMaxLength(4000);
        b.Property(x => x.MaterialsJson).HasMaxLength(2000);
        b.HasIndex(x => new { x.CaseId, x.Kind }).IsUnique();
        // The late-supply sweep: outstanding tolerance commitments by supply date.
        b.HasIndex(x => new { x.Kind, x.FulfilledAt, x.SupplyBy });
        b.HasOne<Case>().WithMany().HasForeignKey(x => x.CaseId).OnDelete(DeleteBehavior.Cascade);
    }
}

/// <summary>What other capabilities may ask about a case's commitments (issue 13: the supervision push's kind).</summary>
public static class CaseCommitments
{
    /// <summary>Whether the applicant signed a 告知承诺 on the case: its approval is then verified by the supervising department.</summary>
    public static Task<bool> OnNotificationCommitmentAsync(OneSeal.Platform.Database.OneSealDb db, Guid caseId, CancellationToken ct) =>
        db.Set<CaseCommitment>().AnyAsync(x => x.CaseId == caseId && x.Kind == CommitmentKind.Notification, ct);
}
