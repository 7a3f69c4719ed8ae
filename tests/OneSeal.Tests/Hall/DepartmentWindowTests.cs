using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OneSeal.Notices;
using OneSeal.Organisation;
using OneSeal.Seal;
using OneSeal.Seal.Administration;
using OneSeal.Tests.Api;
using OneSeal.Tests.Infrastructure;
using CaseEntity = OneSeal.Cases.Case;

namespace OneSeal.Tests.Hall;

/// <summary>
/// Issue 11 §3, 三集中三到位: an item not transferred is accepted, reviewed and decided by its department's approval
/// section (民政局's: deptclerk, deptreviewer, deptchief), not by the bureau, and everything it issues is sealed and
/// signed with the department's own seal.
/// </summary>
public abstract class DepartmentWindowTests(OneSealFactory app) : CaseApiTestBase(app)
{
    /// <summary>最低生活保障审核确认: 民政局, promised 15 working days, not transferred.</summary>
    private const string Subsistence = "QS-GF-003";
    /// <summary>内地居民结婚登记: 民政局, 即办件, not transferred.</summary>
    private const string Marriage = "QS-QR-002";
    private const string CivilAffairs = "青山县民政局";

    private static Dictionary<string, string?> SubsistenceForm() => new()
    {
        ["applicantName"] = "张三", ["idNumber"] = Demo.CitizenId, ["phone"] = "13807960001", ["address"] = "青山县解放路1号", ["familySize"] = "3",
    };

    private static Dictionary<string, string?> MarriageForm() => new()
    {
        ["maleName"] = "张三", ["maleIdNumber"] = Demo.CitizenId, ["femaleName"] = "李梅", ["femaleIdNumber"] = "360999199205081224", ["phone"] = "13807960001",
    };

    private Task<Guid> AgencyAsync(string code) => InDb(db => db.Set<Agency>().Where(a => a.Code == code).Select(a => a.Id).SingleAsync());

    private async Task<SealKey> ActiveKeyAsync(string code)
    {
        var id = await AgencyAsync(code);
        // The bureau's key is made on first use; make sure it exists, to show it does not verify the department's documents.
        await using (var scope = App.Services.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<SealKeyStore>().GetActiveAsync(id, default);
        return await InDb(db => db.Set<SealKey>().AsNoTracking().SingleAsync(k => k.OrganisationId == id && k.Active));
    }

    private static bool Verifies(SealKey key, string payload, string signature) =>
        Sm2Signature.Verify(Sm2Keys.PublicFromHex(key.PublicKeyHex), Encoding.UTF8.GetBytes(payload), Convert.FromBase64String(signature));

    private static async Task<List<Guid>> QueueAsync(HttpClient client, string scope)
    {
        using var response = await client.GetAsync($"/api/v1/cases?scope={scope}");
        await ShouldBeAsync(response, HttpStatusCode.OK);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.EnumerateArray().Select(c => c.GetProperty("id").GetGuid()).ToList();
    }

    [Fact]
    public async Task An_online_application_lands_in_the_sections_queue_and_is_sealed_and_signed_by_the_department()
    {
        var id = await SubmittedCaseAsync("applicant", Subsistence, SubsistenceForm());
        (await InDb(db => db.Set<CaseEntity>().Where(c => c.Id == id).Select(c => c.HandlingOrganisationId).SingleAsync())).ShouldBe(await AgencyAsync("MZJ"));

        // The section's clerk sees it; the bureau's clerk neither sees it nor can act on it.
        (await QueueAsync(await As("deptclerk"), "acceptance")).ShouldContain(id);
        (await QueueAsync(await As("clerk"), "acceptance")).ShouldNotContain(id);
        using (var look = await (await As("clerk")).GetAsync($"/api/v1/cases/{id}")) await ShouldBeAsync(look, HttpStatusCode.NotFound);
        using (var grab = await ActAsync(await As("clerk"), id, "accept")) grab.StatusCode.ShouldBeOneOf(HttpStatusCode.NotFound, HttpStatusCode.Forbidden);

        (await StepAsync(await As("deptclerk"), id, "accept")).ShouldBe("accepted");
        (await QueueAsync(await As("deptreviewer"), "review")).ShouldContain(id);
        (await QueueAsync(await As("reviewer"), "review")).ShouldNotContain(id);
        (await StepAsync(await As("deptreviewer"), id, "review", new { opinion = "家庭收入低于本县低保标准，符合条件。", recommend = "approve" })).ShouldBe("reviewed");
        (await QueueAsync(await As("deptchief"), "decision")).ShouldContain(id);
        using (var bureauChief = await ActAsync(await As("chief"), id, "decide", new { approve = true, reason = "符合条件" }))
            bureauChief.StatusCode.ShouldBeOneOf(HttpStatusCode.NotFound, HttpStatusCode.Forbidden);
        (await StepAsync(await As("deptchief"), id, "decide", new { approve = true, reason = "符合最低生活保障条件" })).ShouldBe("certificate-issued");

        await App.RunOutboxAsync(NoticeTopics.Render);
        await App.RenderCertificatesAsync();
        var department = await ActiveKeyAsync("MZJ");
        var bureau = await ActiveKeyAsync("XZSPJ");
        var notices = await InDb(db => db.Set<CaseNotice>().AsNoTracking().Where(n => n.CaseId == id).ToListAsync());
        notices.Select(n => n.Kind).ShouldContain(NoticeKind.Acceptance);
        foreach (var n in notices)
        {
            n.Status.ShouldBe(NoticeStatus.Issued, n.FailureReason);
            (n.IssuerName, n.SealKeyId).ShouldBe((CivilAffairs, (Guid?)department.Id), n.Number);
            Verifies(department, n.SignedPayload!, n.Signature!).ShouldBeTrue(n.Number);
            Verifies(bureau, n.SignedPayload!, n.Signature!).ShouldBeFalse("the bureau's key does not verify the department's notice");
        }
        var certificate = await InDb(db => db.Set<Certificate>().AsNoTracking().SingleAsync(c => c.CaseId == id));
        (certificate.IssuerName, certificate.SealKeyId, certificate.PdfStatus).ShouldBe((CivilAffairs, department.Id, CertificatePdfStatus.Issued));
        Verifies(department, certificate.SignedPayload, certificate.Signature).ShouldBeTrue();
        Verifies(bureau, certificate.SignedPayload, certificate.Signature).ShouldBeFalse();

        // The public verification pages name the department as issuer.
        var acceptance = notices.Single(n => n.Kind == NoticeKind.Acceptance);
        var noticePage = await Anonymous().GetStringAsync($"/verify/notice/{Uri.EscapeDataString(acceptance.Number)}");
        noticePage.ShouldContain($"<dd>{CivilAffairs}</dd>");
        (await Anonymous().GetStringAsync($"/verify/{Uri.EscapeDataString(certificate.Number)}")).ShouldContain(CivilAffairs);
        // The seal's usage log is the department's.
        var caseNumber = (await GetCaseAsync(await As("applicant"), id)).CaseNumber;
        (await InDb(db => db.Set<SealUsage>().Where(u => u.CaseNumber == caseNumber).Select(u => u.OrganisationId).Distinct().ToListAsync()))
            .ShouldBe([department.OrganisationId]);
    }

    [Fact]
    public async Task An_immediate_item_is_accepted_by_the_sections_clerk_and_decided_by_its_chief()
    {
        var id = await SubmittedCaseAsync("applicant", Marriage, MarriageForm());
        (await StepAsync(await As("deptclerk"), id, "accept")).ShouldBe("accepted");
        // 即办件: no review; the chief decides at once, the reviewer may not.
        using (var reviewer = await ActAsync(await As("deptreviewer"), id, "decide", new { approve = true, reason = "符合条件" }))
            reviewer.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await StepAsync(await As("deptchief"), id, "decide", new { approve = true, reason = "双方自愿，符合结婚条件" })).ShouldBe("certificate-issued");
        var c = await GetCaseAsync(await As("applicant"), id);
        var certificate = await InDb(db => db.Set<Certificate>().AsNoTracking().SingleAsync(x => x.Number == c.CertificateNumber));
        (certificate.IssuerName, certificate.IssuerOrganisationId).ShouldBe((CivilAffairs, await AgencyAsync("MZJ")));
    }

    [Fact]
    public async Task A_department_without_a_seal_may_not_decide_and_nothing_is_written()
    {
        var id = await SubmittedCaseAsync("applicant", Marriage, MarriageForm());
        (await StepAsync(await As("deptclerk"), id, "accept")).ShouldBe("accepted");
        var department = await AgencyAsync("MZJ");
        var seal = await InDb(db => db.Set<OrganisationSeal>().AsNoTracking().SingleAsync(s => s.OrganisationId == department));
        await InDb(db => db.Set<OrganisationSeal>().Where(s => s.Id == seal.Id).ExecuteDeleteAsync());
        try
        {
            var before = await FootprintAsync(id);
            var notices = await InDb(db => db.Set<CaseNotice>().CountAsync(n => n.CaseId == id));
            using var refused = await ActAsync(await As("deptchief"), id, "decide", new { approve = true, reason = "符合结婚条件" });
            var problem = await ShouldBeProblemAsync(refused, HttpStatusCode.Conflict, rule: IssuerSeals.MissingRule);
            problem.GetProperty("title").GetString()!.ShouldContain($"{CivilAffairs}尚未设置印章");
            (await FootprintAsync(id)).ShouldBe(before);
            (await InDb(db => db.Set<CaseNotice>().CountAsync(n => n.CaseId == id))).ShouldBe(notices);
            (await InDb(db => db.Set<Certificate>().CountAsync(c => c.CaseId == id))).ShouldBe(0);
        }
        finally
        {
            await InDb(async db => { db.Add(seal); await db.SaveChangesAsync(); });
        }
        (await StepAsync(await As("deptchief"), id, "decide", new { approve = true, reason = "符合结婚条件" })).ShouldBe("certificate-issued");
    }

    [Fact]
    public async Task An_item_whose_department_has_no_one_to_accept_it_is_refused_online_at_once()
    {
        // 生育登记服务 (卫健委, not transferred): the demo 卫健委 has an approval section but no clerk in it yet.
        var before = await CaseCountAsync("applicant");
        using var refused = await PostCaseAsync(await As("applicant"), "QS-GG-002", new Dictionary<string, string?>());
        var problem = await ShouldBeProblemAsync(refused, HttpStatusCode.Conflict, rule: "no-department-window");
        problem.GetProperty("title").GetString()!.ShouldContain("青山县卫生健康委员会");
        (await CaseCountAsync("applicant")).ShouldBe(before);
    }
}

[Trait("Provider", "Sqlite")]
public sealed class DepartmentWindowTests_Sqlite(SqliteApp app) : DepartmentWindowTests(app), IClassFixture<SqliteApp>;

[Trait("Provider", "Postgres")]
public sealed class DepartmentWindowTests_Postgres(PostgresApp app) : DepartmentWindowTests(app), IClassFixture<PostgresApp>;
