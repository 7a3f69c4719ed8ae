using OneSeal.Calendar;

namespace OneSeal.Cases.Rules;

/// <summary>
/// The decision is due when the promised working days have elapsed after acceptance; the day of acceptance is not
/// counted. A same-day limit (0) accepted on a rest day (an online case accepted at the weekend) is due on the next
/// working day, never on a day the hall is closed.
/// </summary>
public static class DueDateRule
{
    public static DateOnly Due(IWorkingDayCalendar calendar, DateOnly acceptedOn, int workingDays) =>
        workingDays == 0 && !calendar.IsWorkingDay(acceptedOn)
            ? calendar.AddWorkingDays(acceptedOn, 1)
            : calendar.AddWorkingDays(acceptedOn, workingDays);
}
