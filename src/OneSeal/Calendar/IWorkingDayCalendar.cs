namespace OneSeal.Calendar;

/// <summary>
/// The law counts its periods in working days (工作日). The day of the triggering event is not counted.
/// </summary>
public interface IWorkingDayCalendar
{
    bool IsWorkingDay(DateOnly date);

    /// <summary>The date on which <paramref name="days"/> working days after <paramref name="from"/> have elapsed; 0 → <paramref name="from"/>.</summary>
    DateOnly AddWorkingDays(DateOnly from, int days);

    /// <summary>Working days in (<paramref name="from"/>, <paramref name="to"/>]: <paramref name="from"/> not counted, <paramref name="to"/> counted.</summary>
    int CountWorkingDays(DateOnly from, DateOnly to);

    /// <summary>
    /// The years of (<paramref name="from"/>, <paramref name="to"/>] whose holidays the calendar does not hold: there only
    /// weekends are skipped, so a count reaching them is incomplete and must say so.
    /// </summary>
    IReadOnlyList<int> MissingYears(DateOnly from, DateOnly to);
}
