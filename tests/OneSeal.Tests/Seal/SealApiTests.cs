using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using OneSeal.Organisation;
using OneSeal.Platform.Security;
using OneSeal.Platform.Database;
using OneSeal.Seal;

namespace OneSeal.Tests.Seal;

public abstract class SealHostFixture(DatabaseProvider provider) : IAsyncLifetime
{
    public SealTestHost Host { get; private set; } = null!;
    public async Task InitializeAsync() => Host = await SealTestHost.StartAsync(provider);
    public async Task DisposeAsync() => await Host.DisposeAsync();
}

public sealed class SqliteSealHost() : SealHostFixture(DatabaseProvider.Sqlite);
public sealed class PostgresSealHost() : SealHostFixture(DatabaseProvider.Postgres);

public abstract class SealApiTests(SealHostFixture fixture)
{
    private SealTestHost H => fixture.Host;
    private readonly Guid _holder = Guid.NewGuid();

    private HttpClient Holder => H.As(_holder, AccountKind.Citizen, null, Roles.Applicant);
    private HttpClient BureauStaff(params string[] roles) => H.As(Guid.NewGuid(), AccountKind.Staff, H.BureauId, roles.Length == 0 ? [Roles.Reviewer] : roles);

    private static async Task<JsonElement> Json(HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<JsonElement>())!;

    private static MultipartFormDataContent Upload(byte[] bytes, string field = "file")
    {
        var form = new MultipartFormDataContent();
        form.Add(new ByteArrayContent(bytes) { Headers = { ContentType = new("application/pdf") } }, field, "licence.pdf");
        return form;
    }

    [Fact]
    public async Task Holder_reads_the_metadata_with_the_code_masked()
    {
        var c = await H.IssueAsync(_holder);
        var response = await Holder.GetAsync($"/api/v1/certificates/{c.Number}");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var body = await Json(response);
        body.GetProperty("number").GetString().ShouldBe(c.Number);
        body.GetProperty("holderCodeMasked").GetString().ShouldBe("110105********002X");
        body.GetProperty("status").GetString().ShouldBe("valid");
        body.GetProperty("issuedOn").GetString().ShouldBe("2026-11-21");
        body.GetProperty("validUntil").GetString().ShouldBe("2031-11-20");
        body.GetProperty("caseId").GetGuid().ShouldBe(c.CaseId);
        body.GetProperty("pdfSha256").GetString().ShouldBe(c.PdfSha256);
        (await response.Content.ReadAsStringAsync()).ShouldNotContain("11010519491231002X");
    }

    [Fact]
    public async Task Staff_of_the_issuer_and_monitors_may_read_others_get_403_unknown_404_anonymous_401()
    {
        var c = await H.IssueAsync(_holder);
        var url = $"/api/v1/certificates/{c.Number}";

        (await BureauStaff().GetAsync(url)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await H.As(Guid.NewGuid(), AccountKind.Staff, H.OtherDepartmentId, Roles.Monitor).GetAsync(url)).StatusCode.ShouldBe(HttpStatusCode.OK);

        var stranger = await H.As(Guid.NewGuid(), AccountKind.Citizen, null, Roles.Applicant).GetAsync(url);
        stranger.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        stranger.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        (await H.As(Guid.NewGuid(), AccountKind.Staff, H.OtherDepartmentId, Roles.DepartmentStaff).GetAsync(url)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await H.As(Guid.NewGuid(), AccountKind.Staff, H.OtherDepartmentId, Roles.DepartmentStaff).GetAsync($"{url}/pdf")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);

        (await Holder.GetAsync("/api/v1/certificates/QS2026-999999")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await H.Client.GetAsync(url)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Holders_download_of_the_pdf_is_reported_as_delivery_and_staffs_is_not()
    {
        var c = await H.IssueAsync(_holder);

        var staff = await BureauStaff().GetAsync($"/api/v1/certificates/{c.Number}/pdf");
        staff.StatusCode.ShouldBe(HttpStatusCode.OK);
        H.Deliveries.Calls.ShouldNotContain(x => x.Number == c.Number);

        var holder = await Holder.GetAsync($"/api/v1/certificates/{c.Number}/pdf");
        holder.StatusCode.ShouldBe(HttpStatusCode.OK);
        holder.Content.Headers.ContentType!.MediaType.ShouldBe("application/pdf");
        (await holder.Content.ReadAsByteArrayAsync()).ShouldBe(await H.PdfOfAsync(c));
        H.Deliveries.Calls.ShouldContain((c.Number, _holder));
    }

    [Fact]
    public async Task Signed_in_holders_browser_downloads_from_the_cookie_route_and_that_counts_as_delivery()
    {
        var c = await H.IssueAsync(_holder);
        var url = $"/certificates/{c.Number}/download";

        var anonymous = await H.Client.GetAsync(url);
        anonymous.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        anonymous.Headers.Location!.ToString().ShouldContain("/account/login");
        (await Holder.GetAsync(url)).StatusCode.ShouldBe(HttpStatusCode.Redirect, "a bearer token is for the API, not this route");

        var browser = await H.BrowserAsAsync(_holder);
        var response = await browser.GetAsync(url);
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/pdf");
        (await response.Content.ReadAsByteArrayAsync()).ShouldBe(await H.PdfOfAsync(c));
        H.Deliveries.Calls.ShouldContain((c.Number, _holder));

        (await (await H.BrowserAsAsync(Guid.NewGuid())).GetAsync(url)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Anyone_can_verify_a_file_and_one_changed_byte_fails()
    {
        var c = await H.IssueAsync(_holder);
        var pdf = await H.PdfOfAsync(c);

        var genuine = await Json(await H.Client.PostAsync("/api/v1/certificates/verify", Upload(pdf)));
        genuine.GetProperty("genuine").GetBoolean().ShouldBeTrue();
        genuine.GetProperty("status").GetString().ShouldBe("valid");
        genuine.GetProperty("certificateNumber").GetString().ShouldBe(c.Number);

        pdf[^1] ^= 0x20;
        var altered = await Json(await H.Client.PostAsync("/api/v1/certificates/verify", Upload(pdf)));
        altered.GetProperty("genuine").GetBoolean().ShouldBeFalse();
        altered.GetProperty("status").GetString().ShouldBe("unknown");
        altered.GetProperty("certificateNumber").ValueKind.ShouldBe(JsonValueKind.Null);
    }

    [Fact]
    public async Task Verifying_without_a_file_is_a_400_naming_file_and_a_non_multipart_body_a_415()
    {
        var response = await H.Client.PostAsync("/api/v1/certificates/verify", Upload([1, 2, 3], field: "document"));
        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await Json(response)).GetProperty("errors").TryGetProperty("file", out _).ShouldBeTrue();

        // The endpoint declares multipart/form-data, so routing refuses other bodies outright.
        var notMultipart = await H.Client.PostAsync("/api/v1/certificates/verify", JsonContent.Create(new { file = "x" }));
        notMultipart.StatusCode.ShouldBe(HttpStatusCode.UnsupportedMediaType);
    }

    [Fact]
    public async Task Chief_revokes_with_a_reason_and_verification_then_says_revoked()
    {
        var c = await H.IssueAsync(_holder);
        var url = $"/api/v1/certificates/{c.Number}/revoke";

        var noReason = await BureauStaff(Roles.Chief).PostAsJsonAsync(url, new { reason = "" });
        noReason.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await Json(noReason)).GetProperty("errors").TryGetProperty("reason", out _).ShouldBeTrue();
        (await BureauStaff(Roles.Chief).PostAsync(url, null)).StatusCode.ShouldBe(HttpStatusCode.BadRequest);

        (await BureauStaff(Roles.Reviewer).PostAsJsonAsync(url, new { reason = "错误发证" })).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await H.As(Guid.NewGuid(), AccountKind.Staff, H.OtherDepartmentId, Roles.Chief).PostAsJsonAsync(url, new { reason = "错误发证" }))
            .StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await H.Client.PostAsJsonAsync(url, new { reason = "错误发证" })).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);

        var revoked = await BureauStaff(Roles.Chief).PostAsJsonAsync(url, new { reason = "持证主体申请注销" });
        revoked.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await Json(revoked)).GetProperty("status").GetString().ShouldBe("revoked");
        (await BureauStaff(Roles.Chief).PostAsJsonAsync(url, new { reason = "再次" })).StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await BureauStaff(Roles.Admin).PostAsJsonAsync(url, new { reason = "再次" })).StatusCode.ShouldBe(HttpStatusCode.Forbidden);

        var verified = await Json(await H.Client.PostAsync("/api/v1/certificates/verify", Upload(await H.PdfOfAsync(c))));
        verified.GetProperty("genuine").GetBoolean().ShouldBeFalse();
        verified.GetProperty("status").GetString().ShouldBe("revoked");
        verified.GetProperty("certificateNumber").GetString().ShouldBe(c.Number);
    }

    [Fact]
    public async Task Public_keys_are_listed_anonymously_and_verify_the_stored_signature()
    {
        var c = await H.IssueAsync(_holder);
        var keys = await Json(await H.Client.GetAsync("/api/v1/seal/keys"));
        var key = keys.EnumerateArray().Single(k => k.GetProperty("id").GetGuid() == c.SealKeyId);

        key.GetProperty("organisationName").GetString().ShouldBe("青山县行政审批局");
        key.GetProperty("algorithm").GetString().ShouldBe("SM2");
        var publicKey = Sm2Keys.PublicFromHex(key.GetProperty("publicKeyHex").GetString()!);
        Sm2Signature.Verify(publicKey, System.Text.Encoding.UTF8.GetBytes(c.SignedPayload), Convert.FromBase64String(c.Signature)).ShouldBeTrue();
        keys.ToString().ShouldNotContain("privateKey", Case.Insensitive);
    }
}

[Trait("Provider", "Sqlite")]
public sealed class SealApiTests_Sqlite(SqliteSealHost host) : SealApiTests(host), IClassFixture<SqliteSealHost>;

[Trait("Provider", "Postgres")]
public sealed class SealApiTests_Postgres(PostgresSealHost host) : SealApiTests(host), IClassFixture<PostgresSealHost>;
