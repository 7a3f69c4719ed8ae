using Microsoft.EntityFrameworkCore;
using OneSeal.Platform.Database;
using OneSeal.Platform.Storage;

namespace OneSeal.Cases.Materials;

/// <summary>
/// Uploaded materials live under <c>cases/{case}/</c>. An upload's file is written before its row commits; a file no
/// material row names (the transaction failed and the process died before deleting it) is an orphan for <see cref="OrphanFileSweep"/>.
/// </summary>
internal sealed class MaterialFiles(OneSealDb db) : IStoredFileOwner
{
    public const string Folder = "cases";

    string IStoredFileOwner.Folder => Folder;

    public async Task<IReadOnlySet<string>> ReferencedAsync(IReadOnlyCollection<string> keys, CancellationToken ct) =>
        (await db.Set<CaseMaterial>().AsNoTracking().Where(m => keys.Contains(m.StorageKey)).Select(m => m.StorageKey).ToListAsync(ct)).ToHashSet();
}
