using OneSeal.Calendar;
using OneSeal.Cases.Rules;

namespace OneSeal.Tests.Cases;

public class DueDateRuleTests
{
    private static readonly HolidayCalendar Cn = new(NationalHolidays.Load().SelectMany(y => y.Days), [2024, 2025, 2026]);

    [Theory]
    [InlineData("2026-11-23", 0, "2026-11-23")]  // a Monday: same day
    [InlineData("2026-11-22", 0, "2026-11-23")]  // a Sunday: the next working day
    [InlineData("2026-02-16", 0, "2026-02-24")]  // Spring Festival: after the holiday
    [InlineData("2026-11-20", 5, "2026-11-27")]
    [InlineData("2026-09-30", 3, "2026-10-10")]  // National Day, then the make-up Saturday
    public void The_decision_is_due_after_the_promised_working_days(string acceptedOn, int days, string due) =>
        DueDateRule.Due(Cn, DateOnly.Parse(acceptedOn), days).ShouldBe(DateOnly.Parse(due));
}
