using Microsoft.EntityFrameworkCore;
using OneSeal.Platform.Database;
using OneSeal.Platform.Storage;

namespace OneSeal.Seal;

/// <summary>Certificate PDFs live under <c>certificates/</c>; a file no certificate row names is an orphan (<see cref="OrphanFileSweep"/>).</summary>
internal sealed class CertificateFiles(OneSealDb db) : IStoredFileOwner
{
    public string Folder => "certificates";

    public async Task<IReadOnlySet<string>> ReferencedAsync(IReadOnlyCollection<string> keys, CancellationToken ct) =>
        (await db.Set<Certificate>().AsNoTracking().Where(c => keys.Contains(c.PdfKey)).Select(c => c.PdfKey).ToListAsync(ct)).ToHashSet();
}
