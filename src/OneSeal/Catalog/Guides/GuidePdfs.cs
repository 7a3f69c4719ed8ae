using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using OneSeal.Documents;
using OneSeal.Platform.Database;
using OneSeal.Platform.Storage;
using OneSeal.Platform.Time;

namespace OneSeal.Catalog.Guides;

/// <summary>
/// Serves a published version's printable documents: the stored PDF when there is one, else renders it (Chromium, about
/// a second) on this first request, stores it and records it, so every later request reads the stored bytes.
/// </summary>
public sealed class GuidePdfs(OneSealDb db, IPdfRenderer pdf, IFileStore files, TimeProvider clock, GuideRenderGate gate,
    ILogger<GuidePdfs> log)
{
    public const string Guide = "guide";

    public static string BlankForm(string materialCode) => "blank-form/" + materialCode;

    public static string Sample(string materialCode) => "sample/" + materialCode;

    public async Task<byte[]> GetAsync(Guid versionId, string document, Func<string> html, CancellationToken ct)
    {
        if (await StoredAsync(versionId, document, ct) is { } stored) return stored;
        // One render at a time per instance: a first visit to many guides at once must not start a browser for each.
        await gate.Renders.WaitAsync(ct);
        try
        {
            if (await StoredAsync(versionId, document, ct) is { } meanwhile) return meanwhile;
            var bytes = await pdf.RenderAsync(html(), ct);
            StoredFile file;
            using (var stream = new MemoryStream(bytes, writable: false))
                file = await files.SaveAsync($"guides/{versionId:N}", stream, ct);
            db.Add(new GuidePdfFile
            {
                ItemId = versionId, Document = document, PdfKey = file.Key,
                PdfSha256 = Convert.ToHexStringLower(SHA256.HashData(bytes)), CreatedAt = clock.Now(),
            });
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateException e)
            {
                // Another instance stored the same document first; its PDF says the same, ours is not recorded.
                log.LogInformation(e, "Guide document {Document} of {Version} was stored meanwhile", document, versionId);
                db.ChangeTracker.Clear();
            }
            return bytes;
        }
        finally
        {
            gate.Renders.Release();
        }
    }

    private async Task<byte[]?> StoredAsync(Guid versionId, string document, CancellationToken ct)
    {
        var key = await db.Set<GuidePdfFile>().AsNoTracking().Where(f => f.ItemId == versionId && f.Document == document)
            .Select(f => f.PdfKey).FirstOrDefaultAsync(ct);
        return key is null ? null : await files.ReadAllBytesAsync(key, ct);
    }
}

/// <summary>The instance-wide gate of <see cref="GuidePdfs"/> renders.</summary>
public sealed class GuideRenderGate : IDisposable
{
    public SemaphoreSlim Renders { get; } = new(1, 1);

    public void Dispose() => Renders.Dispose();
}
