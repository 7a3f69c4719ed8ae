using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using OneSeal.Tests.Infrastructure;

namespace OneSeal.Tests.Api;

/// <summary>
/// The certificate issued at the end of the case path, through the API: metadata, PDF (the holder's download is electronic
/// delivery), and public verification of the PDF.
/// </summary>
public abstract class CertificateApiTests(OneSealFactory app) : CaseApiTestBase(app)
{
    private sealed record Verification(bool Genuine, string Status, string? CertificateNumber);

    /// <summary>A full path ending in an approval; returns the case id and its certificate number.</summary>
    private async Task<(Guid CaseId, string Number)> IssuedAsync()
    {
        var id = await ReviewedCaseAsync();
        (await StepAsync(await As("chief"), id, "decide", new { approve = true, reason = "符合法定条件" })).ShouldBe("certificate-issued");
        await App.RenderCertificatesAsync(); // the outbox's work after the decision (it is off in these tests)
        var number = (await GetCaseAsync(await As("applicant"), id)).CertificateNumber;
        number.ShouldNotBeNullOrWhiteSpace();
        return (id, number!);
    }

    private static async Task<HttpResponseMessage> VerifyAsync(HttpClient client, byte[] file, string fileName = "licence.pdf")
    {
        var form = new MultipartFormDataContent();
        var content = new ByteArrayContent(file);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
        form.Add(content, "file", fileName);
        return await client.PostAsync("/api/v1/certificates/verify", form);
    }

    private async Task<byte[]> PdfAsync(string number)
    {
        using var response = await (await As("applicant")).GetAsync($"/api/v1/certificates/{number}/pdf");
        await ShouldBeAsync(response, HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/pdf");
        return await response.Content.ReadAsByteArrayAsync();
    }

    [Fact]
    public async Task The_holder_reads_the_certificate_of_their_approved_case()
    {
        var (caseId, number) = await IssuedAsync();

        using var response = await (await As("applicant")).GetAsync($"/api/v1/certificates/{number}");

        await ShouldBeAsync(response, HttpStatusCode.OK);
        var text = await response.Content.ReadAsStringAsync();
        var body = JsonDocument.Parse(text).RootElement;
        body.GetProperty("number").GetString().ShouldBe(number);
        body.GetProperty("status").GetString().ShouldBe("valid");
        body.GetProperty("caseId").GetGuid().ShouldBe(caseId);
        body.GetProperty("itemCode").GetString().ShouldBe(Demo.FoodLicence);
        // 持证主体 is the shop the form names, not 张三 who filed (issue 8, defect 1).
        body.GetProperty("holderName").GetString().ShouldBe(Demo.FoodLicenceForm()["enterpriseName"]);
        body.GetProperty("holderCodeType").GetString().ShouldBe("001");
        text.ShouldNotContain(Demo.Uscc, customMessage: "the holder's code is shown masked only");
        text.ShouldNotContain(Demo.CitizenId);
    }

    [Fact]
    public async Task The_certificate_PDF_is_a_PDF_whose_hash_is_the_registered_one()
    {
        var (_, number) = await IssuedAsync();

        var pdf = await PdfAsync(number);

        pdf.Length.ShouldBeGreaterThan(100);
        System.Text.Encoding.ASCII.GetString(pdf, 0, 5).ShouldBe("%PDF-");
        using var meta = await (await As("applicant")).GetAsync($"/api/v1/certificates/{number}");
        JsonDocument.Parse(await meta.Content.ReadAsStringAsync()).RootElement.GetProperty("pdfSha256").GetString()
            .ShouldBe(Convert.ToHexStringLower(SHA256.HashData(pdf)));
    }

    [Fact]
    public async Task The_holders_PDF_download_delivers_the_case_and_a_staff_download_does_not()
    {
        var (caseId, number) = await IssuedAsync();

        using (var staff = await (await As("clerk")).GetAsync($"/api/v1/certificates/{number}/pdf"))
            await ShouldBeAsync(staff, HttpStatusCode.OK);
        (await GetCaseAsync(await As("applicant"), caseId)).Status.ShouldBe("certificate-issued");

        await PdfAsync(number);
        await PdfAsync(number); // a second download changes nothing more

        var seen = await GetCaseAsync(await As("applicant"), caseId);
        seen.Status.ShouldBe("delivered");
        seen.Timeline.Count(t => t.Action == "delivered").ShouldBe(1);
        seen.Timeline.Last().Actor.ShouldBe("张三");
    }

    [Fact]
    public async Task Anyone_can_verify_the_issued_PDF_as_genuine()
    {
        var (_, number) = await IssuedAsync();
        var pdf = await PdfAsync(number);

        using var response = await VerifyAsync(Anonymous(), pdf);

        await ShouldBeAsync(response, HttpStatusCode.OK);
        (await response.Content.ReadFromJsonAsync<Verification>(Web)).ShouldBe(new Verification(true, "valid", number));
    }

    [Fact]
    public async Task A_PDF_with_one_byte_changed_is_not_genuine_and_names_no_certificate()
    {
        var (_, number) = await IssuedAsync();
        var pdf = await PdfAsync(number);
        pdf[pdf.Length / 2] ^= 0x01;

        using var response = await VerifyAsync(Anonymous(), pdf);

        await ShouldBeAsync(response, HttpStatusCode.OK);
        var result = (await response.Content.ReadFromJsonAsync<Verification>(Web))!;
        result.Genuine.ShouldBeFalse();
        result.Status.ShouldBe("unknown");
        result.CertificateNumber.ShouldBeNull();
    }

    [Fact]
    public async Task A_PDF_the_bureau_never_issued_is_not_genuine()
    {
        using var response = await VerifyAsync(Anonymous(), SampleFiles.Pdf("我是一张假证"));

        await ShouldBeAsync(response, HttpStatusCode.OK);
        (await response.Content.ReadFromJsonAsync<Verification>(Web)).ShouldBe(new Verification(false, "unknown", null));
    }

    [Fact]
    public async Task Verifying_without_a_file_is_400_naming_file()
    {
        using var response = await Anonymous().PostAsync("/api/v1/certificates/verify",
            new MultipartFormDataContent { { new StringContent("x"), "note" } });

        await ShouldBeProblemAsync(response, HttpStatusCode.BadRequest, field: "file");
    }

    [Fact]
    public async Task Staff_of_the_issuing_bureau_and_the_monitor_may_read_it_another_applicant_may_not()
    {
        var (_, number) = await IssuedAsync();
        var url = $"/api/v1/certificates/{number}";

        using (var r = await (await As("clerk")).GetAsync(url)) await ShouldBeAsync(r, HttpStatusCode.OK);
        using (var r = await (await As("monitor")).GetAsync(url)) await ShouldBeAsync(r, HttpStatusCode.OK);
        using (var r = await (await As("company")).GetAsync(url))
        {
            r.StatusCode.ShouldBeOneOf(HttpStatusCode.Forbidden, HttpStatusCode.NotFound);
            await ShouldBeProblemAsync(r, r.StatusCode);
        }
        using (var r = await (await As("company")).GetAsync($"{url}/pdf"))
            r.StatusCode.ShouldBeOneOf(HttpStatusCode.Forbidden, HttpStatusCode.NotFound);
        using (var r = await Anonymous().GetAsync(url)) await ShouldBeAsync(r, HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task An_unknown_certificate_number_is_404_problem()
    {
        using var response = await (await As("applicant")).GetAsync("/api/v1/certificates/QS1999-999999");

        await ShouldBeProblemAsync(response, HttpStatusCode.NotFound, rule: "not-found");
    }
}

[Trait("Provider", "Sqlite")]
public sealed class CertificateApiTests_Sqlite(SqliteApp app) : CertificateApiTests(app), IClassFixture<SqliteApp>;

[Trait("Provider", "Postgres")]
public sealed class CertificateApiTests_Postgres(PostgresApp app) : CertificateApiTests(app), IClassFixture<PostgresApp>;
