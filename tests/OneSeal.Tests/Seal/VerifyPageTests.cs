using System.Net;
using System.Text.RegularExpressions;
using OneSeal.Organisation;
using OneSeal.Platform.Security;

namespace OneSeal.Tests.Seal;

public abstract class VerifyPageTests(SealHostFixture fixture)
{
    private SealTestHost H => fixture.Host;

    [Fact]
    public async Task Qr_landing_shows_status_and_masked_metadata_never_the_full_id()
    {
        var c = await H.IssueAsync(Guid.NewGuid());
        var html = await PageAsync($"/verify/{c.Number}");

        html.ShouldContain("<html lang=\"zh-CN\">");
        html.ShouldContain("class=\"genuine\">真实有效<");
        html.ShouldContain(c.Number);
        html.ShouldContain("食品经营许可证");
        html.ShouldContain("110105********002X");
        html.ShouldContain("张**"); // a citizen holder's name is masked on the public page
        html.ShouldContain("青山县行政审批局");
        html.ShouldContain("2031年11月20日");
        html.ShouldNotContain("11010519491231002X");
        html.ShouldNotContain("张三丰");
    }

    [Fact]
    public async Task Unknown_number_is_plainly_not_verified()
    {
        var html = await PageAsync("/verify/QS2099-000001");
        html.ShouldContain("class=\"not-genuine\"");
        html.ShouldNotContain("真实有效");
    }

    [Fact]
    public async Task Revoked_certificate_says_so()
    {
        var c = await H.IssueAsync(Guid.NewGuid());
        (await H.As(Guid.NewGuid(), AccountKind.Staff, H.BureauId, Roles.Chief)
            .PostAsync($"/api/v1/certificates/{c.Number}/revoke", System.Net.Http.Json.JsonContent.Create(new { reason = "注销" })))
            .EnsureSuccessStatusCode();

        var html = await PageAsync($"/verify/{c.Number}");
        html.ShouldContain("class=\"not-genuine\">已撤销<");
        html.ShouldNotContain("真实有效");
    }

    [Fact]
    public async Task Typed_number_leads_to_its_landing_page()
    {
        var response = await H.Client.GetAsync("/verify?number=%20QS2026-000042%20");
        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        response.Headers.Location!.OriginalString.ShouldBe("/verify/QS2026-000042");
    }

    [Fact]
    public async Task Uploaded_original_is_genuine_and_an_altered_copy_is_not()
    {
        var c = await H.IssueAsync(Guid.NewGuid());
        var pdf = await H.PdfOfAsync(c);

        var genuine = await PostFileAsync(pdf);
        genuine.ShouldContain("class=\"genuine\">真实有效<");
        genuine.ShouldContain(c.Number);

        pdf[3] ^= 0x01;
        var altered = await PostFileAsync(pdf);
        altered.ShouldContain("class=\"not-genuine\">未通过核验：文件与登记的证照不一致或证照不存在<");
        altered.ShouldNotContain(c.Number);
    }

    [Fact]
    public async Task Upload_without_a_file_asks_for_one()
    {
        var html = await PostFileAsync(null);
        html.ShouldContain("class=\"field-error\">请选择要核验的证照 PDF 文件<");
    }

    [Fact]
    public async Task Upload_without_the_antiforgery_token_is_refused()
    {
        var form = new MultipartFormDataContent { { new ByteArrayContent([1]), "file", "x.pdf" } };
        (await H.Client.PostAsync("/verify", form)).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Page_text_follows_the_english_culture()
    {
        var html = await PageAsync("/verify?culture=en&ui-culture=en");
        html.ShouldContain("Look up by certificate number");
        html.ShouldContain("<html lang=\"en\">");
    }

    /// <summary>Posts the upload form as a browser would: token from the page, cookie alongside.</summary>
    private async Task<string> PostFileAsync(byte[]? pdf)
    {
        var page = await H.Client.GetAsync("/verify");
        var token = Regex.Match(await page.Content.ReadAsStringAsync(), "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"").Groups[1].Value;
        token.ShouldNotBeEmpty();
        var cookie = page.Headers.GetValues("Set-Cookie").Select(v => v.Split(';')[0]).Single(v => v.StartsWith(".AspNetCore.Antiforgery"));

        var form = new MultipartFormDataContent { { new StringContent(token), "__RequestVerificationToken" } };
        if (pdf is not null) form.Add(new ByteArrayContent(pdf), "file", "licence.pdf");
        var request = new HttpRequestMessage(HttpMethod.Post, "/verify") { Content = form };
        request.Headers.Add("Cookie", cookie);
        var response = await H.Client.SendAsync(request);
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        return WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
    }

    /// <summary>The page's HTML with character references decoded (Razor's default encoder writes CJK as &amp;#x..;).</summary>
    private async Task<string> PageAsync(string url) => WebUtility.HtmlDecode(await H.Client.GetStringAsync(url));
}

[Trait("Provider", "Sqlite")]
public sealed class VerifyPageTests_Sqlite(SqliteSealHost host) : VerifyPageTests(host), IClassFixture<SqliteSealHost>;

[Trait("Provider", "Postgres")]
public sealed class VerifyPageTests_Postgres(PostgresSealHost host) : VerifyPageTests(host), IClassFixture<PostgresSealHost>;
