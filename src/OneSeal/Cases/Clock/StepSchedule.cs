using OneSeal.Calendar;
using OneSeal.Cases.Rules;
using OneSeal.Catalog;
using OneSeal.Platform.Time;

namespace OneSeal.Cases.Clock;

/// <summary>Where one process step stands.</summary>
public enum StepState
{
    /// <summary>未开始: the case has not reached it.</summary>
    Pending,
    /// <summary>进行中, within its budget.</summary>
    Normal,
    /// <summary>黄牌预警: the configured share of the step's budget is used.</summary>
    Yellow,
    /// <summary>红牌: past the step's due date.</summary>
    Red,
    /// <summary>期限中止: the clock is stopped (Art. 45) while the case is in this step.</summary>
    Paused,
    /// <summary>已完成.</summary>
    Done,
    /// <summary>未进行: a special procedure the case did not need, or a step of a case that ended before it.</summary>
    Skipped,
}

/// <summary>One step of a case's process: its budget and due date on the case clock, and how it stands.</summary>
/// <param name="BudgetDays">Working days of the limit the step may use; null for a step that stops the clock.</param>
/// <param name="DueDate">When the step's cumulative budget is used up; null before acceptance or for a clock-stopping step.</param>
/// <param name="CompletedOn">When the case recorded the end of the step; null when nothing records it (see <see cref="StepSchedule"/>).</param>
/// <param name="OnTime">For a done step with both dates: completed on or before its due date.</param>
public sealed record StepStatus(
    ItemStepKind Kind, int SharePercent, bool StopsClock, int? BudgetDays, DateOnly? DueDate, StepState State,
    DateOnly? CompletedOn, bool? OnTime);

/// <summary>What a case has recorded about its progress, as legal dates: the inputs of <see cref="StepSchedule"/>.</summary>
/// <param name="ReceivedOn">When the application (or its resubmission) reached the bureau: the start of the Art. 32 answer period.</param>
public sealed record CaseProgress(
    CaseStatus Status, DateOnly? AcceptedOn, DateOnly? ReviewedOn, DateOnly? DecidedOn, DateOnly? DeliveredOn,
    int PromisedDays, int ExtensionDays, IReadOnlyList<CasePause> Pauses, DateOnly? ReceivedOn = null)
{
    public static CaseProgress Of(Case c, IReadOnlyList<CasePause> pauses) => new(
        c.Status, c.AcceptedOn, c.ReviewedAt is { } r ? LegalDates.ToLegalDate(r) : null, c.DecidedOn,
        c.DeliveredAt is { } d ? LegalDates.ToLegalDate(d) : null, c.PromisedDays, c.ExtensionDays, pauses,
        c.SubmittedAt is { } s ? LegalDates.ToLegalDate(s) : null);
}

/// <summary>
/// The deadline per process step (issue 4, item 10). The item version's steps split the promised limit; a step that stops
/// the clock (Art. 45) has no share. Each counted step's due date is where its cumulative share of the limit ends on the
/// case's own working-day clock (<see cref="CaseClock"/>: from the day after acceptance, skipping non-working days and
/// pauses), so the last counted step ends exactly on the case due date. Pure: computed on read from the case, its pauses
/// and its item version's steps; nothing is stored.
/// </summary>
public sealed record StepSchedule(IReadOnlyList<StepStatus> Steps, int? CurrentIndex)
{
    public StepStatus? Current => CurrentIndex is { } i ? Steps[i] : null;

    public static StepSchedule Compute(CaseProgress progress, IReadOnlyList<ItemStep> steps, IWorkingDayCalendar calendar, DateOnly today, double yellowShare)
    {
        var ordered = steps.OrderBy(s => s.SortOrder).ToList();
        var ends = CumulativeEnds(ordered, progress.PromisedDays, progress.ExtensionDays);
        var acceptedOn = progress.AcceptedOn;
        var total = progress.PromisedDays + progress.ExtensionDays;
        var clock = acceptedOn is { } on ? new CaseClock(on, total, progress.Pauses) : null;
        // A completed step counts only the pauses begun before it ended: it keeps its date; a later pause moves what still runs.
        DateOnly? DueOf(int end, DateOnly? completedOn = null) => acceptedOn is { } a
            ? new CaseClock(a, end, completedOn is { } done ? progress.Pauses.Where(p => p.StartedOn < done).ToList() : progress.Pauses).Due(calendar, today)
            : null;

        var phaseEnds = PhaseEnds(progress);
        // A draft has not reached the bureau yet (all pending); a refused, withdrawn or terminated case never reaches its remaining steps.
        var ended = progress.Status is CaseStatus.Refused or CaseStatus.Withdrawn or CaseStatus.Terminated;
        var active = !ended && progress.Status != CaseStatus.Draft;
        int? currentPhase = active ? Array.FindIndex(phaseEnds, e => e is null) is var p and >= 0 ? p : null : null;
        var phases = ordered.Select((_, i) => PhaseOf(ordered, i)).ToArray();

        // Within the current phase the case records no sub-step ends (a joint review inside the review phase, say):
        // the schedule decides, the first sub-step whose due date has not passed, else the last one (then red).
        int? currentCounted = null;
        if (currentPhase is { } cp)
        {
            var inPhase = Enumerable.Range(0, ordered.Count).Where(i => !ordered[i].StopsClock && phases[i] == cp).ToList();
            if (inPhase.Count > 0)
                currentCounted = inPhase.FirstOrDefault(i => DueOf(ends[i]!.Value) is not { } due || due >= today, inPhase[^1]);
        }

        var result = new StepStatus[ordered.Count];
        int? current = currentCounted;
        var previousEnd = 0;
        for (var i = 0; i < ordered.Count; i++)
        {
            var s = ordered[i];
            if (s.StopsClock)
            {
                var passed = ended || (active && (currentCounted is { } cc ? cc > i : currentPhase is null));
                var (state, completedOn) = SpecialState(s.Kind, progress, passed);
                if (state == StepState.Paused) current = i;
                result[i] = new StepStatus(s.Kind, s.SharePercent, true, null, null, state, completedOn, null);
                continue;
            }
            var end = ends[i]!.Value;
            var budget = end - previousEnd;
            var phaseEnd = phaseEnds[phases[i]];
            var due = DueOf(end, phaseEnd);
            var lastOfPhase = !Enumerable.Range(i + 1, ordered.Count - i - 1).Any(j => !ordered[j].StopsClock && phases[j] == phases[i]);
            StepStatus status;
            if (phaseEnd is { } doneOn)
                status = lastOfPhase
                    ? new(s.Kind, s.SharePercent, false, budget, due, StepState.Done, doneOn, due is { } d ? doneOn <= d : null)
                    : new(s.Kind, s.SharePercent, false, budget, due, StepState.Done, null, null);
            else if (i == currentCounted && AwaitingAnswer(progress) is { } received)
            {
                // Before acceptance the step runs on the law's own clock: answer within 5 working days of receipt (Art. 32).
                var answerDue = calendar.AddWorkingDays(received, LicensingLimits.AcceptanceAnswer);
                status = new(s.Kind, s.SharePercent, false, LicensingLimits.AcceptanceAnswer, answerDue,
                    AnswerState(received, answerDue, calendar, today, yellowShare), null, null);
            }
            else if (i == currentCounted)
                status = new(s.Kind, s.SharePercent, false, budget, due, RunningState(clock, due, previousEnd, budget, calendar, today, yellowShare), null, null);
            else if (currentCounted is { } cc && i < cc)
                // An earlier sub-step of the current phase whose budget the schedule has moved past (see above).
                status = new(s.Kind, s.SharePercent, false, budget, due, StepState.Done, null, null);
            else
                status = new(s.Kind, s.SharePercent, false, budget, due, ended ? StepState.Skipped : StepState.Pending, null, null);
            result[i] = status;
            previousEnd = end;
        }
        return new StepSchedule(result, current);
    }

    /// <summary>
    /// Each counted step's cumulative end, in working days after acceptance. Rounding: cumulative ceiling,
    /// ceil(limit × cumulative share / 100), so a step never gets less than its exact share of the days already due and
    /// the rounding error never accumulates; the last counted step ends on the limit whatever the shares add up to.
    /// The extension (Art. 42, granted for deciding) is added to the Decide step, and so to every end from it on; an item
    /// without a Decide step gives it to its last counted step. An immediate item (limit 0) has every step end on day 0:
    /// all due the acceptance day.
    /// </summary>
    private static int?[] CumulativeEnds(IReadOnlyList<ItemStep> ordered, int limit, int extension)
    {
        var ends = new int?[ordered.Count];
        var counted = Enumerable.Range(0, ordered.Count).Where(i => !ordered[i].StopsClock).ToList();
        if (counted.Count == 0) return ends;
        var decide = counted.FirstOrDefault(i => ordered[i].Kind == ItemStepKind.Decide, counted[^1]);
        var cumulative = 0;
        var previous = 0;
        foreach (var i in counted)
        {
            cumulative += Math.Max(0, ordered[i].SharePercent);
            var end = i == counted[^1] ? limit : Math.Clamp((limit * cumulative + 99) / 100, previous, limit);
            previous = end;
            ends[i] = end + (i >= decide ? extension : 0);
        }
        return ends;
    }

    /// <summary>
    /// The four phases the case records (accept, review, decide, deliver) and the date each ended. A later phase's end
    /// implies the earlier ones: an immediate item is decided straight after acceptance, so its review ends then.
    /// </summary>
    private static DateOnly?[] PhaseEnds(CaseProgress p)
    {
        var ends = new[] { p.AcceptedOn, p.ReviewedOn, p.DecidedOn, p.DeliveredOn };
        for (var k = ends.Length - 2; k >= 0; k--) ends[k] ??= ends[k + 1];
        return ends;
    }

    /// <summary>A core step is its own phase; any other step (joint review, a counted site inspection) belongs to the core step before it.</summary>
    private static int PhaseOf(IReadOnlyList<ItemStep> ordered, int index)
    {
        for (var i = index; i >= 0; i--)
        {
            var phase = ordered[i].Kind switch
            {
                ItemStepKind.Accept => 0, ItemStepKind.Review => 1, ItemStepKind.Decide => 2, ItemStepKind.Deliver => 3, _ => -1,
            };
            if (phase >= 0) return phase;
        }
        return 0;
    }

    /// <summary>The receipt date of a submitted application still waiting for its answer (a correction request restarts it on resubmission).</summary>
    private static DateOnly? AwaitingAnswer(CaseProgress p) =>
        p.Status == CaseStatus.Submitted && p.AcceptedOn is null ? p.ReceivedOn : null;

    private static StepState AnswerState(DateOnly received, DateOnly due, IWorkingDayCalendar calendar, DateOnly today, double yellowShare)
    {
        if (today > due) return StepState.Red;
        var used = calendar.CountWorkingDays(received, today);
        return used >= Math.Ceiling(LicensingLimits.AcceptanceAnswer * yellowShare) ? StepState.Yellow : StepState.Normal;
    }

    /// <summary>The step in progress: red past its due date, paused while the clock stops, yellow once the share of its own budget is used.</summary>
    private static StepState RunningState(CaseClock? clock, DateOnly? due, int start, int budget, IWorkingDayCalendar calendar, DateOnly today, double yellowShare)
    {
        // Before acceptance the clock has not started (acceptance answers within 5 working days: Art. 32, the deemed-acceptance rule).
        if (clock is null || due is not { } d) return StepState.Normal;
        // A step already overdue stays red when a pause begins: the pause cannot give back time already run out.
        if (today > d) return StepState.Red;
        if (clock.IsPaused) return StepState.Paused;
        var usedInStep = clock.UsedDays(calendar, today) - start;
        return budget > 0 && usedInStep >= Math.Ceiling(budget * yellowShare) ? StepState.Yellow : StepState.Normal;
    }

    /// <summary>
    /// A step that stops the clock has no budget: it is current (paused) while a suspension of its kind is open, done
    /// when one has ended, and skipped once the case moved past it without one.
    /// </summary>
    private static (StepState, DateOnly?) SpecialState(ItemStepKind kind, CaseProgress p, bool passed)
    {
        var matching = p.Pauses.Where(x => StepOf(x.Kind) == kind).ToList();
        if (p.Status == CaseStatus.Suspended && matching.Any(x => x.EndedOn is null)) return (StepState.Paused, null);
        if (matching.LastOrDefault(x => x.EndedOn is not null) is { } ended) return (StepState.Done, ended.EndedOn);
        return (passed ? StepState.Skipped : StepState.Pending, null);
    }

    /// <summary>
    /// The special procedure a suspension kind is. Appraisal (鉴定) and correction during review have no step of their
    /// own: the counted step in progress then shows the pause.
    /// </summary>
    public static ItemStepKind? StepOf(PauseKind kind) => kind switch
    {
        PauseKind.Hearing => ItemStepKind.Hearing,
        PauseKind.Inspection => ItemStepKind.Testing,
        PauseKind.ExpertReview => ItemStepKind.ExpertReview,
        PauseKind.SiteInspection => ItemStepKind.SiteInspection,
        _ => null,
    };
}
