using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace OneSeal.Calendar;

public enum CalendarDayKind
{
    /// <summary>法定节假日 (放假): not a working day even on a weekday.</summary>
    Holiday,
    /// <summary>调休上班: a working day even on a weekend.</summary>
    MakeUpWorkday,
    /// <summary>A local closure (e.g. a disaster day) announced by the region: not a working day.</summary>
    LocalClosure,
}

/// <summary>A date that differs from the Monday–Friday rule. National days have an empty <see cref="Region"/>.</summary>
public sealed class CalendarDay
{
    public required string Region { get; set; }
    public DateOnly Date { get; set; }
    public CalendarDayKind Kind { get; set; }
    public required string Name { get; set; }
    public int Year { get; set; }
}

/// <summary>A year's announcement: which notice it comes from, and when it was entered or amended.</summary>
public sealed class CalendarYear
{
    public required string Region { get; set; }
    public int Year { get; set; }
    public required string Notice { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}

internal sealed class CalendarDayConfiguration : IEntityTypeConfiguration<CalendarDay>
{
    public void Configure(EntityTypeBuilder<CalendarDay> b)
    {
        b.ToTable("calendar_days");
        b.HasKey(x => new { x.Region, x.Date });
        b.Property(x => x.Region).HasMaxLength(12);
        b.Property(x => x.Kind).HasConversion<string>().HasMaxLength(16);
        b.Property(x => x.Name).HasMaxLength(64);
    }
}

internal sealed class CalendarYearConfiguration : IEntityTypeConfiguration<CalendarYear>
{
    public void Configure(EntityTypeBuilder<CalendarYear> b)
    {
        b.ToTable("calendar_years");
        b.HasKey(x => new { x.Region, x.Year });
        b.Property(x => x.Region).HasMaxLength(12);
        b.Property(x => x.Notice).HasMaxLength(200);
    }
}
