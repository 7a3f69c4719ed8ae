using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using OneSeal.Notices;
using OneSeal.Organisation;
using OneSeal.Tests.Api;
using OneSeal.Tests.Infrastructure;
using static OneSeal.Tests.Organisation.SignInTestKit;

namespace OneSeal.Tests.Hall;

/// <summary>
/// Issue 11 §2: the receipt opens in a print view at once — sealed, numbered, with its QR code — right after the act
/// that issued it, before the outbox renders the PDF; only staff who may see the case get it.
/// </summary>
public abstract partial class NoticePrintTests(OneSealFactory app) : CaseApiTestBase(app)
{
    private Task<CaseNotice> NoticeAsync(Guid caseId, NoticeKind kind) =>
        InDb(db => db.Set<CaseNotice>().AsNoTracking().Where(n => n.CaseId == caseId && n.Kind == kind).SingleAsync());

    [Fact]
    public async Task Right_after_acceptance_the_print_view_shows_the_number_the_issuer_the_seal_and_the_QR()
    {
        var id = await AcceptedCaseAsync();
        var notice = await NoticeAsync(id, NoticeKind.Acceptance);
        notice.Status.ShouldBe(NoticeStatus.Pending, "the PDF is rendered later by the outbox");

        using var clerk = await CookieBrowserAsync(App, "clerk");
        using var response = await clerk.GetAsync($"/hall/notices/{notice.Id}/print");
        await ShouldBeAsync(response, HttpStatusCode.OK);
        var html = await response.Content.ReadAsStringAsync();
        html.ShouldContain(WebUtility.HtmlEncode(notice.Number));
        html.ShouldContain("<div class=\"org\">" + WebUtility.HtmlEncode(notice.IssuerName) + "</div>");
        html.ShouldContain("class=\"seal\"");
        html.ShouldContain("印章\"");
        html.ShouldContain("<img src=\"data:image/svg+xml");
        html.ShouldContain("扫码核验");
        html.ShouldContain("id=\"print\"");
        html.ShouldContain("/js/notice-print.js");
        html.ShouldNotContain("<style", Case.Sensitive, "the CSP allows no inline style: the sheet is linked");
        html.ShouldContain("data-auto-print=\"0\"");
        (await clerk.GetStringAsync($"/hall/notices/{notice.Id}/print?auto=1")).ShouldContain("data-auto-print=\"1\"");

        using var style = await clerk.GetAsync($"/hall/notices/{notice.Id}/print/style");
        await ShouldBeAsync(style, HttpStatusCode.OK);
        style.Content.Headers.ContentType!.MediaType.ShouldBe("text/css");
        (await style.Content.ReadAsStringAsync()).ShouldContain("@page { size: A4");

        // Its QR code leads to a page that says it is being sealed, not that it does not exist.
        var verify = WebUtility.HtmlDecode(await Anonymous().GetStringAsync($"/verify/notice/{Uri.EscapeDataString(notice.Number)}"));
        verify.ShouldContain("电子签章正在生成");
        verify.ShouldNotContain("张三");

        // A reviewer of the bureau may see the case, so the notice too.
        using var reviewer = await CookieBrowserAsync(App, "reviewer");
        (await reviewer.GetAsync($"/hall/notices/{notice.Id}/print")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task The_applicant_and_a_clerk_of_another_organisation_get_404()
    {
        var id = await AcceptedCaseAsync();
        var notice = await NoticeAsync(id, NoticeKind.Acceptance);
        using var applicant = await CookieBrowserAsync(App, "applicant");
        (await applicant.GetAsync($"/hall/notices/{notice.Id}/print")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await applicant.GetAsync($"/hall/notices/{notice.Id}/print/style")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var outsider = await NewStaffAsync(App, Roles.Clerk, "SCJGJ");
        using var other = await CookieBrowserAsync(App, outsider);
        (await other.GetAsync($"/hall/notices/{notice.Id}/print")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        using var clerk = await CookieBrowserAsync(App, "clerk");
        (await clerk.GetAsync($"/hall/notices/{Guid.NewGuid()}/print")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await Anonymous().GetAsync($"/hall/notices/{notice.Id}/print")).StatusCode.ShouldBe(HttpStatusCode.Redirect);

        // Applicants keep their PDFs: their case page has no print link.
        (await applicant.GetStringAsync($"/my/cases/{id}")).ShouldNotContain("/print\"");
    }

    [Fact]
    public async Task Accepting_on_the_hall_page_offers_the_receipt_for_printing_on_the_page_the_clerk_lands_on()
    {
        var id = await SubmittedCaseAsync();
        using var clerk = await CookieBrowserAsync(App, "clerk");
        var casePage = await clerk.GetStringAsync($"/hall/cases/{id}");
        var version = VersionField().Match(casePage).Groups[1].Value;
        using var accept = await clerk.PostAsync($"/hall/cases/{id}/accept", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["version"] = version,
            ["__RequestVerificationToken"] = await FormTokenAsync(clerk, $"/hall/cases/{id}"),
        }));
        accept.StatusCode.ShouldBe(HttpStatusCode.Redirect, await accept.Content.ReadAsStringAsync());
        accept.Headers.Location!.OriginalString.ShouldBe("/hall");

        var notice = await NoticeAsync(id, NoticeKind.Acceptance);
        var hall = WebUtility.HtmlDecode(await clerk.GetStringAsync("/hall"));
        hall.ShouldContain("id=\"print-offer\"");
        hall.ShouldContain($"href=\"/hall/notices/{notice.Id}/print?auto=1\"");
        hall.ShouldContain($"打印受理通知书（{notice.Number}）");
        // Offered once: the next visit is a plain workbench.
        (await clerk.GetStringAsync("/hall")).ShouldNotContain("id=\"print-offer\"");

        // The case page lists its notices, each with a print link.
        (await clerk.GetStringAsync($"/hall/cases/{id}")).ShouldContain($"href=\"/hall/notices/{notice.Id}/print\"");
    }

    [GeneratedRegex("name=\"version\" value=\"(\\d+)\"")]
    private static partial Regex VersionField();
}

[Trait("Provider", "Sqlite")]
public sealed class NoticePrintTests_Sqlite(SqliteApp app) : NoticePrintTests(app), IClassFixture<SqliteApp>;

[Trait("Provider", "Postgres")]
public sealed class NoticePrintTests_Postgres(PostgresApp app) : NoticePrintTests(app), IClassFixture<PostgresApp>;
