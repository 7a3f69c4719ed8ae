using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using OneSeal.Cases.WindowChief;
using OneSeal.Hall.Chief;
using OneSeal.Notices;
using OneSeal.Organisation;
using OneSeal.Platform.Audit;
using OneSeal.Tests.Api;
using OneSeal.Tests.Infrastructure;
using OneSeal.Tests.Organisation;
using CaseEntity = OneSeal.Cases.Case;

namespace OneSeal.Tests.Hall;

/// <summary>
/// Issue 11 §4: the window chief's five powers, each granted by the security administrator and checked on the server:
/// 即办件 decided at the window (separation of duties kept), pre-review of a draft, joint review by departments, reassignment.
/// </summary>
public abstract class WindowChiefTests(OneSealFactory app) : CaseApiTestBase(app)
{
    private async Task<Guid> WindowIdAsync(string number) =>
        await InDb(db => db.Set<OneSeal.Hall.Window>().Where(w => w.Number == number).Select(w => w.Id).SingleAsync());

    private async Task SeatAsync(HttpClient who, string window = "A01")
    {
        using var r = await who.PostAsync($"/api/v1/windows/{await WindowIdAsync(window)}/sign-in", null);
        await ShouldBeAsync(r, HttpStatusCode.OK);
    }

    private async Task<Guid> AcceptedImmediateAsync()
    {
        var id = await SubmittedCaseAsync(itemCode: Demo.SoleTrader, form: Demo.SoleTraderForm());
        (await StepAsync(await As("clerk"), id, "accept")).ShouldBe("accepted");
        return id;
    }

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage r, HttpStatusCode status)
    {
        await ShouldBeAsync(r, status);
        return await r.Content.ReadFromJsonAsync<JsonElement>();
    }

    /// <summary>The HTML of <paramref name="path"/> as <paramref name="username"/> sees it in a browser (cookie sign-in).</summary>
    private async Task<string> PageAsync(string username, string path)
    {
        using var browser = await SignInTestKit.CookieBrowserAsync(App, username);
        using var page = await browser.GetAsync(path);
        await ShouldBeAsync(page, HttpStatusCode.OK);
        return await page.Content.ReadAsStringAsync();
    }

    private async Task<HttpResponseMessage> PutPowersAsync(HttpClient who, string username, params string[] powers) =>
        await who.PutAsJsonAsync($"/api/v1/admin/staff/{await AccountIdAsync(username)}/powers", new { powers });

    [Fact]
    public async Task The_security_administrator_grants_and_revokes_each_power_and_without_its_grant_every_power_is_refused()
    {
        var secadmin = await As("secadmin");
        using (var list = await secadmin.GetAsync($"/api/v1/admin/staff/{await AccountIdAsync("winchief")}/powers"))
            (await JsonAsync(list, HttpStatusCode.OK)).EnumerateArray().Count(p => p.GetProperty("granted").GetBoolean()).ShouldBe(5);
        try
        {
            using (var none = await PutPowersAsync(secadmin, "winchief"))
                (await JsonAsync(none, HttpStatusCode.OK)).EnumerateArray().ShouldAllBe(p => !p.GetProperty("granted").GetBoolean());
            var chief = await As("winchief");
            await SeatAsync(chief);
            var accepted = await AcceptedImmediateAsync();
            var draft = (await CreateCaseAsync(await As("applicant"))).Id;
            var reviewer = await AccountIdAsync("reviewer");
            (string Path, object Body, Guid Case, string Power)[] uses =
            [
                ("decide-at-window", new { approve = true }, accepted, "即办件当场决定"),
                ("pre-review", new { items = new[] { "补充营业场所平面图" } }, draft, "预审"),
                ("joint-review", new { departments = new[] { Guid.NewGuid() }, dueInDays = 3 }, accepted, "联审会签"),
                ("reassign", new { to = reviewer, reason = "分流" }, accepted, "改派"),
            ];
            foreach (var (path, body, caseId, power) in uses)
            {
                using var refused = await ActAsync(chief, caseId, path, body);
                var problem = await ShouldBeProblemAsync(refused, HttpStatusCode.Forbidden, rule: "power-not-granted");
                problem.GetProperty("title").GetString()!.ShouldContain(power);
            }
            (await GetCaseAsync(chief, accepted)).Status.ShouldBe("accepted");
            var refusals = await InDb(db => db.Set<AuditEntry>().CountAsync(e => e.Action == "window-chief.power-refused"));
            refusals.ShouldBeGreaterThanOrEqualTo(4);
            // A power in the grant works; the others stay refused.
            using (var one = await PutPowersAsync(secadmin, "winchief", WindowChiefPower.PreReview))
                await ShouldBeAsync(one, HttpStatusCode.OK);
            using (var ok = await ActAsync(chief, draft, "pre-review", new { note = "请补充营业场所平面图。" }))
                await ShouldBeAsync(ok, HttpStatusCode.Created);
            using (var still = await ActAsync(chief, accepted, "reassign", new { to = reviewer, reason = "分流" }))
                await ShouldBeProblemAsync(still, HttpStatusCode.Forbidden, rule: "power-not-granted");
        }
        finally
        {
            using var all = await PutPowersAsync(secadmin, "winchief", [.. WindowChiefPower.All]);
            await ShouldBeAsync(all, HttpStatusCode.OK);
        }
        (await PageAsync("secadmin", $"/admin/users/{await AccountIdAsync("winchief")}/powers")).ShouldContain("即办件当场决定");
        var changes = await InDb(db => db.Set<AuditEntry>().Where(e => e.Action == "staff.powers-changed").Select(e => e.Detail).ToListAsync());
        changes.ShouldContain(d => d!.Contains("收回") && d.Contains("改派"));

        // Only the security administrator grants; only to a window chief; only known powers.
        using (var byClerk = await PutPowersAsync(await As("clerk"), "winchief", WindowChiefPower.Reassign))
            await ShouldBeProblemAsync(byClerk, HttpStatusCode.Forbidden, rule: "role");
        using (var notChief = await PutPowersAsync(secadmin, "clerk", WindowChiefPower.Reassign))
            await ShouldBeProblemAsync(notChief, HttpStatusCode.Conflict, rule: "not-window-chief");
        using (var unknown = await PutPowersAsync(secadmin, "winchief", "rule-the-world"))
            await ShouldBeProblemAsync(unknown, HttpStatusCode.BadRequest, field: "powers[0]");
    }

    [Fact]
    public async Task A_window_chief_seated_at_a_window_decides_an_accepted_immediate_item_and_its_documents_are_issued()
    {
        var chief = await As("winchief");
        await InDb(db => db.Set<OneSeal.Hall.Seats.WindowSeat>().Where(s => s.AccountId == db.Set<Account>().Single(a => a.Username == "winchief").Id)
            .ExecuteDeleteAsync());
        var id = await AcceptedImmediateAsync();
        using (var unseated = await ActAsync(chief, id, "decide-at-window", new { approve = true }))
            await ShouldBeProblemAsync(unseated, HttpStatusCode.Forbidden, rule: "not-at-window");
        await SeatAsync(chief, "C01");
        using (var result = await ActAsync(chief, id, "decide-at-window", new { approve = true }))
            await ShouldBeProblemAsync(result, HttpStatusCode.Conflict, rule: "window-kind");
        await SeatAsync(chief);
        (await StepAsync(chief, id, "decide-at-window", new { approve = true })).ShouldBe("certificate-issued");
        var c = await GetCaseAsync(await As("applicant"), id);
        c.CertificateNumber.ShouldNotBeNull();
        c.Timeline.ShouldContain(t => t.Action == "approved" && t.Actor == "何首席");
        (await InDb(db => db.Set<CaseNotice>().AnyAsync(n => n.CaseId == id && n.Kind == NoticeKind.Approval))).ShouldBeTrue();

        // A promised item is never decided at the window; a denial needs its reason.
        var promised = await AcceptedCaseAsync();
        using (var r = await ActAsync(chief, promised, "decide-at-window", new { approve = true }))
            await ShouldBeProblemAsync(r, HttpStatusCode.Conflict, rule: "invalid-transition");
        var other = await AcceptedImmediateAsync();
        using (var r = await ActAsync(chief, other, "decide-at-window", new { approve = false }))
            await ShouldBeProblemAsync(r, HttpStatusCode.BadRequest, field: "reason");
        (await StepAsync(chief, other, "decide-at-window", new { approve = false, reason = "经营场所不符合要求。" })).ShouldBe("denied");
    }

    [Fact]
    public async Task One_person_who_is_clerk_and_window_chief_cannot_decide_what_they_accepted()
    {
        await ApiApps.GrantRolesAsync(App, "clerk2", OneSeal.Organisation.Roles.WindowChief);
        await InDb(async db =>
        {
            var id = await db.Set<Account>().Where(a => a.Username == "clerk2").Select(a => a.Id).SingleAsync();
            if (!await db.Set<WindowChiefGrant>().AnyAsync(g => g.AccountId == id))
                db.Add(new WindowChiefGrant { AccountId = id, Power = WindowChiefPower.DecideImmediate, GrantedAt = DateTimeOffset.UtcNow, GrantedById = id });
            await db.SaveChangesAsync();
        });
        var both = await As("clerk2");
        await SeatAsync(both);
        var id = await SubmittedCaseAsync(itemCode: Demo.SoleTrader, form: Demo.SoleTraderForm());
        (await StepAsync(both, id, "accept")).ShouldBe("accepted");
        var before = await FootprintAsync(id);
        using (var r = await ActAsync(both, id, "decide-at-window", new { approve = true }))
            await ShouldBeProblemAsync(r, HttpStatusCode.Forbidden, rule: "separation-of-duties");
        (await FootprintAsync(id)).Version.ShouldBe(before.Version);
    }

    [Fact]
    public async Task A_pre_review_of_a_draft_keeps_it_a_draft_and_the_applicant_reads_the_list()
    {
        var chief = await As("winchief");
        var applicant = await As("applicant");
        var draft = (await CreateCaseAsync(applicant)).Id;
        using (var empty = await ActAsync(chief, draft, "pre-review", new { items = new[] { " " } }))
            await ShouldBeProblemAsync(empty, HttpStatusCode.BadRequest, field: "items");
        using (var made = await ActAsync(chief, draft, "pre-review", new { items = new[] { "经营场所证明须为租赁合同原件扫描件", "法定代表人身份证须正反两面" }, note = "请一次补齐后提交。" }))
            await ShouldBeAsync(made, HttpStatusCode.Created);
        var c = await GetCaseAsync(applicant, draft);
        c.Status.ShouldBe("draft");
        c.Timeline.ShouldContain(t => t.Action == "pre-reviewed" && t.Actor == "何首席" && t.Note!.Contains("租赁合同"));
        using (var list = await applicant.GetAsync($"/api/v1/cases/{draft}/pre-reviews"))
        {
            var first = (await JsonAsync(list, HttpStatusCode.OK))[0];
            first.GetProperty("items").GetArrayLength().ShouldBe(2);
            first.GetProperty("note").GetString().ShouldBe("请一次补齐后提交。");
        }
        (await InDb(db => db.Set<AuditEntry>().AnyAsync(e => e.Action == "case.pre-reviewed" && e.EntityId == draft.ToString()))).ShouldBeTrue();
        (await PageAsync("applicant", $"/my/cases/{draft}")).ShouldContain("法定代表人身份证须正反两面");
        (await PageAsync("winchief", "/hall/chief")).ShouldContain(c.CaseNumber);
        // Once submitted it is the window's acceptance, not a pre-review.
        var submitted = await SubmittedCaseAsync();
        using (var late = await ActAsync(chief, submitted, "pre-review", new { note = "x" }))
            await ShouldBeProblemAsync(late, HttpStatusCode.Conflict, rule: "invalid-transition");
    }

    [Fact]
    public async Task A_joint_review_is_answered_by_the_asked_department_only_and_an_unanswered_request_past_its_date_is_overdue()
    {
        var chief = await As("winchief");
        var id = await AcceptedCaseAsync();
        var scjgj = await InDb(db => db.Set<Agency>().Where(a => a.Code == "SCJGJ").Select(a => a.Id).SingleAsync());
        var bureau = await InDb(db => db.Set<Agency>().Where(a => a.Code == "XZSPJ").Select(a => a.Id).SingleAsync());
        using (var self = await ActAsync(chief, id, "joint-review", new { departments = new[] { bureau }, dueInDays = 3 }))
            await ShouldBeProblemAsync(self, HttpStatusCode.BadRequest, field: "departments[0]");
        using (var days = await ActAsync(chief, id, "joint-review", new { departments = new[] { scjgj }, dueInDays = 0 }))
            await ShouldBeProblemAsync(days, HttpStatusCode.BadRequest, field: "dueInDays");
        JsonElement request;
        using (var made = await ActAsync(chief, id, "joint-review", new { departments = new[] { scjgj }, dueInDays = 3, question = "是否符合食品安全监管要求？" }))
            request = (await JsonAsync(made, HttpStatusCode.Created))[0];
        var requestId = request.GetProperty("id").GetGuid();
        request.GetProperty("overdue").GetBoolean().ShouldBeFalse();

        var dept = await As("dept");
        using (var mine = await dept.GetAsync("/api/v1/joint-reviews?mine=true"))
            (await JsonAsync(mine, HttpStatusCode.OK)).EnumerateArray().ShouldContain(j => j.GetProperty("id").GetGuid() == requestId);
        // Another organisation's staff, even holding the department role, does not see or answer it; a reviewer has no say.
        await ApiApps.GrantRolesAsync(App, "monitor", OneSeal.Organisation.Roles.DepartmentStaff);
        using (var stranger = await (await As("monitor")).PostAsJsonAsync($"/api/v1/joint-reviews/{requestId}/opinion", new { opinion = "同意", agree = true }))
            await ShouldBeProblemAsync(stranger, HttpStatusCode.NotFound);
        using (var reviewer = await (await As("reviewer")).PostAsJsonAsync($"/api/v1/joint-reviews/{requestId}/opinion", new { opinion = "同意", agree = true }))
            await ShouldBeProblemAsync(reviewer, HttpStatusCode.Forbidden, rule: "role");
        using (var noAgree = await dept.PostAsJsonAsync($"/api/v1/joint-reviews/{requestId}/opinion", new { opinion = "同意" }))
            await ShouldBeProblemAsync(noAgree, HttpStatusCode.BadRequest, field: "agree");

        // Past its date without an answer: overdue for the chief; the late answer is kept and marked late.
        await InDb(db => db.Set<JointReview>().Where(j => j.Id == requestId).ExecuteUpdateAsync(s => s.SetProperty(j => j.DueOn, new DateOnly(2020, 1, 6))));
        using (var open = await chief.GetAsync("/api/v1/joint-reviews?open=true"))
            (await JsonAsync(open, HttpStatusCode.OK)).EnumerateArray().Single(j => j.GetProperty("id").GetGuid() == requestId)
                .GetProperty("overdue").GetBoolean().ShouldBeTrue();
        using (var answer = await dept.PostAsJsonAsync($"/api/v1/joint-reviews/{requestId}/opinion", new { opinion = "经核查，符合监管要求，同意。", agree = true }))
            (await JsonAsync(answer, HttpStatusCode.OK)).GetProperty("answered").GetBoolean().ShouldBeTrue();
        using (var again = await dept.PostAsJsonAsync($"/api/v1/joint-reviews/{requestId}/opinion", new { opinion = "再答", agree = false }))
            await ShouldBeProblemAsync(again, HttpStatusCode.Conflict, rule: "already-answered");

        using (var onCase = await chief.GetAsync($"/api/v1/cases/{id}/joint-reviews"))
        {
            var opinion = (await JsonAsync(onCase, HttpStatusCode.OK))[0];
            opinion.GetProperty("opinion").GetString()!.ShouldContain("符合监管要求");
            opinion.GetProperty("agree").GetBoolean().ShouldBeTrue();
            opinion.GetProperty("overdue").GetBoolean().ShouldBeTrue();
        }
        var c = await GetCaseAsync(chief, id);
        (await PageAsync("dept", "/dept/joint-reviews")).ShouldContain(c.CaseNumber);
        (await PageAsync("winchief", $"/hall/cases/{id}")).ShouldContain("经核查，符合监管要求");
        c.Status.ShouldBe("accepted");
        c.Timeline.ShouldContain(t => t.Action == "joint-review-requested" && t.Note!.Contains("市场监督管理局"));
        c.Timeline.ShouldContain(t => t.Action == "joint-review-answered" && t.Actor == "孙监管" && t.Note!.Contains("逾期"));
    }

    [Fact]
    public async Task A_case_is_reassigned_only_to_staff_of_the_handling_organisation_holding_the_role_of_its_step()
    {
        var chief = await As("winchief");
        var id = await AcceptedCaseAsync();
        using (var noReason = await ActAsync(chief, id, "reassign", new { to = await AccountIdAsync("reviewer") }))
            await ShouldBeProblemAsync(noReason, HttpStatusCode.BadRequest, field: "reason");
        using (var wrongRole = await ActAsync(chief, id, "reassign", new { to = await AccountIdAsync("clerk2"), reason = "分流" }))
            await ShouldBeProblemAsync(wrongRole, HttpStatusCode.BadRequest, field: "to", rule: "step-role");
        using (var otherOrg = await ActAsync(chief, id, "reassign", new { to = await AccountIdAsync("dept"), reason = "分流" }))
            await ShouldBeProblemAsync(otherOrg, HttpStatusCode.BadRequest, field: "to", rule: "handling-organisation");
        using (var nobody = await ActAsync(chief, id, "reassign", new { to = "not-a-guid", reason = "分流" }))
            await ShouldBeProblemAsync(nobody, HttpStatusCode.BadRequest, field: "to");
        (await StepAsync(chief, id, "reassign", new { to = await AccountIdAsync("reviewer"), reason = "原承办人休假，改由赵审查承办。" })).ShouldBe("accepted");
        var reviewer = await AccountIdAsync("reviewer");
        (await InDb(db => db.Set<CaseEntity>().Where(c => c.Id == id).Select(c => c.AssigneeId).SingleAsync())).ShouldBe(reviewer);
        var c = await GetCaseAsync(chief, id);
        c.Timeline.ShouldContain(t => t.Action == "reassigned" && t.Note!.Contains("改派给 赵审查"));
        (await InDb(db => db.Set<AuditEntry>().AnyAsync(e => e.Action == "case.reassigned" && e.EntityId == id.ToString()))).ShouldBeTrue();
        (await PageAsync("reviewer", "/office")).ShouldContain("指派给我");
    }
}

[Trait("Provider", "Sqlite")]
public sealed class WindowChiefTests_Sqlite(SqliteApp app) : WindowChiefTests(app), IClassFixture<SqliteApp>;

[Trait("Provider", "Postgres")]
public sealed class WindowChiefTests_Postgres(PostgresApp app) : WindowChiefTests(app), IClassFixture<PostgresApp>;
