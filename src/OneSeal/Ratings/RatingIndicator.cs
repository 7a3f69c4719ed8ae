using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace OneSeal.Ratings;

/// <summary>
/// An indicator of a national set (GB/T 39734-2020 §6: offline 总体评价 / 办事效率 / 服务水平 / 服务态度; online adds guide
/// accuracy, convenience, platform usability) or a bad-rating tag, as versioned data: a new version is new rows, and each
/// rating names the version it was given under. Migration 0033 enters version <c>GB/T 39734-2020</c>.
/// </summary>
public sealed class RatingIndicator
{
    public required string SetVersion { get; set; }
    /// <summary><c>offline</c> / <c>online</c> for indicators, <c>tag</c> for bad-rating tags.</summary>
    public required string Kind { get; set; }
    public required string Code { get; set; }
    public required string Name { get; set; }
    public int SortOrder { get; set; }
}

internal sealed class RatingIndicatorConfiguration : IEntityTypeConfiguration<RatingIndicator>
{
    public void Configure(EntityTypeBuilder<RatingIndicator> b)
    {
        b.ToTable("rating_indicators");
        b.HasKey(x => new { x.SetVersion, x.Kind, x.Code });
        b.Property(x => x.SetVersion).HasMaxLength(32);
        b.Property(x => x.Kind).HasMaxLength(16);
        b.Property(x => x.Code).HasMaxLength(32);
        b.Property(x => x.Name).HasMaxLength(64);
    }
}
