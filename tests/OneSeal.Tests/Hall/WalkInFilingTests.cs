using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using OneSeal.Cases;
using Case = OneSeal.Cases.Case;
using OneSeal.Notices;
using OneSeal.Organisation;
using OneSeal.Platform.Audit;
using OneSeal.Tests.Api;
using OneSeal.Tests.Infrastructure;
using static OneSeal.Tests.Organisation.Applicants.ApplicantKit;

namespace OneSeal.Tests.Hall;

/// <summary>
/// Issue 11 §2: a walk-in without a portal account is recorded at a comprehensive window (identity encrypted, found by
/// its keyed hash), the clerk files, uploads with paper checks, submits and accepts in one visit; the window must take
/// the item's theme; the person later registers online with the same ID and finds the case under "my cases".
/// </summary>
public abstract class WalkInFilingTests(OneSealFactory app) : CaseApiTestBase(app)
{
    [Fact]
    public async Task A_walk_in_is_recorded_found_by_ID_filed_at_A01_uploaded_with_paper_checks_submitted_and_accepted_then_claimed_by_registration()
    {
        var clerk = await As("clerk");
        await SignInAtAsync(clerk, "A01");
        var (id, phone) = (NewCitizenId(), NewPhone());

        using (var recorded = await clerk.PostAsJsonAsync("/api/v1/applicants", new { kind = "citizen", name = "周大山", idNumber = id, phone }))
            await ShouldBeAsync(recorded, HttpStatusCode.Created);
        var found = await clerk.GetFromJsonAsync<List<JsonElement>>($"/api/v1/applicants?idNumber={id}");
        found!.Count.ShouldBe(1);
        var applicant = found[0];
        applicant.GetProperty("registered").GetBoolean().ShouldBeFalse();
        applicant.GetProperty("identityMasked").GetString().ShouldNotBe(id);
        var applicantId = applicant.GetProperty("id").GetGuid();
        // Recording the same person again finds the record: no duplicate.
        using (var again = await clerk.PostAsJsonAsync("/api/v1/applicants", new { kind = "citizen", name = "周大山", idNumber = id, phone }))
        {
            await ShouldBeAsync(again, HttpStatusCode.OK);
            (await again.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid().ShouldBe(applicantId);
        }
        var row = await App.InDb(db => db.Set<Account>().AsNoTracking().SingleAsync(a => a.Id == applicantId));
        JsonSerializer.Serialize(row).ShouldNotContain(id, customMessage: "the ID number is stored encrypted");
        JsonSerializer.Serialize(row).ShouldNotContain(phone);
        row.RecordedAtWindowAt.ShouldNotBeNull();
        row.PhoneVerifiedAt.ShouldBeNull();

        var caseId = await FileAsync(clerk, Demo.SoleTrader, applicantId, Demo.SoleTraderForm(id), HttpStatusCode.Created);
        var guide = await GuideAsync(clerk, Demo.SoleTrader);
        var required = guide.Materials.Where(m => m.Required).Select(m => m.Code).ToList();
        foreach (var (code, n) in required.Select((c, n) => (c, n)))
            await UploadCheckedAsync(clerk, caseId, code, n == 0 ? "original" : "copy");
        await StepAsync(clerk, caseId, "submit");
        await StepAsync(clerk, caseId, "accept");

        var (c, checks, notice) = await App.InDb(async db => (
            await db.Set<Case>().AsNoTracking().SingleAsync(x => x.Id == caseId),
            await db.Set<CaseMaterial>().AsNoTracking().Where(m => m.CaseId == caseId && !m.Superseded).Select(m => m.PaperCheck).ToListAsync(),
            await db.Set<CaseNotice>().AsNoTracking().SingleOrDefaultAsync(x => x.CaseId == caseId && x.Kind == NoticeKind.Acceptance)));
        (c.Channel, c.Status, c.ApplicantAccountId, c.FiledById).ShouldBe((CaseChannel.Window, CaseStatus.Accepted, applicantId, await AccountIdAsync("clerk")));
        c.WindowId.ShouldNotBeNull();
        checks.ShouldContain(PaperCheck.Original);
        checks.ShouldAllBe(p => p != null);
        notice.ShouldNotBeNull("the acceptance notice (受理通知书) is issued in the same visit");

        // The person registers online with the same ID: the record becomes the account and the window case is theirs.
        var newPhone = NewPhone();
        await RegisterCitizenAsync(App, newPhone, id, name: "周大山");
        var username = await VerifyAsync(App, newPhone);
        (await App.InDb(db => db.Set<Account>().CountAsync(a => a.Id == applicantId && a.PhoneVerifiedAt != null))).ShouldBe(1);
        var person = await App.ClientFor(username, Password);
        var mine = await person.GetFromJsonAsync<List<JsonElement>>("/api/v1/cases");
        mine!.Select(x => x.GetProperty("id").GetGuid()).ShouldContain(caseId);
    }

    [Fact]
    public async Task Filing_needs_a_seat_at_an_intake_window_and_a_window_of_the_item_theme_and_a_refusal_writes_only_its_audit_line()
    {
        var clerk2 = await As("clerk2");
        using (var _ = await clerk2.PostAsync("/api/v1/windows/sign-out", null)) { }
        var applicantId = await AccountIdAsync("applicant");
        var casesBefore = await App.InDb(db => db.Set<Case>().CountAsync());

        var notSeated = await FileProblemAsync(clerk2, Demo.FoodLicence, applicantId, HttpStatusCode.Forbidden);
        notSeated.GetProperty("rule").GetString().ShouldBe("not-at-window");
        using (var r = await clerk2.PostAsJsonAsync("/api/v1/applicants", new { kind = "citizen", name = "吴一", idNumber = NewCitizenId(), phone = NewPhone() }))
            (await ShouldBeProblemAsync(r, HttpStatusCode.Forbidden)).GetProperty("rule").GetString().ShouldBe("not-at-window");

        await SignInAtAsync(clerk2, "C01");
        var resultWindow = await FileProblemAsync(clerk2, Demo.FoodLicence, applicantId, HttpStatusCode.Conflict);
        resultWindow.GetProperty("rule").GetString().ShouldBe("window-kind");

        // A01 serves 市场准入 and 社会事业; 建筑工程施工许可 (住建局) is 基本建设.
        await SignInAtAsync(clerk2, "A01");
        var auditBefore = await App.InDb(db => db.Set<AuditEntry>().CountAsync(e => e.Action == "case.window-refused"));
        var theme = await FileProblemAsync(clerk2, "QS-XK-015", applicantId, HttpStatusCode.Conflict);
        theme.GetProperty("rule").GetString().ShouldBe("window-theme");
        theme.GetProperty("title").GetString()!.ShouldContain("基本建设");
        (await App.InDb(db => db.Set<AuditEntry>().CountAsync(e => e.Action == "case.window-refused" && e.EntityId == "QS-XK-015"))).ShouldBe(auditBefore + 1);
        (await App.InDb(db => db.Set<Case>().CountAsync())).ShouldBe(casesBefore);

        // An online case stays the applicant's: the clerk cannot upload to it even when seated.
        var online = await CreateCaseAsync(await As("applicant"));
        using var upload = await UploadAsync(clerk2, online.Id, "M01", "m.pdf", SampleFiles.Pdf());
        await ShouldBeProblemAsync(upload, HttpStatusCode.Forbidden, rule: "applicant-only");
    }

    // ------------------------------------------------------------------ helpers

    private static async Task SignInAtAsync(HttpClient staff, string number)
    {
        var windows = await staff.GetFromJsonAsync<List<JsonElement>>("/api/v1/windows");
        var id = windows!.Single(w => w.GetProperty("window").GetProperty("number").GetString() == number).GetProperty("window").GetProperty("id").GetGuid();
        using var response = await staff.PostAsync($"/api/v1/windows/{id}/sign-in", null);
        await ShouldBeAsync(response, HttpStatusCode.OK);
    }

    private static async Task<Guid> FileAsync(HttpClient clerk, string itemCode, Guid applicantId, object form, HttpStatusCode expected)
    {
        using var response = await clerk.PostAsJsonAsync("/api/v1/cases", new { itemCode, form, channel = "window", applicantId });
        await ShouldBeAsync(response, expected);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    private static async Task<JsonElement> FileProblemAsync(HttpClient clerk, string itemCode, Guid applicantId, HttpStatusCode expected)
    {
        using var response = await clerk.PostAsJsonAsync("/api/v1/cases", new { itemCode, form = new { }, channel = "window", applicantId });
        return await ShouldBeProblemAsync(response, expected);
    }

    private static async Task UploadCheckedAsync(HttpClient clerk, Guid caseId, string code, string paperCheck)
    {
        using var form = new MultipartFormDataContent
        {
            { new StringContent(code), "materialCode" },
            { new StringContent(paperCheck), "paperCheck" },
        };
        var file = new ByteArrayContent(SampleFiles.Pdf($"scan {code}"));
        file.Headers.ContentType = MediaTypeHeaderValue.Parse("application/pdf");
        form.Add(file, "file", $"{code}.pdf");
        using var response = await clerk.PostAsync($"/api/v1/cases/{caseId}/materials", form);
        await ShouldBeAsync(response, HttpStatusCode.Created);
    }
}

[Trait("Provider", "Sqlite")]
public sealed class WalkInFilingTests_Sqlite(SqliteApp app) : WalkInFilingTests(app), IClassFixture<SqliteApp>;

[Trait("Provider", "Postgres")]
public sealed class WalkInFilingTests_Postgres(PostgresApp app) : WalkInFilingTests(app), IClassFixture<PostgresApp>;
