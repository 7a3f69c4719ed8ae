using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace OneSeal.Supervision;

public enum VerificationStatus { Open, Done }

/// <summary>
/// 核查任务: after an approval on commitment (告知承诺制) the supervising department checks, by the due date, that the
/// applicant's declaration was true. Recorded at the decision; the department workbench handles it (审管互动 issue).
/// </summary>
public sealed class VerificationTask
{
    public Guid Id { get; set; }
    public Guid CaseId { get; set; }
    public required string CaseNumber { get; set; }
    public Guid DepartmentId { get; set; }
    public required string Subject { get; set; }
    public DateOnly DueOn { get; set; }
    public VerificationStatus Status { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}

internal sealed class VerificationTaskConfiguration : IEntityTypeConfiguration<VerificationTask>
{
    public void Configure(EntityTypeBuilder<VerificationTask> b)
    {
        b.ToTable("verification_tasks");
        b.Property(x => x.CaseNumber).HasMaxLength(32);
        b.Property(x => x.Subject).HasMaxLength(400);
        b.Property(x => x.Status).HasConversion<string>().HasMaxLength(16);
        b.HasIndex(x => new { x.DepartmentId, x.Status, x.DueOn });
        b.HasIndex(x => x.CaseId);
    }
}
