using Microsoft.EntityFrameworkCore;
using OneSeal.Organisation;
using OneSeal.Platform.Database;

namespace OneSeal.Catalog.Transfers;

public sealed record TransferItemView(
    string Code, string Name, int Version, string FromAgency, string? PreviousEntrustedBody, string? EntrustedBody, string? Window);

public sealed record TransferBatchView(Guid Id, string DocumentNumber, string Title, DateOnly EffectiveOn, DateTimeOffset CreatedAt,
    IReadOnlyList<TransferItemView> Items);

/// <summary>
/// The batches for <c>GET /api/v1/transfers</c> and the admin page: three queries whatever the number of batches
/// (batches with their items, the versions they published, the agencies named).
/// </summary>
public sealed class TransferQueries(OneSealDb db)
{
    public async Task<IReadOnlyList<TransferBatchView>> ListAsync(CancellationToken ct)
    {
        var batches = await db.Set<TransferBatch>().AsNoTracking().Include(b => b.Items)
            .OrderByDescending(b => b.EffectiveOn).ThenByDescending(b => b.CreatedAt).ToListAsync(ct);
        var versionIds = batches.SelectMany(b => b.Items).Select(i => i.ItemVersionId).ToList();
        var versions = await db.Set<Item>().AsNoTracking().Where(i => versionIds.Contains(i.Id))
            .Select(i => new { i.Id, i.Name, i.Version, i.Window }).ToDictionaryAsync(i => i.Id, ct);
        var agencies = await db.Set<Agency>().AsNoTracking().ToDictionaryAsync(a => a.Id, a => a.Name, ct);
        string? Name(Guid? id) => id is { } x && agencies.TryGetValue(x, out var n) ? n : null;

        return batches.Select(b => new TransferBatchView(b.Id, b.DocumentNumber, b.Title, b.EffectiveOn, b.CreatedAt,
            b.Items.OrderBy(i => i.ItemCode, StringComparer.Ordinal).Select(i =>
            {
                var v = versions[i.ItemVersionId];
                return new TransferItemView(i.ItemCode, v.Name, v.Version, Name(i.FromAgencyId) ?? "", Name(i.PreviousEntrustedBodyId),
                    Name(i.EntrustedBodyId), v.Window);
            }).ToList())).ToList();
    }
}
