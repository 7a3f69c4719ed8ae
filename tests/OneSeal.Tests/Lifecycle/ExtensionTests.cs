using System.Net;

namespace OneSeal.Tests.Lifecycle;

/// <summary>
/// Scenario 3 (Art. 42: one extension of 10 working days with the head's approval; Art. 26 joint handling: 15).
/// Clock: Wed 2026-04-01, with 清明节 4-4..4-6 (Sat–Mon) and 劳动节 5-1..5-5 (Sat 5-9 worked) ahead. It does not move here.
/// </summary>
public abstract class ExtensionTests(Infrastructure.OneSealFactory app) : LifecycleTestBase(app)
{
    [Fact]
    public async Task The_chief_extends_once_by_10_working_days_a_second_extension_is_409_extension_once()
    {
        // Accepted Wed 4-1, promised 3: 4-2 (1), 4-3 (2), [4-4..4-6 清明节], 4-7 (3) → due Tue 4-7.
        var id = await AcceptItemAsync(Items.Promised3);
        (await CaseAsync(id)).DueDate.ShouldBe(D(2026, 4, 7));

        // +10 after 4-7: 4-8, 4-9, 4-10, 4-13, 4-14, 4-15, 4-16, 4-17, 4-20, 4-21 → due Tue 4-21.
        (await StepAsAsync("chief", id, "extend", new { reason = "需进一步核实经营场所情况" })).ShouldBe("accepted");
        var c = await CaseAsync(id);
        c.Status.ShouldBe("accepted");
        c.ExtensionDays.ShouldBe(10);
        c.DueDate.ShouldBe(D(2026, 4, 21));
        var note = Last(c, "extended").Note.ShouldNotBeNull();
        note.ShouldContain("10");
        note.ShouldContain("2026-04-21");
        note.ShouldContain("需进一步核实经营场所情况");
        Last(c, "extended").Actor.ShouldBe("钱科长");

        var d = await DeadlineAsync(id);
        d.ExtensionDays.ShouldBe(10);
        d.PromisedDays.ShouldBe(3);
        Counted(d).Select(x => x.Number).ShouldBe(Enumerable.Range(1, 13).Cast<int?>(), Show(d));
        Counted(d)[^1].Date.ShouldBe(D(2026, 4, 21), Show(d));
        d.Days.Where(x => x.Treatment == "holiday").Select(x => x.Date).ShouldBe([D(2026, 4, 4), D(2026, 4, 5), D(2026, 4, 6)], Show(d));
        d.Days.Where(x => x.Treatment == "holiday").ShouldAllBe(x => x.Note == "清明节");

        // Once only.
        var before = await StateOfAsync(id);
        using var again = await ActAsAsync("chief", id, "extend", new { reason = "再次延期" });
        await ShouldBeProblemAsync(again, HttpStatusCode.Conflict, rule: "extension-once");
        (await StateOfAsync(id)).ShouldBe(before);
    }

    [Fact]
    public async Task A_joint_item_is_extended_by_15_working_days()
    {
        // Joint item, promised 15, accepted Wed 4-1: 4-2, 4-3, 4-7, 4-8, 4-9, 4-10, 4-13, 4-14, 4-15, 4-16, 4-17, 4-20,
        // 4-21, 4-22, 4-23 → due Thu 4-23.
        var id = await AcceptItemAsync(Items.Joint15, "company");
        (await CaseAsync(id)).DueDate.ShouldBe(D(2026, 4, 23));

        // +15 after 4-23: 4-24, 4-27, 4-28, 4-29, 4-30 (5), [5-1..5-5 劳动节], 5-6, 5-7, 5-8, 5-9 Sat make-up (9), 5-11, 5-12,
        // 5-13, 5-14, 5-15 (14), 5-18 (15) → due Mon 5-18.
        (await StepAsAsync("chief", id, "extend", new { reason = "联合审批需补充现场踏勘" })).ShouldBe("accepted");
        var c = await CaseAsync(id);
        c.ExtensionDays.ShouldBe(15);
        c.DueDate.ShouldBe(D(2026, 5, 18));
        var d = await DeadlineAsync(id);
        Counted(d).Count.ShouldBe(30, Show(d));
        d.Days.Single(x => x.Date == D(2026, 5, 9)).Treatment.ShouldBe("makeupworkday", Show(d));
        d.Days.Where(x => x.Date >= D(2026, 5, 1) && x.Date <= D(2026, 5, 5)).ShouldAllBe(x => x.Treatment == "holiday" && x.Note == "劳动节");
    }

    [Fact]
    public async Task A_reviewer_cannot_extend_403_and_nothing_changes()
    {
        var id = await AcceptItemAsync(Items.Promised3);
        var before = await StateOfAsync(id);

        using var response = await ActAsAsync("reviewer", id, "extend", new { reason = "审查人员自行延期" });
        await ShouldBeProblemAsync(response, HttpStatusCode.Forbidden);
        using var clerk = await ActAsAsync("clerk", id, "extend", new { reason = "窗口自行延期" });
        await ShouldBeProblemAsync(clerk, HttpStatusCode.Forbidden);

        (await StateOfAsync(id)).ShouldBe(before);
        (await CaseAsync(id)).ExtensionDays.ShouldBe(0);
    }

    [Fact]
    public async Task An_extension_without_reasons_is_400_naming_reason_and_does_not_use_up_the_one_extension()
    {
        var id = await AcceptItemAsync(Items.Promised3);
        var before = await StateOfAsync(id);

        using var none = await ActAsAsync("chief", id, "extend", new { });
        await ShouldBeProblemAsync(none, HttpStatusCode.BadRequest, field: "reason");
        using var blank = await ActAsAsync("chief", id, "extend", new { reason = "   " });
        await ShouldBeProblemAsync(blank, HttpStatusCode.BadRequest, field: "reason");
        (await StateOfAsync(id)).ShouldBe(before);

        (await StepAsAsync("chief", id, "extend", new { reason = "需补充核查" })).ShouldBe("accepted");
        (await CaseAsync(id)).DueDate.ShouldBe(D(2026, 4, 21));
    }

    [Fact]
    public async Task A_submitted_case_has_no_limit_to_extend_409()
    {
        var id = await SubmitItemAsync(Items.Promised3);
        var before = await StateOfAsync(id);
        using var response = await ActAsAsync("chief", id, "extend", new { reason = "提前延期" });
        await ShouldBeProblemAsync(response, HttpStatusCode.Conflict, rule: "invalid-transition");
        (await StateOfAsync(id)).ShouldBe(before);
    }
}

[Trait("Provider", "Sqlite")]
public sealed class ExtensionTests_Sqlite(ClockedSqliteApp<BeforeQingming> app)
    : ExtensionTests(app), IClassFixture<ClockedSqliteApp<BeforeQingming>>;

[Trait("Provider", "Postgres")]
public sealed class ExtensionTests_Postgres(ClockedPostgresApp<BeforeQingming> app)
    : ExtensionTests(app), IClassFixture<ClockedPostgresApp<BeforeQingming>>;

/// <summary>
/// Scenario 3, after the due date: an extension must be approved within the limit. Clock: Wed 2026-04-01, moved here.
/// </summary>
public abstract class ExtensionAfterDueTests(Infrastructure.OneSealFactory app) : LifecycleTestBase(app)
{
    [Fact]
    public async Task On_the_due_date_the_chief_may_still_extend_the_day_after_it_is_409_extension_after_due()
    {
        // Both accepted Wed 4-1, promised 3 → due Tue 4-7 (4-2, 4-3, [清明 4-4..4-6], 4-7).
        var onTime = await AcceptItemAsync(Items.Promised3);
        var late = await AcceptItemAsync(Items.Promised3);

        // Tue 4-7 17:30, the last day of the limit: still in time.
        MoveTo(2026, 4, 7, 17, 30);
        (await StepAsAsync("chief", onTime, "extend", new { reason = "需补充检验报告" })).ShouldBe("accepted");
        (await CaseAsync(onTime)).DueDate.ShouldBe(D(2026, 4, 21));

        // Wed 4-8 09:00: the limit ran out yesterday.
        MoveTo(2026, 4, 8, 9, 0);
        var before = await StateOfAsync(late);
        using var response = await ActAsAsync("chief", late, "extend", new { reason = "超期后补办延期" });
        var problem = await ShouldBeProblemAsync(response, HttpStatusCode.Conflict, rule: "extension-after-due");
        problem.GetProperty("detail").GetString().ShouldNotBeNull().ShouldContain("2026-04-07");
        (await StateOfAsync(late)).ShouldBe(before);
        (await CaseAsync(late)).ExtensionDays.ShouldBe(0);
    }
}

[Trait("Provider", "Sqlite")]
public sealed class ExtensionAfterDueTests_Sqlite(ClockedSqliteApp<BeforeQingming> app)
    : ExtensionAfterDueTests(app), IClassFixture<ClockedSqliteApp<BeforeQingming>>;

[Trait("Provider", "Postgres")]
public sealed class ExtensionAfterDueTests_Postgres(ClockedPostgresApp<BeforeQingming> app)
    : ExtensionAfterDueTests(app), IClassFixture<ClockedPostgresApp<BeforeQingming>>;

/// <summary>
/// An extension approved while the clock is stopped: the limit grows by 10 and the pause still comes off.
/// Clock: Mon 2026-03-02, moved here.
/// </summary>
public abstract class ExtensionWhileSuspendedTests(Infrastructure.OneSealFactory app) : LifecycleTestBase(app)
{
    [Fact]
    public async Task Extended_during_a_pause_the_due_date_adds_both_the_extension_and_the_working_days_paused()
    {
        // Accepted Mon 3-2, promised 3 → due Thu 3-5.
        var id = await AcceptItemAsync(Items.Promised3);

        // Tue 3-3 (day 1 counted): expert review expected 2 working days; the chief extends the same day.
        MoveTo(2026, 3, 3);
        (await StepAsAsync("reviewer", id, "suspend", new { kind = "expert-review", reason = "专家评审", expectedDays = 2 })).ShouldBe("suspended");
        (await StepAsAsync("chief", id, "extend", new { reason = "专家评审后需补充论证" })).ShouldBe("suspended");
        // Estimate: limit 3 + 10 = 13 working days, the pause 3-4, 3-5 not counted → 15 working days after 3-2 → Mon 3-23.
        var extended = await CaseAsync(id);
        extended.Status.ShouldBe("suspended");
        extended.ExtensionDays.ShouldBe(10);
        extended.DueDate.ShouldBe(D(2026, 3, 23));

        // Fri 3-6: resumed after 3 working days (3-4, 3-5, 3-6) → 13 + 3 = 16 working days after 3-2 → Tue 3-24.
        MoveTo(2026, 3, 6, 11, 0);
        (await StepAsAsync("reviewer", id, "resume")).ShouldBe("accepted");
        var c = await CaseAsync(id);
        c.PausedDays.ShouldBe(3);
        c.DueDate.ShouldBe(D(2026, 3, 24));
        var d = await DeadlineAsync(id);
        Counted(d).Count.ShouldBe(13, Show(d));
        Counted(d)[^1].Date.ShouldBe(D(2026, 3, 24), Show(d));
        d.Days.Where(x => x.Treatment == "paused").Select(x => x.Date).ShouldBe([D(2026, 3, 4), D(2026, 3, 5), D(2026, 3, 6)], Show(d));
    }
}

[Trait("Provider", "Sqlite")]
public sealed class ExtensionWhileSuspendedTests_Sqlite(ClockedSqliteApp<OrdinaryMonday> app)
    : ExtensionWhileSuspendedTests(app), IClassFixture<ClockedSqliteApp<OrdinaryMonday>>;

[Trait("Provider", "Postgres")]
public sealed class ExtensionWhileSuspendedTests_Postgres(ClockedPostgresApp<OrdinaryMonday> app)
    : ExtensionWhileSuspendedTests(app), IClassFixture<ClockedPostgresApp<OrdinaryMonday>>;
