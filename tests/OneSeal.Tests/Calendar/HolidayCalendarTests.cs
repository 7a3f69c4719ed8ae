using FsCheck;
using FsCheck.Fluent;
using OneSeal.Calendar;

namespace OneSeal.Tests.Calendar;

/// <summary>The working-day clock on the State Council's 2024–2026 notices, including the awkward dates.</summary>
public class HolidayCalendarTests
{
    private static readonly HolidayCalendar Cn = Shipped();

    private static HolidayCalendar Shipped()
    {
        var years = NationalHolidays.Load();
        return new HolidayCalendar(years.SelectMany(y => y.Days), years.Select(y => y.Number));
    }

    private static DateOnly D(string s) => DateOnly.Parse(s);

    [Theory]
    // 2025 Spring Festival: 1-28..2-04 off; Sunday 1-26 and Saturday 2-08 are make-up working days.
    [InlineData("2025-01-24", 1, "2025-01-26")]
    [InlineData("2025-01-26", 1, "2025-01-27")]
    [InlineData("2025-01-27", 1, "2025-02-05")]
    [InlineData("2025-01-27", 5, "2025-02-10")]
    [InlineData("2025-02-07", 1, "2025-02-08")]
    // 2026 Spring Festival: 2-15..2-23 off; Saturdays 2-14 and 2-28 are working days.
    [InlineData("2026-02-13", 1, "2026-02-14")]
    [InlineData("2026-02-14", 1, "2026-02-24")]
    [InlineData("2026-02-12", 20, "2026-03-18")]
    [InlineData("2026-02-27", 1, "2026-02-28")]
    // 2025 National Day and Mid-Autumn: 10-01..10-08 off; Sunday 9-28 and Saturday 10-11 worked.
    [InlineData("2025-09-26", 1, "2025-09-28")]
    [InlineData("2025-09-30", 1, "2025-10-09")]
    [InlineData("2025-09-30", 3, "2025-10-11")]
    // 2026 National Day: 10-01..10-07 off; Sunday 9-20 and Saturday 10-10 worked.
    [InlineData("2026-09-18", 1, "2026-09-20")]
    [InlineData("2026-09-30", 1, "2026-10-08")]
    [InlineData("2026-09-24", 1, "2026-09-28")]
    // Year ends: 2025-12-31 → 2026 New Year 1-01..1-03 off, Sunday 1-04 worked.
    [InlineData("2025-12-31", 1, "2026-01-04")]
    [InlineData("2025-12-30", 2, "2026-01-04")]
    [InlineData("2024-12-31", 1, "2025-01-02")]
    // 2026-12-31 → 2027 not yet announced: weekends only.
    [InlineData("2026-12-31", 1, "2027-01-01")]
    // Zero days: the same day.
    [InlineData("2026-02-16", 0, "2026-02-16")]
    public void Adds_working_days_by_the_announced_calendar(string from, int days, string due) =>
        Cn.AddWorkingDays(D(from), days).ShouldBe(D(due));

    [Theory]
    [InlineData("2026-02-13", "2026-02-28", 6)]
    [InlineData("2025-01-27", "2025-02-08", 4)]
    [InlineData("2026-09-30", "2026-10-10", 3)]
    [InlineData("2026-11-20", "2026-11-20", 0)]
    [InlineData("2024-12-31", "2025-01-01", 0)]
    public void Counts_working_days_excluding_from_including_to(string from, string to, int count) =>
        Cn.CountWorkingDays(D(from), D(to)).ShouldBe(count);

    [Fact]
    public void The_shipped_notices_cover_2024_to_2026_and_name_their_source()
    {
        var years = NationalHolidays.Load();
        years.Select(y => y.Number).ShouldBe([2024, 2025, 2026]);
        years.ShouldAllBe(y => y.Notice.Contains("国务院办公厅") && y.Notice.Contains("国办发明电"));
        years.SelectMany(y => y.Days).Where(d => d.Kind == CalendarDayKind.MakeUpWorkday)
            .ShouldAllBe(d => d.Date.DayOfWeek == DayOfWeek.Saturday || d.Date.DayOfWeek == DayOfWeek.Sunday);
    }

    private static readonly Gen<DateOnly> Dates =
        Gen.Choose(0, 3 * 366).Select(n => new DateOnly(2024, 1, 1).AddDays(n));

    [Fact]
    public void Adding_n_then_counting_gives_n() =>
        Prop.ForAll(Dates.ToArbitrary(), Gen.Choose(0, 60).ToArbitrary(),
            (from, n) => Cn.CountWorkingDays(from, Cn.AddWorkingDays(from, n)) == n)
            .QuickCheckThrowOnFailure();

    [Fact]
    public void A_due_date_never_lands_on_a_non_working_day() =>
        Prop.ForAll(Dates.ToArbitrary(), Gen.Choose(1, 60).ToArbitrary(),
            (from, n) => Cn.IsWorkingDay(Cn.AddWorkingDays(from, n)))
            .QuickCheckThrowOnFailure();

    [Fact]
    public void More_days_never_give_an_earlier_due_date() =>
        Prop.ForAll(Dates.ToArbitrary(), Gen.Choose(0, 59).ToArbitrary(),
            (from, n) => Cn.AddWorkingDays(from, n) < Cn.AddWorkingDays(from, n + 1))
            .QuickCheckThrowOnFailure();

    [Fact]
    public void A_later_start_never_gives_an_earlier_due_date() =>
        Prop.ForAll(Dates.ToArbitrary(), Gen.Choose(0, 60).ToArbitrary(),
            (from, n) => Cn.AddWorkingDays(from, n) <= Cn.AddWorkingDays(from.AddDays(1), n))
            .QuickCheckThrowOnFailure();

    [Fact]
    public void A_local_closure_is_skipped_like_a_holiday()
    {
        var closure = new CalendarDay { Region = "360999", Date = D("2026-11-23"), Kind = CalendarDayKind.LocalClosure, Name = "防汛停工", Year = 2026 };
        var local = new HolidayCalendar([closure], [2026]);
        local.AddWorkingDays(D("2026-11-20"), 1).ShouldBe(D("2026-11-24"));
    }

    [Theory]
    // The shipped calendar holds 2024–2026. A count whose counted days reach 2027 is incomplete; the start day is not counted.
    [InlineData("2026-12-31", "2027-01-05", "2027")]
    [InlineData("2026-12-30", "2026-12-31", "")]
    [InlineData("2026-12-31", "2026-12-31", "")]
    [InlineData("2023-12-31", "2024-01-02", "")]
    [InlineData("2023-12-30", "2024-01-02", "2023")]
    [InlineData("2026-06-01", "2028-03-01", "2027,2028")]
    public void Defect06_a_count_reaching_a_year_without_holiday_data_names_that_year(string from, string to, string missing) =>
        string.Join(",", Cn.MissingYears(D(from), D(to))).ShouldBe(missing);

    [Theory]
    [InlineData("2026-10-31", "2026")]
    [InlineData("2026-11-01", "2026,2027")]
    [InlineData("2026-12-31", "2026,2027")]
    [InlineData("2027-01-01", "2027")]
    public void Defect06_the_admin_calendar_asks_for_next_year_from_1_November(string today, string due) =>
        string.Join(",", OneSeal.Pages.Admin.CalendarModel.YearsDue(D(today))).ShouldBe(due);
}
