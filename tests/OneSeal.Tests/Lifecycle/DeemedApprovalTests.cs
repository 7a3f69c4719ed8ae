using Microsoft.EntityFrameworkCore;
using OneSeal.Seal;

namespace OneSeal.Tests.Lifecycle;

/// <summary>
/// 超时默认 (seed 003; issue 4 item 9): an item so marked is deemed approved when its limit passes without a decision;
/// the result is issued and marked as such. Clock: Thu 2026-04-30, the eve of Labour Day; promised 5 →
/// [5-1..5-5 劳动节], 5-6, 5-7, 5-8, 5-9 Sat make-up, 5-11 → due Mon 5-11; deemed approved from Tue 5-12.
/// </summary>
public abstract class DeemedApprovalTests(Infrastructure.OneSealFactory app) : LifecycleTestBase(app)
{
    [Fact]
    public async Task A_deemed_approval_item_is_approved_by_the_sweep_the_day_after_its_due_date_once_and_not_while_suspended()
    {
        var id = await AcceptItemAsync(Items.DeemedApproval5);
        var paused = await AcceptItemAsync(Items.DeemedApproval5);
        (await CaseAsync(id)).DueDate.ShouldBe(D(2026, 5, 11));
        MoveTo(2026, 5, 6);
        (await StepAsAsync("reviewer", paused, "suspend", new { kind = "site-inspection", reason = "现场核查", expectedDays = 2 })).ShouldBe("suspended");

        // Mon 5-11 late evening: the last day of the limit, nothing yet.
        MoveTo(2026, 5, 11, 23, 50);
        await SweepAsync();
        (await CaseAsync(id)).Status.ShouldBe("accepted");

        // Tue 5-12: deemed approved, the certificate issued by the system, no red warning.
        MoveTo(2026, 5, 12, 0, 20);
        await SweepAsync();
        await SweepAsync();
        var c = await CaseAsync(id, "applicant");
        c.Status.ShouldBe("certificate-issued");
        c.CertificateNumber.ShouldNotBeNullOrWhiteSpace();
        Count(c, "deemed-approved").ShouldBe(1);
        Count(c, "certificate-issued").ShouldBe(1);
        Count(c, "red-warning").ShouldBe(0);
        var line = Last(c, "deemed-approved");
        line.Actor.ShouldBe("系统");
        line.Note.ShouldNotBeNull().ShouldContain("2026-05-11");
        (await InDb(db => db.Set<Certificate>().CountAsync(x => x.CaseId == id))).ShouldBe(1);

        // The suspended case's clock is stopped: it is not deemed approved.
        var stopped = await CaseAsync(paused);
        stopped.Status.ShouldBe("suspended");
        Count(stopped, "deemed-approved").ShouldBe(0);
    }
}

[Trait("Provider", "Sqlite")]
public sealed class DeemedApprovalTests_Sqlite(ClockedSqliteApp<LabourDayEve> app)
    : DeemedApprovalTests(app), IClassFixture<ClockedSqliteApp<LabourDayEve>>;

[Trait("Provider", "Postgres")]
public sealed class DeemedApprovalTests_Postgres(ClockedPostgresApp<LabourDayEve> app)
    : DeemedApprovalTests(app), IClassFixture<ClockedPostgresApp<LabourDayEve>>;

/// <summary>Two sweeps at once over 10 overdue 超时默认 cases: one approval, one certificate per case.</summary>
public abstract class ConcurrentDeemedApprovalTests(Infrastructure.OneSealFactory app) : LifecycleTestBase(app)
{
    private const int Cases = 10;

    [Fact]
    public async Task Two_sweeps_at_once_approve_each_case_once_with_one_certificate()
    {
        var ids = new List<Guid>();
        for (var i = 0; i < Cases; i++) ids.Add(await AcceptItemAsync(Items.DeemedApproval5));

        MoveTo(2026, 5, 12, 9, 0);
        await Task.WhenAll(Task.Run(SweepAsync), Task.Run(SweepAsync));

        foreach (var id in ids)
        {
            var c = await CaseAsync(id);
            c.Status.ShouldBe("certificate-issued");
            Count(c, "deemed-approved").ShouldBe(1, $"case {c.CaseNumber}");
            Count(c, "certificate-issued").ShouldBe(1, $"case {c.CaseNumber}");
            (await InDb(db => db.Set<Certificate>().CountAsync(x => x.CaseId == id))).ShouldBe(1, $"case {c.CaseNumber}");
        }
    }
}

[Trait("Provider", "Sqlite")]
public sealed class ConcurrentDeemedApprovalTests_Sqlite(ClockedSqliteApp<LabourDayEve> app)
    : ConcurrentDeemedApprovalTests(app), IClassFixture<ClockedSqliteApp<LabourDayEve>>;

[Trait("Provider", "Postgres")]
public sealed class ConcurrentDeemedApprovalTests_Postgres(ClockedPostgresApp<LabourDayEve> app)
    : ConcurrentDeemedApprovalTests(app), IClassFixture<ClockedPostgresApp<LabourDayEve>>;
