using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace OneSeal.Cases.Clock;

/// <summary>Procedures whose time the law does not count (Art. 45), plus correction requested during review.</summary>
public enum PauseKind
{
    /// <summary>听证.</summary>
    Hearing,
    /// <summary>检验、检测、检疫.</summary>
    Inspection,
    /// <summary>鉴定.</summary>
    Appraisal,
    /// <summary>专家评审.</summary>
    ExpertReview,
    /// <summary>现场踏勘 / 现场核查.</summary>
    SiteInspection,
    /// <summary>审查中补正材料.</summary>
    CorrectionDuringReview,
}

/// <summary>
/// One stop of the working-day clock (期限中止). Started on <see cref="StartedOn"/> (that day still counts),
/// the working days after it up to and including <see cref="EndedOn"/> are not counted.
/// </summary>
public sealed class CasePause
{
    public Guid Id { get; set; }
    public Guid CaseId { get; set; }
    public PauseKind Kind { get; set; }
    public required string Reason { get; set; }
    public int ExpectedDays { get; set; }
    public DateOnly StartedOn { get; set; }
    public DateTimeOffset StartedAt { get; set; }
    public Guid StartedById { get; set; }
    public DateOnly? EndedOn { get; set; }
    public DateTimeOffset? EndedAt { get; set; }
    public Guid? EndedById { get; set; }
    /// <summary>The status the case returns to on resumption.</summary>
    public CaseStatus ResumeStatus { get; set; }
}

internal sealed class CasePauseConfiguration : IEntityTypeConfiguration<CasePause>
{
    public void Configure(EntityTypeBuilder<CasePause> b)
    {
        b.ToTable("case_pauses");
        b.Property(x => x.Kind).HasConversion<string>().HasMaxLength(32);
        b.Property(x => x.Reason).HasMaxLength(2000);
        b.Property(x => x.ResumeStatus).HasConversion<string>().HasMaxLength(24);
        b.HasIndex(x => new { x.CaseId, x.StartedAt });
        b.HasOne<Case>().WithMany().HasForeignKey(x => x.CaseId).OnDelete(DeleteBehavior.Cascade);
    }
}

public static class PauseLabels
{
    public static string Of(PauseKind k) => k switch
    {
        PauseKind.Hearing => "听证",
        PauseKind.Inspection => "检验、检测、检疫",
        PauseKind.Appraisal => "鉴定",
        PauseKind.ExpertReview => "专家评审",
        PauseKind.SiteInspection => "现场踏勘",
        PauseKind.CorrectionDuringReview => "审查中补正材料",
        _ => k.ToString(),
    };

    public static string Api(PauseKind k) => k switch
    {
        PauseKind.ExpertReview => "expert-review",
        PauseKind.SiteInspection => "site-inspection",
        PauseKind.CorrectionDuringReview => "correction",
        _ => k.ToString().ToLowerInvariant(),
    };

    public static bool TryParse(string? api, out PauseKind kind)
    {
        foreach (var k in Enum.GetValues<PauseKind>())
            if (Api(k) == api) { kind = k; return true; }
        kind = default;
        return false;
    }
}
