using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using OneSeal.Cases;
using OneSeal.Organisation;

namespace OneSeal.Cases.WindowChief;

/// <summary>
/// 联审会签: one department asked by a window chief for its opinion on a case, answered by that department's staff by
/// <see cref="DueOn"/> (working days from the request, the calendar's). A late answer is kept and shown as late.
/// </summary>
public sealed class JointReview
{
    public Guid Id { get; set; }
    public Guid CaseId { get; set; }
    public Guid DepartmentId { get; set; }
    public Guid RequestedById { get; set; }
    public DateTimeOffset RequestedAt { get; set; }
    public string? Question { get; set; }
    public DateOnly DueOn { get; set; }
    public string? Opinion { get; set; }
    public bool? Agree { get; set; }
    public Guid? AnsweredById { get; set; }
    public string? AnsweredByName { get; set; }
    public DateTimeOffset? AnsweredAt { get; set; }

    /// <summary>Not answered and the due date has passed, or answered after it (legal dates, Asia/Shanghai).</summary>
    public bool IsOverdue(DateOnly today) => AnsweredAt is { } at ? Platform.Time.LegalDates.ToLegalDate(at) > DueOn : today > DueOn;
}

internal sealed class JointReviewConfiguration : IEntityTypeConfiguration<JointReview>
{
    public void Configure(EntityTypeBuilder<JointReview> b)
    {
        b.ToTable("joint_reviews");
        b.Property(x => x.Question).HasMaxLength(2000);
        b.Property(x => x.Opinion).HasMaxLength(2000);
        b.Property(x => x.AnsweredByName).HasMaxLength(128);
        b.HasOne<Case>().WithMany().HasForeignKey(x => x.CaseId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Agency>().WithMany().HasForeignKey(x => x.DepartmentId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Account>().WithMany().HasForeignKey(x => x.RequestedById).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Account>().WithMany().HasForeignKey(x => x.AnsweredById).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(x => x.CaseId);
        // A department's open requests.
        b.HasIndex(x => new { x.DepartmentId, x.AnsweredAt });
    }
}
