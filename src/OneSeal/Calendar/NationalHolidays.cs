using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using OneSeal.Platform.Database;
using OneSeal.Platform.Time;

namespace OneSeal.Calendar;

/// <summary>
/// The State Council's holiday notices shipped with the product (<c>Data/cn-holidays.json</c>). They are reference
/// data, not demo data: every deployment gets the years it does not have yet; years already present (perhaps
/// amended by an administrator) are left alone.
/// </summary>
public static class NationalHolidays
{
    public const string NationalRegion = "";

    public sealed record Year(int Number, string Notice, IReadOnlyList<CalendarDay> Days);

    public static IReadOnlyList<Year> Load()
    {
        using var stream = typeof(NationalHolidays).Assembly.GetManifestResourceStream("OneSeal.Calendar.Data.cn-holidays.json")
            ?? throw new InvalidOperationException("cn-holidays.json is not embedded");
        var file = JsonSerializer.Deserialize<FileShape>(stream, JsonSerializerOptions.Web) ?? throw new InvalidOperationException("cn-holidays.json is empty");
        return file.Years.Select(y => new Year(y.Year, y.Notice,
            y.Holidays.SelectMany(h => Range(h.From, h.To).Select(d => Day(d, CalendarDayKind.Holiday, h.Name, y.Year)))
                .Concat(y.Workdays.Select(w => Day(w.Date, CalendarDayKind.MakeUpWorkday, w.Name, y.Year)))
                .ToList())).ToList();
    }

    public static async Task SeedAsync(OneSealDb db, TimeProvider clock, CancellationToken ct)
    {
        var present = await db.Set<CalendarYear>().Where(y => y.Region == NationalRegion).Select(y => y.Year).ToListAsync(ct);
        var missing = Load().Where(y => !present.Contains(y.Number)).ToList();
        if (missing.Count == 0) return;
        foreach (var year in missing)
        {
            db.Add(new CalendarYear { Region = NationalRegion, Year = year.Number, Notice = year.Notice, UpdatedAt = clock.Now() });
            db.AddRange(year.Days);
        }
        await db.SaveChangesAsync(ct);
    }

    private static CalendarDay Day(DateOnly date, CalendarDayKind kind, string name, int year) =>
        new() { Region = NationalRegion, Date = date, Kind = kind, Name = name, Year = year };

    private static IEnumerable<DateOnly> Range(DateOnly from, DateOnly to)
    {
        for (var d = from; d <= to; d = d.AddDays(1)) yield return d;
    }

    private sealed record FileShape(List<YearShape> Years);
    private sealed record YearShape(int Year, string Notice, List<HolidayShape> Holidays, List<WorkdayShape> Workdays);
    private sealed record HolidayShape(string Name, DateOnly From, DateOnly To);
    private sealed record WorkdayShape(string Name, DateOnly Date);
}
