using Microsoft.EntityFrameworkCore;
using OneSeal.Platform.Database;
using OneSeal.Platform.Storage;

namespace OneSeal.Notices;

/// <summary>Notice PDFs live under <c>notices/</c>; a file no notice row names is an orphan (<see cref="OrphanFileSweep"/>).</summary>
internal sealed class NoticeFiles(OneSealDb db) : IStoredFileOwner
{
    public string Folder => "notices";

    public async Task<IReadOnlySet<string>> ReferencedAsync(IReadOnlyCollection<string> keys, CancellationToken ct) =>
        (await db.Set<CaseNotice>().AsNoTracking().Where(n => n.PdfKey != null && keys.Contains(n.PdfKey)).Select(n => n.PdfKey!).ToListAsync(ct)).ToHashSet();
}
