using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace OneSeal.Supervision.Verification;

/// <summary>Open; 属实 (done); 不属实 and waiting for the bureau chief to revoke; revoked.</summary>
public enum VerificationStatus { Open, Done, AwaitingRevocation, Revoked }

/// <summary>
/// 核查任务: after an approval on commitment (告知承诺制) the supervising department checks, by the due date, that the
/// applicant's declaration was true. Opened with the decision's push; found untrue, the case goes on the bureau chief's
/// worklist ("核查不属实，待撤销") and nothing happens to the approval until the chief revokes it.
/// </summary>
public sealed class VerificationTask
{
    public Guid Id { get; set; }
    public Guid CaseId { get; set; }
    public required string CaseNumber { get; set; }
    public Guid DepartmentId { get; set; }
    /// <summary>The bureau that approved (whose chief revokes).</summary>
    public Guid? HandlingOrganisationId { get; set; }
    public Guid? PushId { get; set; }
    public required string Subject { get; set; }
    public DateOnly DueOn { get; set; }
    public VerificationStatus Status { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    /// <summary>true 属实, false 不属实; null while open.</summary>
    public bool? Truthful { get; set; }
    public string? ResultNote { get; set; }
    public DateTimeOffset? VerifiedAt { get; set; }
    public Guid? VerifiedById { get; set; }
    public string? VerifiedByName { get; set; }
}

internal sealed class VerificationTaskConfiguration : IEntityTypeConfiguration<VerificationTask>
{
    public void Configure(EntityTypeBuilder<VerificationTask> b)
    {
        b.ToTable("verification_tasks");
        b.Property(x => x.CaseNumber).HasMaxLength(32);
        b.Property(x => x.Subject).HasMaxLength(400);
        b.Property(x => x.Status).HasConversion<string>().HasMaxLength(24);
        b.Property(x => x.ResultNote).HasMaxLength(2000);
        b.Property(x => x.VerifiedByName).HasMaxLength(64);
        b.HasIndex(x => new { x.DepartmentId, x.Status, x.DueOn });
        b.HasIndex(x => x.CaseId);
        // The chief's worklist: untrue findings of the bureau waiting for revocation.
        b.HasIndex(x => new { x.HandlingOrganisationId, x.Status });
    }
}
