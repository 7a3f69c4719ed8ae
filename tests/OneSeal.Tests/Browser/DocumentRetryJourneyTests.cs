using Microsoft.EntityFrameworkCore;
using OneSeal.Platform.Database;
using OneSeal.Seal;
using OneSeal.Tests.Documents;
using OneSeal.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace OneSeal.Tests.Browser;

/// <summary>The app on Kestrel over a breakable renderer; automatic retries an hour apart, so only the 重试 button brings a document back quickly.</summary>
public sealed class DocumentRetrySqliteApp() : OneSealFactory(DatabaseProvider.Sqlite, BrokenRendererApp.Options(retryBaseSeconds: "3600", kestrel: true));

public sealed class DocumentRetryPostgresApp() : OneSealFactory(DatabaseProvider.Postgres, BrokenRendererApp.Options(retryBaseSeconds: "3600", kestrel: true));

/// <summary>
/// Defect 8.21 in Chromium: with the renderer missing, an approved case shows its certificate as being produced (no
/// dead download link), the administrator sees the failure with its error on /admin/documents, and 重试 issues it once
/// the renderer is back.
/// </summary>
public abstract class DocumentRetryJourneyTests(OneSealFactory app, BrowserFixture browser)
{
    [Fact]
    public async Task Defect21_a_failed_certificate_is_shown_to_the_administrator_and_retried_from_the_page()
    {
        await using var users = new BrowserUsers(browser, app);
        await users.RunAsync(nameof(Defect21_a_failed_certificate_is_shown_to_the_administrator_and_retried_from_the_page), async () =>
        {
            var pdf = app.Renderer();
            pdf.Current = SwitchablePdf.Mode.Missing;
            var created = await new LifecycleCases(app).ApprovedAsync();
            var number = await app.InDb(db => db.Set<Certificate>().Where(c => c.CaseId == created.Id).Select(c => c.Number).SingleAsync());
            await BrokenRendererApp.WaitUntilAsync(async () => await StatusAsync(number) == CertificatePdfStatus.Failed, "the certificate is Failed");

            var applicant = await users.SignedInAsync("applicant");
            await applicant.GotoAsync($"/my/cases/{created.Id}");
            await Expect(applicant.Locator("#certificate-number")).ToHaveTextAsync(number);
            await Expect(applicant.Locator("#certificate-pending")).ToContainTextAsync("电子证照文件正在生成");
            await Expect(applicant.Locator("#certificate-title")).ToHaveTextAsync("准予许可，证照正在生成");
            await Expect(applicant.Locator("#certificate-link")).ToHaveCountAsync(0);

            var admin = await users.SignedInAsync("admin");
            await admin.GotoAsync("/admin/documents");
            var row = admin.Locator($"#unissued-documents tr[data-number='{number}']");
            await Expect(row).ToHaveAttributeAsync("data-state", "failed");
            await Expect(row).ToContainTextAsync("生成失败，自动重试中");
            await Expect(row).ToContainTextAsync("Cannot start Chromium");

            pdf.Current = SwitchablePdf.Mode.Works;
            await row.Locator("button.retry").ClickAsync();
            await Expect(admin.Locator("#notice")).ToContainTextAsync($"{number} 已重新排队生成。");
            await BrokenRendererApp.WaitUntilAsync(async () => await StatusAsync(number) == CertificatePdfStatus.Issued, "the certificate is issued", seconds: 30);
            await admin.ReloadAsync();
            await Expect(admin.Locator($"#unissued-documents tr[data-number='{number}']")).ToHaveCountAsync(0);

            await applicant.ReloadAsync();
            await Expect(applicant.Locator("#certificate-link")).ToHaveTextAsync("下载电子证照");
        });
    }

    private Task<CertificatePdfStatus> StatusAsync(string number) =>
        app.InDb(db => db.Set<Certificate>().Where(c => c.Number == number).Select(c => c.PdfStatus).SingleAsync());
}

[Collection(BrowserCollection.Name)]
[Trait("Provider", "Sqlite")]
public sealed class DocumentRetryJourneyTests_Sqlite(DocumentRetrySqliteApp app, BrowserFixture browser)
    : DocumentRetryJourneyTests(app, browser), IClassFixture<DocumentRetrySqliteApp>;

[Collection(BrowserCollection.Name)]
[Trait("Provider", "Postgres")]
public sealed class DocumentRetryJourneyTests_Postgres(DocumentRetryPostgresApp app, BrowserFixture browser)
    : DocumentRetryJourneyTests(app, browser), IClassFixture<DocumentRetryPostgresApp>;
