using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using OneSeal.Cases;
using OneSeal.Organisation;

namespace OneSeal.Cases.WindowChief;

/// <summary>
/// 预审: a window chief's one written list of what to fix in a draft online application before it is formally submitted.
/// The applicant reads the latest one on their case page; earlier ones stay on the timeline.
/// </summary>
public sealed class CasePreReview
{
    public Guid Id { get; set; }
    public Guid CaseId { get; set; }
    public Guid ReviewerId { get; set; }
    public required string ReviewerName { get; set; }
    public DateTimeOffset At { get; set; }
    /// <summary>What to fix, one entry a line of the list; JSON array of strings.</summary>
    public required string ItemsJson { get; set; }
    public string? Note { get; set; }

    public IReadOnlyList<string> Items => System.Text.Json.JsonSerializer.Deserialize<List<string>>(ItemsJson) ?? [];
}

internal sealed class CasePreReviewConfiguration : IEntityTypeConfiguration<CasePreReview>
{
    public void Configure(EntityTypeBuilder<CasePreReview> b)
    {
        b.ToTable("case_pre_reviews");
        b.Property(x => x.ReviewerName).HasMaxLength(128);
        b.Property(x => x.ItemsJson).HasMaxLength(30000);
        b.Property(x => x.Note).HasMaxLength(2000);
        b.Ignore(x => x.Items);
        b.HasOne<Case>().WithMany().HasForeignKey(x => x.CaseId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Account>().WithMany().HasForeignKey(x => x.ReviewerId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(x => new { x.CaseId, x.At });
    }
}
