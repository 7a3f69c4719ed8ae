using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using OneSeal.Hall;
using OneSeal.Organisation;

namespace OneSeal.Ratings;

/// <summary>
/// One applicant's rating of one service event (好差评). A window device rating is bound to the ticket it rates, so a
/// visit is rated once; it names the window, the staff who served and the cases served. Nobody rates for the applicant:
/// only the paired device's tap creates one, never a staff account.
/// </summary>
public sealed class Rating
{
    public Guid Id { get; set; }
    public RatingChannel Channel { get; set; }
    public RatingLevel Level { get; set; }
    /// <summary>The indicator and tag data the rating was given under (<see cref="RatingIndicator.SetVersion"/>).</summary>
    public required string SetVersion { get; set; }
    /// <summary>Chosen tags' codes, comma-separated (for bad ratings: 态度差, 多次跑动 …).</summary>
    public string? Tags { get; set; }
    public string? Comment { get; set; }
    public Guid? TicketId { get; set; }
    public Guid? WindowId { get; set; }
    public Guid? StaffId { get; set; }
    public Guid? DeviceId { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public List<RatingScore> Scores { get; set; } = [];
    public List<RatingCase> Cases { get; set; } = [];
}

/// <summary>The level given for one indicator of the set (办事效率, 服务态度 …).</summary>
public sealed class RatingScore
{
    public Guid RatingId { get; set; }
    public required string IndicatorCode { get; set; }
    public RatingLevel Level { get; set; }
}

/// <summary>A case the rated service event served (a rating may cover several cases filed in one visit).</summary>
public sealed class RatingCase
{
    public Guid RatingId { get; set; }
    public Guid CaseId { get; set; }
}

internal sealed class RatingConfiguration : IEntityTypeConfiguration<Rating>
{
    public const int MaxComment = 500, MaxTags = 512;

    public void Configure(EntityTypeBuilder<Rating> b)
    {
        b.ToTable("ratings");
        b.Property(x => x.Channel).HasConversion<string>().HasMaxLength(16);
        b.Property(x => x.Level).HasConversion<int>();
        b.Property(x => x.SetVersion).HasMaxLength(32);
        b.Property(x => x.Tags).HasMaxLength(MaxTags);
        b.Property(x => x.Comment).HasMaxLength(MaxComment);
        b.HasOne<Window>().WithMany().HasForeignKey(x => x.WindowId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Account>().WithMany().HasForeignKey(x => x.StaffId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<RatingDevice>().WithMany().HasForeignKey(x => x.DeviceId).OnDelete(DeleteBehavior.Restrict);
        // One rating per ticket: the database refuses a second even when two taps race.
        b.HasIndex(x => x.TicketId).IsUnique();
        // A staff member's ratings this month (the window screen, performance).
        b.HasIndex(x => new { x.StaffId, x.CreatedAt });
        b.HasMany(x => x.Scores).WithOne().HasForeignKey(x => x.RatingId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(x => x.Cases).WithOne().HasForeignKey(x => x.RatingId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class RatingScoreConfiguration : IEntityTypeConfiguration<RatingScore>
{
    public void Configure(EntityTypeBuilder<RatingScore> b)
    {
        b.ToTable("rating_scores");
        b.HasKey(x => new { x.RatingId, x.IndicatorCode });
        b.Property(x => x.IndicatorCode).HasMaxLength(32);
        b.Property(x => x.Level).HasConversion<int>();
    }
}

internal sealed class RatingCaseConfiguration : IEntityTypeConfiguration<RatingCase>
{
    public void Configure(EntityTypeBuilder<RatingCase> b)
    {
        b.ToTable("rating_cases");
        b.HasKey(x => new { x.RatingId, x.CaseId });
        // A case's ratings (the case page; the ratings issue's follow-up).
        b.HasIndex(x => x.CaseId);
    }
}
