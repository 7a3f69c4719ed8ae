using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace OneSeal.Hall;

/// <summary>
/// A field of work a comprehensive window takes (分领域综合受理: 市场准入, 基本建设, 农牧业 …). Data, not code: the
/// county may add its own; migration 0018 enters the usual ones.
/// </summary>
public sealed class HallTheme
{
    public required string Code { get; set; }
    public required string Name { get; set; }
    public int SortOrder { get; set; }
    /// <summary>The letter queue tickets of this theme start with (A023); migration 0030 gives the usual themes theirs.</summary>
    public string? TicketPrefix { get; set; }
}

internal sealed class HallThemeConfiguration : IEntityTypeConfiguration<HallTheme>
{
    public void Configure(EntityTypeBuilder<HallTheme> b)
    {
        b.ToTable("hall_themes");
        b.HasKey(x => x.Code);
        b.Property(x => x.Code).HasMaxLength(32);
        b.Property(x => x.Name).HasMaxLength(64);
        b.Property(x => x.TicketPrefix).HasMaxLength(1);
    }
}
