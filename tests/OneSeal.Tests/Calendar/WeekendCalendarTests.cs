using OneSeal.Calendar;

namespace OneSeal.Tests.Calendar;

public class WeekendCalendarTests
{
    private readonly WeekendCalendar calendar = new();

    [Theory]
    // Friday + 1 working day → Monday: the day of the event itself is not counted.
    [InlineData("2026-11-20", 1, "2026-11-23")]
    // Saturday acceptance: the next working day is Monday.
    [InlineData("2026-11-21", 1, "2026-11-23")]
    [InlineData("2026-11-23", 5, "2026-11-30")]
    [InlineData("2026-11-23", 20, "2026-12-21")]
    // Across the year end.
    [InlineData("2026-12-30", 3, "2027-01-04")]
    [InlineData("2026-11-23", 0, "2026-11-23")]
    public void Adds_working_days_skipping_weekends(string from, int days, string due) =>
        calendar.AddWorkingDays(DateOnly.Parse(from), days).ShouldBe(DateOnly.Parse(due));

    [Theory]
    [InlineData("2026-11-20", "2026-11-23", 1)]
    [InlineData("2026-11-23", "2026-11-23", 0)]
    [InlineData("2026-11-21", "2026-11-22", 0)]
    public void Counts_working_days_excluding_the_start_including_the_end(string from, string to, int count) =>
        calendar.CountWorkingDays(DateOnly.Parse(from), DateOnly.Parse(to)).ShouldBe(count);

    [Fact]
    public void Adding_then_counting_gives_back_the_days()
    {
        var start = new DateOnly(2026, 1, 1);
        for (var offset = 0; offset < 30; offset++)
        for (var days = 0; days < 25; days++)
        {
            var from = start.AddDays(offset);
            var due = calendar.AddWorkingDays(from, days);
            calendar.CountWorkingDays(from, due).ShouldBe(days);
            if (days > 0) calendar.IsWorkingDay(due).ShouldBeTrue();
        }
    }
}
