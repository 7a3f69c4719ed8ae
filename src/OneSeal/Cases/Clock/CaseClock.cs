using OneSeal.Calendar;

namespace OneSeal.Cases.Clock;

/// <summary>Where a case stands against its limit.</summary>
public enum DeadlineState
{
    /// <summary>正常.</summary>
    Normal,
    /// <summary>黄牌预警: the configured share of the limit (default 80%) is used.</summary>
    Yellow,
    /// <summary>红牌: overdue.</summary>
    Red,
    /// <summary>期限中止: the clock is stopped.</summary>
    Paused,
}

/// <summary>How one calendar day was treated by the clock.</summary>
public enum DayTreatment { Counted, Weekend, Holiday, MakeUpWorkday, Paused }

public sealed record ClockDay(DateOnly Date, DayTreatment Treatment, int? Number, string? Note);

/// <summary>
/// The working-day clock of one case: the limit runs from the day after acceptance (Art. 32: the day of the
/// event is not counted), skips non-working days and every pause (Art. 45), and grows by an approved
/// extension (Art. 42). Pure: the same inputs always give the same due date, so it can be explained.
/// </summary>
public sealed record CaseClock(DateOnly AcceptedOn, int LimitDays, IReadOnlyList<CasePause> Pauses)
{
    /// <summary>Working days the pauses took: closed ones as they were, an open one as if it ended on <paramref name="today"/>.</summary>
    public int PausedDays(IWorkingDayCalendar calendar, DateOnly today) =>
        Pauses.Sum(p => calendar.CountWorkingDays(p.StartedOn, p.EndedOn ?? Max(today, p.StartedOn)));

    public bool IsPaused => Pauses.Any(p => p.EndedOn is null);

    /// <summary>
    /// The due date. With a pause still open, the best estimate: it is assumed to last its expected working days
    /// (or until today, if it has already run longer).
    /// </summary>
    public DateOnly Due(IWorkingDayCalendar calendar, DateOnly today)
    {
        if (LimitDays == 0) return Rules.DueDateRule.Due(calendar, AcceptedOn, 0);
        // Walk the days: a paused working day is not counted, but a pause begun after the limit ran out cannot extend it.
        var d = AcceptedOn;
        for (var counted = 0; counted < LimitDays;)
        {
            d = d.AddDays(1);
            if (calendar.IsWorkingDay(d) && !Pauses.Any(p => d > p.StartedOn && d <= EffectiveEnd(p, calendar, today))) counted++;
        }
        return d;
    }

    /// <summary>A closed pause ends when it ended; an open one after its expected working days, or today if longer.</summary>
    private static DateOnly EffectiveEnd(CasePause p, IWorkingDayCalendar calendar, DateOnly today) =>
        p.EndedOn ?? Max(calendar.AddWorkingDays(p.StartedOn, p.ExpectedDays), Max(today, p.StartedOn));

    /// <summary>Working days of the limit used up to and including <paramref name="today"/>.</summary>
    public int UsedDays(IWorkingDayCalendar calendar, DateOnly today) =>
        today <= AcceptedOn ? 0 : calendar.CountWorkingDays(AcceptedOn, today) - PausedDays(calendar, today);

    public DeadlineState State(IWorkingDayCalendar calendar, DateOnly today, double yellowShare)
    {
        if (IsPaused) return DeadlineState.Paused;
        if (today > Due(calendar, today)) return DeadlineState.Red;
        var used = UsedDays(calendar, today);
        return LimitDays > 0 && used >= Math.Ceiling(LimitDays * yellowShare) ? DeadlineState.Yellow : DeadlineState.Normal;
    }

    /// <summary>Day by day from acceptance to the due date: what was counted, what was skipped and why.</summary>
    public IReadOnlyList<ClockDay> Explain(HolidayCalendar calendar, DateOnly today)
    {
        var due = Due(calendar, today);
        var days = new List<ClockDay>();
        var n = 0;
        for (var d = AcceptedOn.AddDays(1); d <= due; d = d.AddDays(1))
        {
            var pause = Pauses.FirstOrDefault(p => d > p.StartedOn && d <= EffectiveEnd(p, calendar, today));
            var working = calendar.IsWorkingDay(d);
            if (!working)
            {
                var name = calendar.NameOf(d);
                days.Add(new ClockDay(d, name is null ? DayTreatment.Weekend : DayTreatment.Holiday, null, name));
            }
            else if (pause is not null)
                days.Add(new ClockDay(d, DayTreatment.Paused, null, PauseLabels.Of(pause.Kind)));
            else
            {
                n++;
                var makeUp = d.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday;
                days.Add(new ClockDay(d, makeUp ? DayTreatment.MakeUpWorkday : DayTreatment.Counted, n, makeUp ? calendar.NameOf(d) : null));
            }
        }
        return days;
    }

    private static DateOnly Max(DateOnly a, DateOnly b) => a > b ? a : b;
}
