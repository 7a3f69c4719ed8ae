using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace OneSeal.Supervision.Pushes;

/// <summary>What the bureau decided that the department now supervises. Change and renewal join with issue 15.</summary>
public enum PushKind { Approval, Commitment, Revocation, Change, Renewal }

/// <summary>Where a push stands for the department: to claim (认领) by its date, claimed, or overdue (unclaimed past the date).</summary>
public enum PushState { ToClaim, Claimed, Overdue }

/// <summary>
/// 推送: an approval result (or its revocation) sent, in the decision's transaction, to the item's supervising department
/// (监管部门), which claims it within <see cref="SupervisionOptions.ClaimWorkingDays"/> working days and then records
/// its supervision (事中事后监管) and reports back.
/// </summary>
public sealed class SupervisionPush
{
    public Guid Id { get; set; }
    public Guid CaseId { get; set; }
    public required string CaseNumber { get; set; }
    public required string ItemCode { get; set; }
    public required string ItemName { get; set; }
    /// <summary>Who the result is made out to (the applicant: a person's or an enterprise's name, no identity number).</summary>
    public required string HolderName { get; set; }
    /// <summary>The supervising department the push went to.</summary>
    public Guid DepartmentId { get; set; }
    /// <summary>The bureau that decided (its chief sees the reports on the case).</summary>
    public Guid HandlingOrganisationId { get; set; }
    public PushKind Kind { get; set; }
    public DateTimeOffset PushedAt { get; set; }
    public DateOnly PushedOn { get; set; }
    /// <summary>The last day to claim (inclusive): yellow on it, red after it.</summary>
    public DateOnly ClaimBy { get; set; }
    public DateTimeOffset? ClaimedAt { get; set; }
    public Guid? ClaimedById { get; set; }
    public string? ClaimedByName { get; set; }
    /// <summary>When the department last reported a supervision record back.</summary>
    public DateTimeOffset? ReportedAt { get; set; }

    public PushState StateOn(DateOnly today) =>
        ClaimedAt is not null ? PushState.Claimed : today > ClaimBy ? PushState.Overdue : PushState.ToClaim;

    /// <summary>Yellow on the last day to claim, like a case's deadline.</summary>
    public bool YellowOn(DateOnly today) => ClaimedAt is null && today == ClaimBy;
}

internal sealed class SupervisionPushConfiguration : IEntityTypeConfiguration<SupervisionPush>
{
    public void Configure(EntityTypeBuilder<SupervisionPush> b)
    {
        b.ToTable("supervision_pushes");
        b.Property(x => x.CaseNumber).HasMaxLength(32);
        b.Property(x => x.ItemCode).HasMaxLength(64);
        b.Property(x => x.ItemName).HasMaxLength(200);
        b.Property(x => x.HolderName).HasMaxLength(200);
        b.Property(x => x.Kind).HasConversion<string>().HasMaxLength(16);
        b.Property(x => x.ClaimedByName).HasMaxLength(64);
        // The department's lists and the digest: its pushes by claim state and date.
        b.HasIndex(x => new { x.DepartmentId, x.ClaimedAt, x.ClaimBy });
        b.HasIndex(x => x.CaseId);
    }
}
