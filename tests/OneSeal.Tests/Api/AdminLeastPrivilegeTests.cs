using System.Net;
using Microsoft.EntityFrameworkCore;
using OneSeal.Notices;
using OneSeal.Tests.Infrastructure;
using static OneSeal.Tests.Organisation.SignInTestKit;

namespace OneSeal.Tests.Api;

/// <summary>
/// Defect 20: the catalog administrator sees no applicant's case, material, notice or certificate, through the API or
/// the pages; the same requests by the people who handle or watch the case succeed, so the matrix cannot pass vacuously.
/// </summary>
public abstract class AdminLeastPrivilegeTests(OneSealFactory app) : CaseApiTestBase(app)
{
    private async Task<(Guid CaseId, Guid MaterialId, Guid NoticeId, string Certificate)> DecidedCaseAsync()
    {
        var id = await ReviewedCaseAsync();
        (await StepAsync(await As("chief"), id, "decide", new { approve = true, reason = "符合法定条件" })).ShouldBe("certificate-issued");
        await App.RenderCertificatesAsync(); // the PDF is rendered by the outbox after the decision
        var detail = await GetCaseAsync(await As("applicant"), id);
        var notice = await InDb(db => db.Set<CaseNotice>().Where(n => n.CaseId == id).Select(n => n.Id).FirstAsync());
        return (id, detail.Materials[0].Id, notice, detail.CertificateNumber!);
    }

    [Fact]
    public async Task Defect20_the_administrator_reads_no_case_material_notice_or_certificate_through_the_API()
    {
        // Before: 200 on every one of these for the catalog administrator.
        var (id, material, notice, number) = await DecidedCaseAsync();
        string[] denied =
        [
            $"/api/v1/cases/{id}", $"/api/v1/cases/{id}/materials/{material}", $"/api/v1/cases/{id}/deadline",
            $"/api/v1/cases/{id}/notices", $"/api/v1/cases/{id}/notices/{notice}/pdf",
            $"/api/v1/certificates/{number}", $"/api/v1/certificates/{number}/pdf",
            "/api/v1/cases?scope=acceptance", "/api/v1/cases?scope=review", "/api/v1/cases?scope=decision",
        ];
        var admin = await As("admin");
        foreach (var path in denied)
        {
            using var response = await admin.GetAsync(path);
            response.StatusCode.ShouldBeOneOf([HttpStatusCode.Forbidden, HttpStatusCode.NotFound], $"admin GET {path}");
        }
        using (var mine = await admin.GetAsync("/api/v1/cases?scope=mine"))
            (await mine.Content.ReadAsStringAsync()).ShouldBe("[]", "the administrator has no cases of their own");
        (await admin.PostAsync($"/api/v1/certificates/{number}/revoke", System.Net.Http.Json.JsonContent.Create(new { reason = "试图撤销" })))
            .StatusCode.ShouldBe(HttpStatusCode.Forbidden);

        // The control: those who handle or watch the case read the same resources.
        foreach (var (who, path) in new[]
                 {
                     ("monitor", $"/api/v1/cases/{id}"), ("monitor", $"/api/v1/cases/{id}/notices"), ("monitor", $"/api/v1/certificates/{number}"),
                     ("chief", $"/api/v1/cases/{id}/materials/{material}"), ("chief", $"/api/v1/certificates/{number}/pdf"),
                     ("applicant", $"/api/v1/certificates/{number}"),
                 })
        {
            using var response = await (await As(who)).GetAsync(path);
            response.StatusCode.ShouldBe(HttpStatusCode.OK, $"{who} GET {path}");
        }
    }

    [Fact]
    public async Task Defect20_the_administrator_opens_no_case_page_material_notice_page_or_certificate_download()
    {
        var (id, material, _, number) = await DecidedCaseAsync();
        using var admin = await CookieBrowserAsync(App, "admin");
        string[] pages =
        [
            "/hall", "/office", "/my/cases", $"/hall/cases/{id}", $"/office/cases/{id}", $"/my/cases/{id}",
            $"/hall/cases/{id}/materials/{material}", $"/office/cases/{id}/materials/{material}",
            $"/cases/{id}/notices", $"/certificates/{number}/download",
        ];
        foreach (var path in pages)
        {
            using var response = await admin.GetAsync(path);
            var refused = response.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.NotFound
                || (response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location!.ToString().Contains("/account/denied"));
            refused.ShouldBeTrue($"admin GET {path} → {(int)response.StatusCode} {response.Headers.Location}");
        }

        using var chief = await CookieBrowserAsync(App, "chief");
        foreach (var path in new[] { $"/office/cases/{id}", $"/cases/{id}/notices", $"/certificates/{number}/download" })
            (await chief.GetAsync(path)).StatusCode.ShouldBe(HttpStatusCode.OK, $"chief GET {path}");
    }
}

[Trait("Provider", "Sqlite")]
public sealed class AdminLeastPrivilegeTests_Sqlite(SqliteApp app) : AdminLeastPrivilegeTests(app), IClassFixture<SqliteApp>;

[Trait("Provider", "Postgres")]
public sealed class AdminLeastPrivilegeTests_Postgres(PostgresApp app) : AdminLeastPrivilegeTests(app), IClassFixture<PostgresApp>;
