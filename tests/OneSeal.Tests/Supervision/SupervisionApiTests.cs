using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OneSeal.Cases;
using OneSeal.Notices;
using OneSeal.Organisation;
using OneSeal.Platform.Audit;
using OneSeal.Platform.Database;
using OneSeal.Platform.Events;
using OneSeal.Platform.Sms;
using OneSeal.Seal;
using OneSeal.Supervision.Digest;
using OneSeal.Supervision.Pushes;
using OneSeal.Supervision.Verification;
using VerificationStatus = OneSeal.Supervision.Verification.VerificationStatus;
using OneSeal.Tests.Api;
using OneSeal.Tests.Infrastructure;

namespace OneSeal.Tests.Supervision;

/// <summary>
/// 审管互动, the department's side (issue 13 §1), on a fake clock starting Friday 2026-02-13 10:00 Beijing time: the
/// Spring Festival holiday runs 2026-02-15 … 02-23, with Saturday 02-14 a make-up working day. Only the first test moves
/// the clock; the others do not depend on the date.
/// </summary>
public abstract class SupervisionApiTests(OneSealFactory app) : CaseApiTestBase(app)
{
    public static readonly DateTimeOffset Start = new(2026, 2, 13, 2, 0, 0, TimeSpan.Zero);
    private const string RenewalOnCommitment = "QS-XK-029";   // 食品经营许可（延续）: 告知承诺制, supervised by SCJGJ
    private const string PublicPlaceHealth = "QS-XK-007";     // supervised by 卫健委, not the dept account's department

    public sealed record PushDto(Guid Id, Guid CaseId, string CaseNumber, string ItemCode, string Kind, string State, DateOnly ClaimBy, bool Yellow,
        DateTimeOffset? ClaimedAt, string? ClaimedByName, DateTimeOffset? ReportedAt);

    private DateOnly Today => OneSeal.Platform.Time.LegalDates.Today(App.Time!);

    [Fact]
    public async Task A_push_is_claimed_within_three_working_days_across_the_Spring_Festival_then_overdue_and_the_digest_skips_holidays()
    {
        var id = await ApprovedCaseAsync();
        var push = (await PushesAsync(await ClientFor("dept"), "to-claim")).Single(p => p.CaseId == id);
        push.Kind.ShouldBe("approval");
        // Friday 13th: Saturday 14th (make-up working day) is 1, the holiday 15–23 counts nothing, Tue 24th is 2, Wed 25th is 3.
        push.ClaimBy.ShouldBe(new DateOnly(2026, 2, 25));
        push.Yellow.ShouldBeFalse();
        var pushed = await InDb(db => db.Set<EventRecord>().AsNoTracking().SingleAsync(e => e.Type == EventTypes.SupervisionPushed && e.Subject == $"supervision/pushes/{push.Id}"));
        pushed.DepartmentId.ShouldBe(await AgencyIdAsync("SCJGJ"));
        pushed.ItemCode.ShouldBe(Demo.FoodLicence);
        (await GetCaseAsync(await ClientFor("chief"), id)).Timeline.ShouldContain(t => t.Action == "supervision-pushed" && t.Note!.Contains("2026-02-25"));

        // The digest on a working day (Friday 10:00) goes to the department's staff once.
        var friday = await DigestAsync();
        friday.WorkingDay.ShouldBeTrue();
        (await InDb(db => db.Set<DevSmsMessage>().CountAsync(m => m.Phone == "0796-8200201" && m.Text.Contains("审管互动每日汇总")))).ShouldBe(1);
        (await DigestAsync()).Messages.ShouldBe(0, "once per department and day");

        // Sunday 15th, in the Spring Festival holiday: nothing is sent.
        await AdvanceToAsync(new DateOnly(2026, 2, 15));
        var sunday = await DigestAsync();
        sunday.WorkingDay.ShouldBeFalse();
        (await InDb(db => db.Set<DigestSent>().CountAsync(d => d.Day == new DateOnly(2026, 2, 15)))).ShouldBe(0);

        // Wednesday 25th, the last day: yellow.
        await AdvanceToAsync(new DateOnly(2026, 2, 25));
        (await PushesAsync(await ClientFor("dept"), "to-claim")).Single(p => p.Id == push.Id).Yellow.ShouldBeTrue();

        // Thursday 26th: red (overdue); a late claim is still taken, and says so in the audit trail.
        await AdvanceToAsync(new DateOnly(2026, 2, 26));
        var dept = await ClientFor("dept");
        (await PushesAsync(dept, "overdue")).ShouldContain(p => p.Id == push.Id);
        (await PushesAsync(dept, "to-claim")).ShouldNotContain(p => p.Id == push.Id);
        var digest = await DigestAsync();
        digest.WorkingDay.ShouldBeTrue();
        (await InDb(db => db.Set<DevSmsMessage>().OrderByDescending(m => m.Id).FirstAsync(m => m.Phone == "0796-8200201"))).Text.ShouldContain("逾期未认领");
        using (var claim = await dept.PostAsync($"/api/v1/supervision/pushes/{push.Id}/claim", null))
            await ShouldBeAsync(claim, HttpStatusCode.OK);
        var claimed = (await PushesAsync(dept, "claimed")).Single(p => p.Id == push.Id);
        claimed.ClaimedByName.ShouldBe("孙监管");
        claimed.ClaimedAt.ShouldNotBeNull();
        (await InDb(db => db.Set<AuditEntry>().AnyAsync(a => a.Action == "supervision.claimed" && a.EntityId == push.Id.ToString() && a.Detail!.Contains("逾期")))).ShouldBeTrue();
        (await InDb(db => db.Set<EventRecord>().CountAsync(e => e.Type == EventTypes.SupervisionClaimed && e.Subject == $"supervision/pushes/{push.Id}"))).ShouldBe(1);
        using (var again = await dept.PostAsync($"/api/v1/supervision/pushes/{push.Id}/claim", null))
            await ShouldBeProblemAsync(again, HttpStatusCode.Conflict, rule: "already-claimed");
    }

    [Fact]
    public async Task Only_the_supervising_departments_staff_claim_and_record_bad_input_is_refused_and_they_read_the_case()
    {
        var id = await ApprovedCaseAsync();
        var dept = await As("dept");
        var push = (await PushesAsync(dept, null)).Single(p => p.CaseId == id);

        // The bureau's chief is no department staff (403); staff of another department do not see the push (404), on record.
        using (var chiefList = await (await As("chief")).GetAsync("/api/v1/supervision/pushes"))
            await ShouldBeProblemAsync(chiefList, HttpStatusCode.Forbidden, rule: "role");
        await ApiApps.GrantRolesAsync(App, "deptreviewer", Roles.DepartmentStaff);
        var stranger = await ClientFor("deptreviewer");
        (await PushesAsync(stranger, null)).ShouldNotContain(p => p.Id == push.Id);
        using (var claim = await stranger.PostAsync($"/api/v1/supervision/pushes/{push.Id}/claim", null))
            await ShouldBeProblemAsync(claim, HttpStatusCode.NotFound);
        (await InDb(db => db.Set<AuditEntry>().AnyAsync(a => a.Action == "supervision.claim-refused" && a.EntityId == push.Id.ToString()))).ShouldBeTrue();
        using (var badState = await dept.GetAsync("/api/v1/supervision/pushes?state=later"))
            await ShouldBeProblemAsync(badState, HttpStatusCode.BadRequest, field: "state", rule: "one-of");

        // Records come after the claim.
        var record = new { kind = "routine-inspection", checkedOn = Today.ToString("yyyy-MM-dd"), inspectors = "王检查、李执法", findings = "经营场所与许可一致，制度上墙。", result = "compliant" };
        using (var early = await dept.PostAsJsonAsync($"/api/v1/supervision/pushes/{push.Id}/records", record))
            await ShouldBeProblemAsync(early, HttpStatusCode.Conflict, rule: "not-claimed");
        using (var claim = await dept.PostAsync($"/api/v1/supervision/pushes/{push.Id}/claim", null))
            await ShouldBeAsync(claim, HttpStatusCode.OK);
        foreach (var (body, field, rule) in new (object, string, string)[]
        {
            (record with { kind = "audit" }, "kind", "one-of"),
            (record with { checkedOn = "13/02/2026" }, "checkedOn", "date"),
            (record with { checkedOn = Today.AddDays(1).ToString("yyyy-MM-dd") }, "checkedOn", "range"),
            (record with { inspectors = " " }, "inspectors", "required"),
            (record with { findings = new string('查', 4001) }, "findings", "max-length"),
            (record with { result = "fine" }, "result", "one-of"),
        })
        {
            using var bad = await dept.PostAsJsonAsync($"/api/v1/supervision/pushes/{push.Id}/records", body);
            await ShouldBeProblemAsync(bad, HttpStatusCode.BadRequest, field, rule);
        }
        using (var stolen = await stranger.PostAsJsonAsync($"/api/v1/supervision/pushes/{push.Id}/records", record))
            await ShouldBeProblemAsync(stolen, HttpStatusCode.NotFound);
        using (var ok = await dept.PostAsJsonAsync($"/api/v1/supervision/pushes/{push.Id}/records", record))
            await ShouldBeAsync(ok, HttpStatusCode.Created);
        (await PushesAsync(dept, "claimed")).Single(p => p.Id == push.Id).ReportedAt.ShouldNotBeNull();
        var reported = await InDb(db => db.Set<EventRecord>().AsNoTracking().SingleAsync(e => e.Type == EventTypes.SupervisionReported && e.Subject == $"supervision/pushes/{push.Id}"));
        reported.DepartmentId.ShouldBe(await AgencyIdAsync("SCJGJ"));
        reported.ItemCode.ShouldBe(Demo.FoodLicence);
        reported.Data.ShouldNotContain("王检查");

        // The department reads the case it supervises, and acts on nothing; another department's item stays hidden.
        (await GetCaseAsync(dept, id)).CaseNumber.ShouldBe(push.CaseNumber);
        using (var deliver = await ActAsync(dept, id, "deliver", new { mode = "pickup" }))
            await ShouldBeProblemAsync(deliver, HttpStatusCode.Forbidden, rule: "role");
        var company = await As("company");
        var other = (await CreateCaseAsync(company, PublicPlaceHealth, await FilledFormAsync(company, PublicPlaceHealth))).Id;
        await UploadRequiredAsync(company, other, PublicPlaceHealth);
        await StepAsync(company, other, "submit");
        using (var hidden = await dept.GetAsync($"/api/v1/cases/{other}"))
            await ShouldBeProblemAsync(hidden, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task An_untrue_verification_waits_on_the_chiefs_worklist_and_the_chief_revokes_with_a_sealed_notice()
    {
        var company = await As("company");
        var id = (await CreateCaseAsync(company, RenewalOnCommitment, await FilledFormAsync(company, RenewalOnCommitment))).Id;
        await UploadRequiredAsync(company, id, RenewalOnCommitment);
        using (var commit = await ActAsync(company, id, "commit", new { kind = "notification", text = "本单位承诺经营条件未发生变化" }))
            await ShouldBeAsync(commit, HttpStatusCode.Created);
        await StepAsync(company, id, "submit");
        await StepAsync(await As("clerk"), id, "accept");
        await StepAsync(await As("reviewer"), id, "review", new { opinion = "告知承诺，先行审批", recommend = "approve" });
        await StepAsync(await As("chief"), id, "decide", new { approve = true });

        var dept = await As("dept");
        (await PushesAsync(dept, null)).Single(p => p.CaseId == id).Kind.ShouldBe("commitment");
        var task = await InDb(db => db.Set<VerificationTask>().AsNoTracking().SingleAsync(t => t.CaseId == id));
        task.Status.ShouldBe(VerificationStatus.Open);

        using (var noNote = await dept.PostAsJsonAsync($"/api/v1/supervision/verifications/{task.Id}/result", new { result = "untruthful" }))
            await ShouldBeProblemAsync(noNote, HttpStatusCode.BadRequest, "note", "required");
        using (var badResult = await dept.PostAsJsonAsync($"/api/v1/supervision/verifications/{task.Id}/result", new { result = "maybe" }))
            await ShouldBeProblemAsync(badResult, HttpStatusCode.BadRequest, "result", "one-of");
        using (var untrue = await dept.PostAsJsonAsync($"/api/v1/supervision/verifications/{task.Id}/result",
                   new { result = "untruthful", note = "现场核查：经营场所已变更，承诺不实" }))
            await ShouldBeAsync(untrue, HttpStatusCode.OK);
        using (var twice = await dept.PostAsJsonAsync($"/api/v1/supervision/verifications/{task.Id}/result", new { result = "truthful" }))
            await ShouldBeProblemAsync(twice, HttpStatusCode.Conflict, rule: "already-verified");

        // Never silently: the case still stands, its timeline says why it waits, and the chief's worklist holds it.
        var chief = await As("chief");
        var waiting = await GetCaseAsync(chief, id);
        waiting.Status.ShouldBe("certificate-issued");
        waiting.Timeline.ShouldContain(t => t.Action == "verification-untrue" && t.Note!.Contains("待本机关依法撤销"));
        var due = await InScopeAsync(s => s.GetRequiredService<OneSeal.Supervision.SupervisionQueries>()
            .RevocationsDueAsync(ActorOf("chief"), default));
        due.ShouldContain(r => r.CaseId == id);

        // The chief revokes: a case action with its sealed decision; the certificate goes with it, and the department is told.
        using (var noReason = await ActAsync(chief, id, "revoke", new { }))
            await ShouldBeProblemAsync(noReason, HttpStatusCode.BadRequest, "reason", "required");
        using (var revoke = await ActAsync(chief, id, "revoke", new { reason = "告知承诺经核查不属实" }))
            await ShouldBeAsync(revoke, HttpStatusCode.OK);
        var revoked = await GetCaseAsync(chief, id);
        revoked.Status.ShouldBe("revoked");
        (await InDb(db => db.Set<CaseNotice>().AnyAsync(n => n.CaseId == id && n.Kind == NoticeKind.Revocation))).ShouldBeTrue();
        (await InDb(db => db.Set<Certificate>().SingleAsync(c => c.CaseId == id))).Status.ShouldBe(CertificateStatus.Revoked);
        (await InDb(db => db.Set<VerificationTask>().SingleAsync(t => t.Id == task.Id))).Status.ShouldBe(VerificationStatus.Revoked);
        (await PushesAsync(dept, null)).ShouldContain(p => p.CaseId == id && p.Kind == "revocation");
        (await InScopeAsync(s => s.GetRequiredService<OneSeal.Supervision.SupervisionQueries>().RevocationsDueAsync(ActorOf("chief"), default)))
            .ShouldNotContain(r => r.CaseId == id);
    }

    // ------------------------------------------------------------------ helpers

    private async Task<Guid> ApprovedCaseAsync()
    {
        var id = await ReviewedCaseAsync();
        (await StepAsync(await ClientFor("chief"), id, "decide", new { approve = true })).ShouldBe("certificate-issued");
        return id;
    }

    private static async Task<List<PushDto>> PushesAsync(HttpClient client, string? state)
    {
        using var response = await client.GetAsync("/api/v1/supervision/pushes" + (state is null ? "" : $"?state={state}"));
        await ShouldBeAsync(response, HttpStatusCode.OK);
        return (await response.Content.ReadFromJsonAsync<List<PushDto>>(Web))!;
    }

    private Task<SupervisionDigest.Result> DigestAsync() =>
        InScopeAsync(s => s.GetRequiredService<SupervisionDigest>().RunOnceAsync(App.Time!.GetUtcNow(), default));

    /// <summary>Moves the clock to 10:00 Beijing time on <paramref name="day"/>.</summary>
    private Task AdvanceToAsync(DateOnly day)
    {
        var at = new DateTimeOffset(day.ToDateTime(new TimeOnly(10, 0)), TimeSpan.FromHours(8));
        var by = at - App.Time!.GetUtcNow();
        if (by > TimeSpan.Zero) App.Time.Advance(by);
        return Task.CompletedTask;
    }

    private Task<Guid> AgencyIdAsync(string code) => InDb(db => db.Set<Agency>().Where(a => a.Code == code).Select(a => a.Id).SingleAsync());

    private OneSeal.Platform.Security.Actor ActorOf(string username) => App.InDb(async db =>
    {
        var a = await db.Set<Account>().AsNoTracking().Include(x => x.Roles).SingleAsync(x => x.Username == username);
        return new OneSeal.Platform.Security.Actor(a.Id, a.Username, a.DisplayName, a.Kind, a.OrganisationId, a.Roles.Select(r => r.Role).ToHashSet());
    }).GetAwaiter().GetResult();

    private async Task<T> InScopeAsync<T>(Func<IServiceProvider, Task<T>> work)
    {
        await using var scope = App.Services.CreateAsyncScope();
        return await work(scope.ServiceProvider);
    }
}

public sealed class SupervisionSqliteApp() : OneSealFactory(DatabaseProvider.Sqlite, ApiApps.Options(null, new FakeTimeProvider(SupervisionApiTests.Start)));
public sealed class SupervisionPostgresApp() : OneSealFactory(DatabaseProvider.Postgres, ApiApps.Options(null, new FakeTimeProvider(SupervisionApiTests.Start)));

[Trait("Provider", "Sqlite")]
public sealed class SupervisionApiTests_Sqlite(SupervisionSqliteApp app) : SupervisionApiTests(app), IClassFixture<SupervisionSqliteApp>;

[Trait("Provider", "Postgres")]
public sealed class SupervisionApiTests_Postgres(SupervisionPostgresApp app) : SupervisionApiTests(app), IClassFixture<SupervisionPostgresApp>;
