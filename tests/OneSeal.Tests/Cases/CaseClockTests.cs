using OneSeal.Calendar;
using OneSeal.Cases.Clock;

namespace OneSeal.Tests.Cases;

/// <summary>The case clock: pauses (Art. 45) and extensions (Art. 42) on the announced working-day calendar.</summary>
public class CaseClockTests
{
    private static readonly HolidayCalendar Cn = new(NationalHolidays.Load().SelectMany(y => y.Days), [2024, 2025, 2026]);

    private static DateOnly D(string s) => DateOnly.Parse(s);

    private static CasePause Pause(string started, string? ended, int expected = 5, PauseKind kind = PauseKind.Hearing) => new()
    {
        Id = Guid.NewGuid(), Kind = kind, Reason = "r", ExpectedDays = expected, StartedOn = D(started),
        EndedOn = ended is null ? null : D(ended),
    };

    [Fact]
    public void Without_pauses_the_due_date_is_the_limit_in_working_days()
    {
        var clock = new CaseClock(D("2026-11-23"), 5, []);
        clock.Due(Cn, D("2026-11-23")).ShouldBe(D("2026-11-30"));
    }

    [Fact]
    public void A_closed_pause_moves_the_due_date_by_the_working_days_it_took()
    {
        // Accepted Mon 11-23, 5 days → due Mon 11-30. Paused Wed 11-25, resumed Fri 11-27: Thu and Fri not counted.
        var clock = new CaseClock(D("2026-11-23"), 5, [Pause("2026-11-25", "2026-11-27")]);
        clock.Due(Cn, D("2026-11-27")).ShouldBe(D("2026-12-02"));
        clock.PausedDays(Cn, D("2026-11-27")).ShouldBe(2);
    }

    [Fact]
    public void An_open_pause_is_estimated_by_its_expected_days_until_it_runs_longer()
    {
        var clock = new CaseClock(D("2026-11-23"), 5, [Pause("2026-11-25", null, expected: 3)]);
        clock.Due(Cn, D("2026-11-25")).ShouldBe(D("2026-12-03"));
        clock.IsPaused.ShouldBeTrue();
        // Ten working days into a three-day estimate: the estimate follows today.
        clock.Due(Cn, D("2026-12-09")).ShouldBe(D("2026-12-14"));
        clock.State(Cn, D("2026-12-09"), 0.8).ShouldBe(DeadlineState.Paused);
    }

    [Fact]
    public void A_pause_across_the_spring_festival_counts_only_working_days()
    {
        // Paused Thu 2026-02-12, resumed Wed 2026-02-25: 2-13, 2-14 (make-up Saturday), 2-24, 2-25 are the paused working days.
        var clock = new CaseClock(D("2026-02-10"), 10, [Pause("2026-02-12", "2026-02-25")]);
        clock.PausedDays(Cn, D("2026-03-31")).ShouldBe(4);
        clock.Due(Cn, D("2026-03-31")).ShouldBe(Cn.AddWorkingDays(D("2026-02-10"), 14));
    }

    [Fact]
    public void An_extension_adds_to_the_limit()
    {
        new CaseClock(D("2026-11-23"), 20 + 10, []).Due(Cn, D("2026-11-23")).ShouldBe(Cn.AddWorkingDays(D("2026-11-23"), 30));
    }

    [Theory]
    [InlineData("2026-11-26", DeadlineState.Normal)]   // 3 of 5 used
    [InlineData("2026-11-27", DeadlineState.Yellow)]   // 4 of 5 used = 80%
    [InlineData("2026-11-30", DeadlineState.Yellow)]   // the due day itself is not overdue
    [InlineData("2026-12-01", DeadlineState.Red)]
    public void The_deadline_state_follows_the_share_of_the_limit_used(string today, DeadlineState expected) =>
        new CaseClock(D("2026-11-23"), 5, []).State(Cn, D(today), 0.8).ShouldBe(expected);

    [Fact]
    public void The_explanation_numbers_every_counted_day_and_names_every_skipped_one()
    {
        // Accepted Thu 2026-02-12 with 5 days: 2-13 (1), 2-14 make-up Saturday (2), 2-15..2-23 Spring Festival, 2-24 (3) ... 2-26 (5).
        var days = new CaseClock(D("2026-02-12"), 5, []).Explain(Cn, D("2026-02-12"));
        days[0].ShouldBe(new ClockDay(D("2026-02-13"), DayTreatment.Counted, 1, null));
        days[1].Treatment.ShouldBe(DayTreatment.MakeUpWorkday);
        days[1].Number.ShouldBe(2);
        days.Where(d => d.Treatment == DayTreatment.Holiday).ShouldAllBe(d => d.Note == "春节");
        days.Count(d => d.Treatment == DayTreatment.Holiday).ShouldBe(9);
        days[^1].ShouldBe(new ClockDay(D("2026-02-26"), DayTreatment.Counted, 5, null));
    }

    [Fact]
    public void The_explanation_marks_paused_working_days_and_still_ends_on_the_due_date()
    {
        var clock = new CaseClock(D("2026-11-23"), 5, [Pause("2026-11-25", "2026-11-27", kind: PauseKind.Inspection)]);
        var days = clock.Explain(Cn, D("2026-11-30"));
        days.Where(d => d.Treatment == DayTreatment.Paused).Select(d => d.Date).ShouldBe([D("2026-11-26"), D("2026-11-27")]);
        days.Where(d => d.Treatment == DayTreatment.Paused).ShouldAllBe(d => d.Note == "检验、检测、检疫");
        days[^1].Date.ShouldBe(clock.Due(Cn, D("2026-11-30")));
        days[^1].Number.ShouldBe(5);
    }
}
