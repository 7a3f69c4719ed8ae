using OneSeal.Calendar;
using OneSeal.Cases;
using OneSeal.Cases.Clock;
using OneSeal.Catalog;

namespace OneSeal.Tests.Cases;

/// <summary>The deadline per process step: budgets from the shares, due dates on the case clock, the current step and its state.</summary>
public class StepScheduleTests
{
    private static readonly HolidayCalendar Cn = new(NationalHolidays.Load().SelectMany(y => y.Days), [2024, 2025, 2026]);
    private const ItemStepKind A = ItemStepKind.Accept, R = ItemStepKind.Review, Dc = ItemStepKind.Decide, Dl = ItemStepKind.Deliver;

    private static DateOnly D(string s) => DateOnly.Parse(s);

    private static List<ItemStep> Steps(params (ItemStepKind Kind, int Share)[] steps) => steps.Select((s, n) => new ItemStep
    {
        Id = Guid.NewGuid(), Kind = s.Kind, SharePercent = s.Share, StopsClock = s.Share == 0 && s.Kind is not (A or R or Dc or Dl), SortOrder = n,
    }).ToList();

    private static readonly List<ItemStep> Standard = Steps((A, 10), (R, 60), (Dc, 20), (Dl, 10));

    private static CasePause Pause(string started, string? ended, PauseKind kind = PauseKind.CorrectionDuringReview, int expected = 3) => new()
    {
        Id = Guid.NewGuid(), Kind = kind, Reason = "r", ExpectedDays = expected, StartedOn = D(started), EndedOn = ended is null ? null : D(ended),
    };

    private static CaseProgress Accepted(string on, int limit, params CasePause[] pauses) =>
        new(CaseStatus.Accepted, D(on), null, null, null, limit, 0, pauses);

    private static StepSchedule Compute(CaseProgress p, List<ItemStep> steps, string today) => StepSchedule.Compute(p, steps, Cn, D(today), 0.8);

    private static string Dues(StepSchedule s) => string.Join(" ", s.Steps.Select(x => $"{x.Kind}:{x.DueDate:MM-dd}/{x.BudgetDays}"));

    public static TheoryData<string, int, string?, string?, string> Holidays => new()
    {
        // 2026 Spring Festival: 2-15..2-23 off, Sat 2-14 and Sat 2-28 worked. 20 days, 10/60/20/10 → ends 2, 14, 18, 20.
        // Counted: 2-13 (1), 2-14 (2), 2-24 (3) … 3-10 (14), 3-16 (18), 3-18 (20).
        { "2026-02-12", 20, null, null, "Accept:02-14/2 Review:03-10/12 Decide:03-16/4 Deliver:03-18/2" },
        // Paused Wed 2-25 (day 4) to Fri 2-27: 2-26 and 2-27 not counted; steps ending before the pause keep their date.
        { "2026-02-12", 20, "2026-02-25", "2026-02-27", "Accept:02-14/2 Review:03-12/12 Decide:03-18/4 Deliver:03-20/2" },
        // 2026 Mid-Autumn 9-25..9-27 and National Day 10-1..10-7 off, Sat 10-10 worked. 10 days → ends 1, 7, 9, 10.
        // Counted: 9-24 (1), 9-28 (2), 9-29 (3), 9-30 (4), 10-8 (5), 10-9 (6), 10-10 (7), 10-12 (8), 10-13 (9), 10-14 (10).
        { "2026-09-23", 10, null, null, "Accept:09-24/1 Review:10-10/6 Decide:10-13/2 Deliver:10-14/1" },
        // Paused Tue 9-29 (day 3) to Fri 10-9: 9-30, 10-8, 10-9 not counted; 10-10 is day 4.
        { "2026-09-23", 10, "2026-09-29", "2026-10-09", "Accept:09-24/1 Review:10-14/6 Decide:10-16/2 Deliver:10-19/1" },
    };

    [Theory]
    [MemberData(nameof(Holidays))]
    public void Step_due_dates_skip_holidays_and_pauses_and_the_last_is_the_case_due_date(string acceptedOn, int limit, string? pausedOn, string? resumedOn, string expected)
    {
        var pauses = pausedOn is null ? Array.Empty<CasePause>() : [Pause(pausedOn, resumedOn)];
        var schedule = Compute(Accepted(acceptedOn, limit, pauses), Standard, "2026-11-30");
        Dues(schedule).ShouldBe(expected);
        schedule.Steps[^1].DueDate.ShouldBe(new CaseClock(D(acceptedOn), limit, pauses).Due(Cn, D("2026-11-30")));
        schedule.Steps.Sum(s => s.BudgetDays).ShouldBe(limit);
    }

    [Theory]
    [InlineData(7, "1 4 2 0")]   // 10/60/20/10 of 7: ceil(0.7)=1, ceil(4.9)=5, ceil(6.3)=7, 7
    [InlineData(5, "1 3 1 0")]   // ceil(0.5)=1, ceil(3.5)=4, ceil(4.5)=5, 5
    [InlineData(3, "1 2 0 0")]   // ceil(0.3)=1, ceil(2.1)=3, ceil(2.7)=3, 3: a zero-day step is due with the one before it
    [InlineData(15, "2 9 3 1")]  // ceil(1.5)=2, ceil(10.5)=11, ceil(13.5)=14, 15
    public void Shares_that_do_not_divide_evenly_round_by_cumulative_ceiling(int limit, string budgets)
    {
        var schedule = Compute(Accepted("2026-03-02", limit), Standard, "2026-03-02");
        var actual = string.Join(" ", schedule.Steps.Select(s => s.BudgetDays));
        actual.ShouldBe(budgets);
        schedule.Steps.Sum(s => s.BudgetDays).ShouldBe(limit);
        schedule.Steps[^1].DueDate.ShouldBe(Cn.AddWorkingDays(D("2026-03-02"), limit));
    }

    [Fact]
    public void Review_is_current_after_acceptance_turns_yellow_at_the_share_of_its_own_budget_and_red_after_its_due_date()
    {
        // Spring Festival with the pause above: Review runs days 3..14 (budget 12), due 3-12; yellow once 10 of its 12 are used (day 12, 3-10).
        var p = Accepted("2026-02-12", 20, Pause("2026-02-25", "2026-02-27"));
        var early = Compute(p, Standard, "2026-03-05");
        early.Current!.Kind.ShouldBe(R);
        early.Current.State.ShouldBe(StepState.Normal);
        early.Steps[0].ShouldBe(new StepStatus(A, 10, false, 2, D("2026-02-14"), StepState.Done, D("2026-02-12"), true));
        early.Steps[2].State.ShouldBe(StepState.Pending);
        Compute(p, Standard, "2026-03-09").Current!.State.ShouldBe(StepState.Normal);
        Compute(p, Standard, "2026-03-10").Current!.State.ShouldBe(StepState.Yellow);
        Compute(p, Standard, "2026-03-12").Current!.State.ShouldBe(StepState.Yellow);
        var late = Compute(p, Standard, "2026-03-13");
        late.Current!.Kind.ShouldBe(R);
        late.Current.State.ShouldBe(StepState.Red);
    }

    [Fact]
    public void Decide_then_deliver_follow_the_recorded_review_and_decision_with_on_time_flags()
    {
        var reviewed = new CaseProgress(CaseStatus.Reviewed, D("2026-02-12"), D("2026-03-11"), null, null, 20, 0, []);
        var deciding = Compute(reviewed, Standard, "2026-03-12");
        deciding.Current!.Kind.ShouldBe(Dc);
        deciding.Steps[1].ShouldBe(new StepStatus(R, 60, false, 12, D("2026-03-10"), StepState.Done, D("2026-03-11"), false));
        // Decide runs days 15..18 (budget 4, due 3-16): yellow once ceil(3.2) = 4 of them are used, i.e. on its due date.
        deciding.Current.State.ShouldBe(StepState.Normal);
        Compute(reviewed, Standard, "2026-03-16").Current!.State.ShouldBe(StepState.Yellow);

        var decided = reviewed with { Status = CaseStatus.CertificateIssued, DecidedOn = D("2026-03-16") };
        var delivering = Compute(decided, Standard, "2026-03-17");
        delivering.Current!.Kind.ShouldBe(Dl);
        delivering.Steps[2].OnTime.ShouldBe(true);
        Compute(decided, Standard, "2026-03-19").Current!.State.ShouldBe(StepState.Red);

        var delivered = Compute(decided with { Status = CaseStatus.Delivered, DeliveredOn = D("2026-03-18") }, Standard, "2026-03-30");
        delivered.Current.ShouldBeNull();
        delivered.Steps.ShouldAllBe(s => s.State == StepState.Done);
    }

    [Fact]
    public void A_special_procedure_suspension_makes_its_step_current_while_the_clock_is_stopped()
    {
        var steps = Steps((A, 10), (R, 40), (ItemStepKind.SiteInspection, 0), (ItemStepKind.Hearing, 0), (Dc, 40), (Dl, 10));
        var inspecting = new CaseProgress(CaseStatus.Suspended, D("2026-09-23"), null, null, null, 10, 0,
            [Pause("2026-09-29", null, PauseKind.SiteInspection, expected: 3)]);
        var s = Compute(inspecting, steps, "2026-09-30");
        s.Current!.Kind.ShouldBe(ItemStepKind.SiteInspection);
        s.Current.State.ShouldBe(StepState.Paused);
        s.Current.DueDate.ShouldBeNull();
        s.Steps[1].State.ShouldBe(StepState.Paused);
        s.Steps[3].State.ShouldBe(StepState.Pending);

        // Resumed 10-9, then reviewed: the inspection is done, the hearing that never happened is skipped.
        var after = inspecting with
        {
            Status = CaseStatus.Reviewed, ReviewedOn = D("2026-10-12"),
            Pauses = [Pause("2026-09-29", "2026-10-09", PauseKind.SiteInspection)],
        };
        var d = Compute(after, steps, "2026-10-12");
        d.Current!.Kind.ShouldBe(Dc);
        d.Steps[2].State.ShouldBe(StepState.Done);
        d.Steps[2].CompletedOn.ShouldBe(D("2026-10-09"));
        d.Steps[3].State.ShouldBe(StepState.Skipped);

        // A suspension with no step of its kind (correction during review) shows on the counted step in progress.
        var correcting = inspecting with { Pauses = [Pause("2026-09-29", null)] };
        var c = Compute(correcting, steps, "2026-09-30");
        c.Current!.Kind.ShouldBe(R);
        c.Current.State.ShouldBe(StepState.Paused);
    }

    [Fact]
    public void An_immediate_item_has_every_step_due_on_the_acceptance_day()
    {
        var steps = Steps((A, 40), (R, 30), (Dc, 20), (Dl, 10));
        var decided = new CaseProgress(CaseStatus.CertificateIssued, D("2026-03-02"), null, D("2026-03-02"), null, 0, 0, []);
        var s = Compute(decided, steps, "2026-03-02");
        s.Steps.ShouldAllBe(x => x.DueDate == D("2026-03-02") && x.BudgetDays == 0);
        // Decided straight after acceptance: the review ends with the decision.
        s.Steps[1].State.ShouldBe(StepState.Done);
        s.Steps[1].CompletedOn.ShouldBe(D("2026-03-02"));
        s.Current!.Kind.ShouldBe(Dl);
        s.Current.State.ShouldBe(StepState.Normal);
        Compute(decided, steps, "2026-03-03").Current!.State.ShouldBe(StepState.Red);
    }

    [Fact]
    public void A_joint_items_extension_extends_the_decide_step_and_every_end_after_it()
    {
        // Joint 15 + 15: 10/20/40/20/10 → ends 2, 5, 11, 14, 15; the extension moves Decide to 29 and Deliver to 30.
        var steps = Steps((A, 10), (R, 20), (ItemStepKind.JointReview, 40), (Dc, 20), (Dl, 10));
        var p = new CaseProgress(CaseStatus.Reviewed, D("2026-09-23"), D("2026-10-20"), null, null, 15, 15, []);
        var s = Compute(p, steps, "2026-10-21");
        s.Steps.Select(x => x.BudgetDays).ShouldBe(new int?[] { 2, 3, 6, 18, 1 });
        s.Steps[3].DueDate.ShouldBe(Cn.AddWorkingDays(D("2026-09-23"), 29));
        s.Steps[4].DueDate.ShouldBe(new CaseClock(D("2026-09-23"), 30, []).Due(Cn, D("2026-10-21")));
        s.Steps[2].DueDate.ShouldBe(Cn.AddWorkingDays(D("2026-09-23"), 11));
        s.Current!.Kind.ShouldBe(Dc);
        // The review phase ended with the review opinion: the joint review carries the date, the plain review has none recorded.
        s.Steps[2].CompletedOn.ShouldBe(D("2026-10-20"));
        s.Steps[1].State.ShouldBe(StepState.Done);
        s.Steps[1].CompletedOn.ShouldBeNull();

        // Still under review after the plain review's budget: the schedule moves the case on to the joint review.
        var reviewing = p with { Status = CaseStatus.Accepted, ReviewedOn = null };
        Compute(reviewing, steps, "2026-09-28").Current!.Kind.ShouldBe(R);
        Compute(reviewing, steps, "2026-10-12").Current!.Kind.ShouldBe(ItemStepKind.JointReview);
    }

    [Theory]
    // Received Friday 2026-02-13: Saturday 2-14 is a make-up working day, the Spring Festival holiday (2-15 … 2-23) does not count.
    [InlineData("2026-02-13", "2026-02-13", "2026-02-27", StepState.Normal)]
    [InlineData("2026-02-13", "2026-02-24", "2026-02-27", StepState.Normal)]
    [InlineData("2026-02-13", "2026-02-26", "2026-02-27", StepState.Yellow)]
    [InlineData("2026-02-13", "2026-02-27", "2026-02-27", StepState.Yellow)]
    [InlineData("2026-02-13", "2026-02-28", "2026-02-27", StepState.Red)]
    // Received on the last day of 2025: New Year (1-1 … 1-3) does not count, Sunday 1-4 is a make-up working day.
    [InlineData("2025-12-31", "2026-01-02", "2026-01-08", StepState.Normal)]
    public void Before_acceptance_the_accept_step_runs_on_the_5_working_day_answer_period_of_Art_32(string received, string today, string due, StepState state)
    {
        var submitted = new CaseProgress(CaseStatus.Submitted, null, null, null, null, 20, 0, [], D(received));
        var s = Compute(submitted, Standard, today);
        s.Current!.Kind.ShouldBe(A);
        s.Current.DueDate.ShouldBe(D(due));
        s.Current.BudgetDays.ShouldBe(5);
        s.Current.State.ShouldBe(state);
    }

    [Fact]
    public void Before_acceptance_accept_is_current_without_a_date_and_an_ended_case_has_no_current_step()
    {
        var submitted = new CaseProgress(CaseStatus.Submitted, null, null, null, null, 20, 0, []);
        var s = Compute(submitted, Standard, "2026-03-02");
        s.Current!.Kind.ShouldBe(A);
        s.Current.DueDate.ShouldBeNull();
        s.Current.State.ShouldBe(StepState.Normal);

        Compute(submitted with { Status = CaseStatus.Draft }, Standard, "2026-03-02").Current.ShouldBeNull();

        var withdrawn = Compute(Accepted("2026-03-02", 20) with { Status = CaseStatus.Withdrawn }, Standard, "2026-03-05");
        withdrawn.Current.ShouldBeNull();
        withdrawn.Steps.Select(x => x.State).ShouldBe(new[] { StepState.Done, StepState.Skipped, StepState.Skipped, StepState.Skipped });
    }
    [Fact]
    public void Defect05_a_completed_step_keeps_its_due_date_when_a_later_pause_begins()
    {
        // Accepted Fri 2026-11-06, 20 days, 10/60/20/10 → ends 2, 14, 18, 20: accept due Tue 11-10, review 11-26, decide 12-02, deliver 12-04.
        // Suspended Mon 11-09 for 3 working days (11-10..11-12 not counted): accept was done on 11-06 and keeps 11-10;
        // the steps still running move by the three paused days.
        var before = Compute(Accepted("2026-11-06", 20), Standard, "2026-11-09");
        var paused = Compute(Accepted("2026-11-06", 20, Pause("2026-11-09", null)) with { Status = CaseStatus.Suspended }, Standard, "2026-11-09");
        Dues(before).ShouldBe("Accept:11-10/2 Review:11-26/12 Decide:12-02/4 Deliver:12-04/2");
        Dues(paused).ShouldBe("Accept:11-10/2 Review:12-01/12 Decide:12-07/4 Deliver:12-09/2");
        paused.Steps[0].CompletedOn.ShouldBe(D("2026-11-06"));
        paused.Steps[0].OnTime.ShouldBe(true);

        // A pause begun while a step ran still moves that step after it completed: reviewed 11-19 after a pause 11-11..11-13
        // (11-12, 11-13 not counted) → review due 11-30; the pause begun 11-20, after the review, leaves it there.
        var reviewed = new CaseProgress(CaseStatus.Suspended, D("2026-11-06"), D("2026-11-19"), null, null, 20, 0,
            [Pause("2026-11-11", "2026-11-13"), Pause("2026-11-20", null)]);
        var r = Compute(reviewed, Standard, "2026-11-20");
        r.Steps[0].DueDate.ShouldBe(D("2026-11-10"));
        r.Steps[1].DueDate.ShouldBe(D("2026-11-30"));
        r.Steps[1].OnTime.ShouldBe(true);
    }
}
