using System.Collections.Frozen;

namespace OneSeal.Calendar;

/// <summary>
/// Working days by the State Council's announcements: Monday–Friday, minus holidays and local closures,
/// plus make-up working days (调休) that fall on weekends. Immutable: a changed calendar is a new instance.
/// </summary>
public sealed class HolidayCalendar : IWorkingDayCalendar
{
    private readonly FrozenSet<DateOnly> closed;
    private readonly FrozenSet<DateOnly> open;
    private readonly FrozenDictionary<DateOnly, string> names;

    public HolidayCalendar(IEnumerable<CalendarDay> days, IEnumerable<int> announcedYears)
    {
        var list = days.ToList();
        closed = list.Where(d => d.Kind is CalendarDayKind.Holiday or CalendarDayKind.LocalClosure).Select(d => d.Date).ToFrozenSet();
        open = list.Where(d => d.Kind == CalendarDayKind.MakeUpWorkday).Select(d => d.Date).ToFrozenSet();
        names = list.GroupBy(d => d.Date).ToFrozenDictionary(g => g.Key, g => g.First().Name);
        AnnouncedYears = announcedYears.ToFrozenSet();
    }

    public static HolidayCalendar Empty { get; } = new([], []);

    /// <summary>Years whose holidays are known; beyond them only weekends are skipped.</summary>
    public FrozenSet<int> AnnouncedYears { get; }

    public bool IsWorkingDay(DateOnly date) =>
        open.Contains(date) || (date.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday) && !closed.Contains(date));

    /// <summary>The holiday or make-up day's name, for explaining a count (e.g. 春节, 春节调休上班).</summary>
    public string? NameOf(DateOnly date) => names.GetValueOrDefault(date);

    public DateOnly AddWorkingDays(DateOnly from, int days)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(days);
        var date = from;
        while (days > 0)
        {
            date = date.AddDays(1);
            if (IsWorkingDay(date)) days--;
        }
        return date;
    }

    public IReadOnlyList<int> MissingYears(DateOnly from, DateOnly to) =>
        to <= from ? [] : Enumerable.Range(from.AddDays(1).Year, to.Year - from.AddDays(1).Year + 1).Where(y => !AnnouncedYears.Contains(y)).ToList();

    public int CountWorkingDays(DateOnly from, DateOnly to)
    {
        var count = 0;
        for (var d = from.AddDays(1); d <= to; d = d.AddDays(1))
            if (IsWorkingDay(d)) count++;
        return count;
    }
}
