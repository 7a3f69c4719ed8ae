using OneSeal.Platform.Database;
using OneSeal.Tests.Infrastructure;

namespace OneSeal.Tests.Lifecycle;

/// <summary>
/// An instant the fake clock of a lifecycle fixture starts at. Each start is a type so a fixture can be
/// <c>IClassFixture&lt;ClockedSqliteApp&lt;SpringFestivalEve&gt;&gt;</c>: one app, one database and one clock per test class.
/// The clock only moves forward, so a class whose facts move it has exactly one such fact (order independence).
/// </summary>
public interface IClockStart
{
    static abstract DateTimeOffset Start { get; }
}

/// <summary>Thu 2026-02-12 10:00 Beijing: the last days before the 2026 Spring Festival (2-15..2-23 off; Sat 2-14 and Sat 2-28 worked).</summary>
public sealed class SpringFestivalEve : IClockStart
{
    public static DateTimeOffset Start => Beijing(2026, 2, 12, 10, 0);
    public static DateTimeOffset Beijing(int y, int m, int d, int h, int min) => new(y, m, d, h, min, 0, TimeSpan.FromHours(8));
}

/// <summary>Mon 2026-03-02 10:00 Beijing: an ordinary week.</summary>
public sealed class OrdinaryMonday : IClockStart
{
    public static DateTimeOffset Start => SpringFestivalEve.Beijing(2026, 3, 2, 10, 0);
}

/// <summary>Wed 2026-04-01 10:00 Beijing: Qingming (4-4..4-6, Sat–Mon) ahead, Labour Day (5-1..5-5, Sat 5-9 worked) later.</summary>
public sealed class BeforeQingming : IClockStart
{
    public static DateTimeOffset Start => SpringFestivalEve.Beijing(2026, 4, 1, 10, 0);
}

/// <summary>Thu 2026-04-30 10:00 Beijing: the eve of Labour Day (5-1..5-5 off; Sat 5-9 worked).</summary>
public sealed class LabourDayEve : IClockStart
{
    public static DateTimeOffset Start => SpringFestivalEve.Beijing(2026, 4, 30, 10, 0);
}

/// <summary>Thu 2026-09-24 10:00 Beijing: Mid-Autumn (9-25..9-27) and National Day (10-1..10-7; Sat 10-10 worked) ahead.</summary>
public sealed class BeforeNationalDay : IClockStart
{
    public static DateTimeOffset Start => SpringFestivalEve.Beijing(2026, 9, 24, 10, 0);
}

/// <summary>
/// Wed 2025-12-31 07:30 Beijing = Tue 2025-12-30 23:30 UTC: the UTC date is still the 30th, so a clock that used the
/// UTC date instead of the Asia/Shanghai date would accept one day early and give a different due date.
/// </summary>
public sealed class NewYearsEveMorning : IClockStart
{
    public static DateTimeOffset Start => SpringFestivalEve.Beijing(2025, 12, 31, 7, 30);
}

public static class LifecycleOptions
{
    /// <summary>A fake clock at <paramref name="start"/>; the 60-second sweep is off (tests run the sweep themselves).</summary>
    public static OneSealFactoryOptions At(DateTimeOffset start) => new()
    {
        Time = new FakeTimeProvider(start),
        Settings = new Dictionary<string, string?> { ["Deadlines:SweepSeconds"] = "0" },
    };
}

public sealed class ClockedSqliteApp<TStart>() : OneSealFactory(DatabaseProvider.Sqlite, LifecycleOptions.At(TStart.Start))
    where TStart : IClockStart;

public sealed class ClockedPostgresApp<TStart>() : OneSealFactory(DatabaseProvider.Postgres, LifecycleOptions.At(TStart.Start))
    where TStart : IClockStart;
