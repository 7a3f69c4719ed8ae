using Microsoft.EntityFrameworkCore;
using OneSeal.Platform.Database;

namespace OneSeal.Calendar;

/// <summary>
/// The calendar in force for this deployment's region (<c>OneSeal:RegionCode</c>): national days plus the region's
/// own closures. Loaded once at start and swapped whole when an administrator changes it, so the hot path
/// (every due date) reads an immutable snapshot and never touches the database.
/// </summary>
public sealed class WorkingDayClock(IConfiguration config) : IWorkingDayCalendar
{
    private volatile HolidayCalendar current = HolidayCalendar.Empty;

    public string Region { get; } = config["OneSeal:RegionCode"] ?? "";

    public HolidayCalendar Current => current;

    public async Task ReloadAsync(OneSealDb db, CancellationToken ct)
    {
        var regions = new[] { NationalHolidays.NationalRegion, Region };
        var days = await db.Set<CalendarDay>().AsNoTracking().Where(d => regions.Contains(d.Region)).ToListAsync(ct);
        var years = await db.Set<CalendarYear>().AsNoTracking().Where(y => y.Region == NationalHolidays.NationalRegion).Select(y => y.Year).ToListAsync(ct);
        current = new HolidayCalendar(days, years);
    }

    public bool IsWorkingDay(DateOnly date) => current.IsWorkingDay(date);
    public DateOnly AddWorkingDays(DateOnly from, int days) => current.AddWorkingDays(from, days);
    public int CountWorkingDays(DateOnly from, DateOnly to) => current.CountWorkingDays(from, to);
    public IReadOnlyList<int> MissingYears(DateOnly from, DateOnly to) => current.MissingYears(from, to);
}
