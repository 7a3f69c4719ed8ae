using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OneSeal.Documents;
using OneSeal.Notices;
using OneSeal.Platform.Database;
using OneSeal.Seal;
using OneSeal.Tests.Api;
using OneSeal.Tests.Infrastructure;

namespace OneSeal.Tests.Documents;

/// <summary>
/// A renderer a test can break: Chromium missing (fails at once), hanging (until <see cref="EndHangs"/>), or working
/// (a small distinct PDF per document). Stands in for <see cref="ChromiumPdfRenderer"/> in the whole app.
/// </summary>
public sealed class SwitchablePdf : IPdfRenderer
{
    public enum Mode { Works, Missing, Hangs }

    private readonly TaskCompletionSource _hangs = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private volatile Mode _mode = Mode.Works;
    private int _calls;

    public Mode Current { get => _mode; set => _mode = value; }
    public int Calls => Volatile.Read(ref _calls);

    /// <summary>Every hanging render ends as Chromium's timeout would end it.</summary>
    public void EndHangs() => _hangs.TrySetResult();

    public async Task<byte[]> RenderAsync(string html, CancellationToken ct)
    {
        Interlocked.Increment(ref _calls);
        switch (_mode)
        {
            case Mode.Missing:
                throw new PdfRenderException("Cannot start Chromium at '/usr/bin/chromium' (set Pdf:ChromiumPath, or apt-get install chromium fonts-noto-cjk): No such file or directory");
            case Mode.Hangs:
                await _hangs.Task.WaitAsync(ct);
                throw new PdfRenderException("Chromium did not finish the PDF within 60 s; the document was not issued.");
            default:
                return Encoding.UTF8.GetBytes($"%PDF-1.4 test {Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(html)))}");
        }
    }
}

/// <summary>The whole app with the outbox on, polling fast and retrying within a second, over a <see cref="SwitchablePdf"/>.</summary>
public static class BrokenRendererApp
{
    public static OneSealFactoryOptions Options(string retryBaseSeconds = "0.2", bool kestrel = false) => new()
    {
        Kestrel = kestrel,
        Settings = new Dictionary<string, string?>
        {
            ["Outbox:Enabled"] = "true", ["Outbox:PollSeconds"] = "0.1",
            ["Outbox:RetryBaseSeconds"] = retryBaseSeconds, ["Outbox:RetryMaxSeconds"] = retryBaseSeconds == "0.2" ? "1" : "3600",
        },
        Services = s =>
        {
            s.AddSingleton<SwitchablePdf>();
            s.AddSingleton<IPdfRenderer>(sp => sp.GetRequiredService<SwitchablePdf>());
        },
    };

    public static SwitchablePdf Renderer(this OneSealFactory app) => app.Services.GetRequiredService<SwitchablePdf>();

    /// <summary>Polls until <paramref name="done"/> holds (real time: the outbox runs in the background).</summary>
    public static async Task WaitUntilAsync(Func<Task<bool>> done, string what, int seconds = 60)
    {
        var until = DateTime.UtcNow.AddSeconds(seconds);
        while (!await done())
        {
            if (DateTime.UtcNow > until) throw new TimeoutException($"Timed out after {seconds} s waiting until {what}.");
            await Task.Delay(100);
        }
    }
}

public sealed class BrokenRendererSqliteApp() : OneSealFactory(DatabaseProvider.Sqlite, BrokenRendererApp.Options());
public sealed class BrokenRendererPostgresApp() : OneSealFactory(DatabaseProvider.Postgres, BrokenRendererApp.Options());

/// <summary>
/// Defect 8.21: a decision does not depend on the renderer. Certificates and notices are rendered by the outbox after the
/// decision commits; a failed render is recorded on the document and retried with back-off until the renderer is back.
/// </summary>
public abstract class DocumentRenderingTests(OneSealFactory app) : CaseApiTestBase(app)
{
    [Fact]
    public async Task Defect21_a_decision_never_waits_for_the_renderer_and_its_documents_follow_when_it_recovers()
    {
        var pdf = App.Renderer();
        pdf.Current = SwitchablePdf.Mode.Hangs;
        var id = await ReviewedCaseAsync();

        // Chromium hangs: the decision still answers at once, with its certificate number.
        var watch = Stopwatch.StartNew();
        (await StepAsync(await As("chief"), id, "decide", new { approve = true, reason = "符合法定条件" })).ShouldBe("certificate-issued");
        watch.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(10));
        var number = (await GetCaseAsync(await As("applicant"), id)).CertificateNumber.ShouldNotBeNull();
        var meta = await (await As("applicant")).GetFromJsonAsync<JsonElement>($"/api/v1/certificates/{number}");
        meta.GetProperty("pdfStatus").GetString().ShouldBe("pending");
        using (var early = await (await As("applicant")).GetAsync($"/api/v1/certificates/{number}/pdf"))
            await ShouldBeBeingPreparedAsync(early, number, "pending");

        // Then Chromium is missing: every render fails, and the documents say so with the error.
        pdf.Current = SwitchablePdf.Mode.Missing;
        pdf.EndHangs();
        await BrokenRendererApp.WaitUntilAsync(async () => (await CertificateAsync(number)).PdfStatus == CertificatePdfStatus.Failed, "the certificate is Failed");
        (await CertificateAsync(number)).PdfFailureReason.ShouldNotBeNull().ShouldContain("Cannot start Chromium");
        await BrokenRendererApp.WaitUntilAsync(async () => (await NoticesAsync(id)).All(n => n.Status == NoticeStatus.Failed), "the notices are Failed");
        // Failed is retried by the outbox: still "being prepared" for the holder, not an error.
        using (var failed = await (await As("applicant")).GetAsync($"/api/v1/certificates/{number}/pdf"))
            await ShouldBeBeingPreparedAsync(failed, number, "failed");

        // The case is not blocked: the result window hands it over in person meanwhile.
        (await StepAsync(await As("clerk"), id, "deliver", new { mode = "pickup" })).ShouldBe("delivered");

        // Chromium is back: nobody does anything, and everything is issued within the back-off (here at most 1 s apart).
        var callsBefore = pdf.Calls;
        pdf.Current = SwitchablePdf.Mode.Works;
        await BrokenRendererApp.WaitUntilAsync(async () => (await CertificateAsync(number)).PdfStatus == CertificatePdfStatus.Issued, "the certificate is issued");
        await BrokenRendererApp.WaitUntilAsync(async () => (await NoticesAsync(id)).All(n => n.Status == NoticeStatus.Issued), "the notices are issued");
        pdf.Calls.ShouldBeGreaterThan(callsBefore);

        var issued = await CertificateAsync(number);
        issued.PdfFailureReason.ShouldBeNull();
        issued.PrintProtected.ShouldBeNull();
        using var download = await (await As("applicant")).GetAsync($"/api/v1/certificates/{number}/pdf");
        await ShouldBeAsync(download, HttpStatusCode.OK);
        var file = await download.Content.ReadAsByteArrayAsync();
        using var form = new MultipartFormDataContent();
        var content = new ByteArrayContent(file);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
        form.Add(content, "file", "licence.pdf");
        using var verify = await Anonymous().PostAsync("/api/v1/certificates/verify", form);
        (await verify.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("genuine").GetBoolean().ShouldBeTrue();
        (await InDb(db => OneSeal.Platform.Audit.AuditTrail.VerifyAsync(db, App.Services.GetRequiredService<OneSeal.Platform.Audit.AuditKeys>(), default))).Intact.ShouldBeTrue();
    }

    [Fact]
    public async Task Defect21_a_decision_with_the_renderer_missing_uses_no_number_in_vain()
    {
        var pdf = App.Renderer();
        pdf.Current = SwitchablePdf.Mode.Missing;
        var id = await ReviewedCaseAsync();
        (await StepAsync(await As("chief"), id, "decide", new { approve = true })).ShouldBe("certificate-issued");
        var number = (await GetCaseAsync(await As("applicant"), id)).CertificateNumber.ShouldNotBeNull();
        (await InDb(db => db.Set<Certificate>().CountAsync(c => c.Number == number && c.CaseId == id))).ShouldBe(1);
        pdf.Current = SwitchablePdf.Mode.Works;
        await BrokenRendererApp.WaitUntilAsync(async () => (await CertificateAsync(number)).PdfStatus == CertificatePdfStatus.Issued, "the certificate is issued");
    }

    /// <summary>202 with Retry-After and a JSON body naming the certificate (nothing is delivered: the clerk delivers later).</summary>
    private async Task ShouldBeBeingPreparedAsync(HttpResponseMessage response, string number, string pdfStatus)
    {
        response.StatusCode.ShouldBe(HttpStatusCode.Accepted, await response.Content.ReadAsStringAsync());
        response.Headers.RetryAfter.ShouldNotBeNull().Delta.ShouldBe(TimeSpan.FromSeconds(SealApi.PendingRetryAfterSeconds));
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/json");
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        body.GetProperty("number").GetString().ShouldBe(number);
        body.GetProperty("pdfStatus").GetString().ShouldBe(pdfStatus);
        body.GetProperty("retryAfterSeconds").GetInt32().ShouldBe(SealApi.PendingRetryAfterSeconds);
        body.GetProperty("message").GetString().ShouldNotBeNull().ShouldContain("正在生成");
    }

    private Task<Certificate> CertificateAsync(string number) =>
        InDb(db => db.Set<Certificate>().AsNoTracking().SingleAsync(c => c.Number == number));

    private Task<List<CaseNotice>> NoticesAsync(Guid caseId) =>
        InDb(db => db.Set<CaseNotice>().AsNoTracking().Where(n => n.CaseId == caseId).ToListAsync());
}

[Trait("Provider", "Sqlite")]
public sealed class DocumentRenderingTests_Sqlite(BrokenRendererSqliteApp app) : DocumentRenderingTests(app), IClassFixture<BrokenRendererSqliteApp>;

[Trait("Provider", "Postgres")]
public sealed class DocumentRenderingTests_Postgres(BrokenRendererPostgresApp app) : DocumentRenderingTests(app), IClassFixture<BrokenRendererPostgresApp>;
