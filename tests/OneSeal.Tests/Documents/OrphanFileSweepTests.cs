using Microsoft.Extensions.DependencyInjection;
using OneSeal.Platform.Storage;
using OneSeal.Seal;
using OneSeal.Tests.Api;
using OneSeal.Tests.Infrastructure;

namespace OneSeal.Tests.Documents;

/// <summary>
/// Defect 8.22: PDFs left in the certificate and notice folders by renderings that never committed (a crash, a lost race)
/// are deleted once older than the safety age, and nothing a row names, nothing young and nothing elsewhere is touched.
/// </summary>
public abstract class OrphanFileSweepTests(OneSealFactory app) : CaseApiTestBase(app)
{
    [Fact]
    public async Task Defect22_files_no_row_names_are_deleted_once_older_than_the_safety_age()
    {
        // A real certificate (rendered as the outbox would) whose file is old: kept.
        var id = await ReviewedCaseAsync();
        (await StepAsync(await As("chief"), id, "decide", new { approve = true })).ShouldBe("certificate-issued");
        await App.RenderCertificatesAsync();
        var number = (await GetCaseAsync(await As("applicant"), id)).CertificateNumber.ShouldNotBeNull();
        var issued = await InDb(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.SingleAsync(
            db.Set<Certificate>(), c => c.Number == number));
        issued.PdfStatus.ShouldBe(CertificatePdfStatus.Issued);

        var files = App.Services.GetRequiredService<IFileStore>();
        var raceLoser = await SaveAsync(files, "certificates/2026");
        var crashedNotice = await SaveAsync(files, "notices/2026");
        var young = await SaveAsync(files, "certificates/2026");
        var material = await SaveAsync(files, "materials/2026");
        var halfWritten = "certificates/2026/" + Guid.NewGuid().ToString("N") + ".part";
        await File.WriteAllTextAsync(PathOf(halfWritten), "%PDF-1.4 half");
        var old = DateTime.UtcNow.AddHours(-2);
        foreach (var key in new[] { issued.PdfKey, raceLoser, crashedNotice, material, halfWritten })
            File.SetLastWriteTimeUtc(PathOf(key), old);

        await using var scope = App.Services.CreateAsyncScope();
        var deleted = await scope.ServiceProvider.GetRequiredService<OrphanFileSweep>().RunOnceAsync(default);

        deleted.ShouldBe([raceLoser, halfWritten, crashedNotice], ignoreOrder: true);
        foreach (var gone in deleted) File.Exists(PathOf(gone)).ShouldBeFalse(gone);
        foreach (var kept in new[] { issued.PdfKey, young, material }) File.Exists(PathOf(kept)).ShouldBeTrue(kept);
        using var download = await (await As("applicant")).GetAsync($"/api/v1/certificates/{number}/pdf");
        await ShouldBeAsync(download, System.Net.HttpStatusCode.OK);
    }

    private static async Task<string> SaveAsync(IFileStore files, string folder)
    {
        using var content = new MemoryStream("%PDF-1.4 orphan"u8.ToArray());
        return (await files.SaveAsync(folder, content, default)).Key;
    }

    private string PathOf(string key) => Path.Combine(App.DataRoot, "files", key);
}

[Trait("Provider", "Sqlite")]
public sealed class OrphanFileSweepTests_Sqlite(SqliteApp app) : OrphanFileSweepTests(app), IClassFixture<SqliteApp>;

[Trait("Provider", "Postgres")]
public sealed class OrphanFileSweepTests_Postgres(PostgresApp app) : OrphanFileSweepTests(app), IClassFixture<PostgresApp>;
