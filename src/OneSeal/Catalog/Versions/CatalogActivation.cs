using Microsoft.EntityFrameworkCore;
using OneSeal.Catalog.Search;
using OneSeal.Platform.Audit;
using OneSeal.Platform.Database;
using OneSeal.Platform.Security;

namespace OneSeal.Catalog.Versions;

/// <summary>
/// Moves the catalog to the versions in force today: a published version whose successor has taken effect becomes
/// superseded (as of that date), and the search index lists the version in force. Reads never depend on it (they ask
/// <see cref="ItemVersions.InForce"/>); it keeps the status honest and search current. Idempotent; audited as the system; the caller commits.
/// </summary>
public static class CatalogActivation
{
    /// <summary>Brings every item (or only <paramref name="code"/>) up to <paramref name="today"/>, auditing at <paramref name="at"/>; returns how many versions changed.</summary>
    public static async Task<int> ActivateAsync(OneSealDb db, DateOnly today, DateTimeOffset at, CancellationToken ct, string? code = null)
    {
        var effective = ItemVersions.EffectiveOn(today);
        var published = db.Set<Item>().Where(effective);
        if (code is not null) published = published.Where(i => i.Code == code);
        // Each stale version with the date its first successor took effect, in one query.
        var stale = await published
            .Select(i => new
            {
                Old = i,
                On = db.Set<Item>().Where(effective).Where(n => n.Code == i.Code && n.Version > i.Version)
                    .Min(n => n.EffectiveFrom),
            })
            .Where(x => x.On != null)
            .ToListAsync(ct);
        foreach (var x in stale)
        {
            await SupersedeAsync(db, x.Old, x.On!.Value, ct);
            db.Audit(SystemActor.Instance, "catalog.supersede", "item", x.Old.Code, $"第{x.Old.Version}版自{x.On:yyyy-MM-dd}起被新版本替代", at);
        }

        // Versions in force whose search key does not say so yet (just took effect, or just published).
        var inForce = db.Set<Item>().InForce(db, today);
        if (code is not null) inForce = inForce.Where(i => i.Code == code);
        var unlisted = await inForce.Where(i => !db.Set<ItemSearchKey>().Any(k => k.ItemId == i.Id && k.InForce)).ToListAsync(ct);
        foreach (var item in unlisted)
            await ItemSearchIndex.UpdateAsync(db, item, inForce: true, ct);
        return stale.Count + unlisted.Count;
    }

    /// <summary>Marks <paramref name="old"/> superseded as of <paramref name="on"/> and takes it out of search; the caller audits and saves.</summary>
    public static async Task SupersedeAsync(OneSealDb db, Item old, DateOnly on, CancellationToken ct)
    {
        old.Status = ItemVersionStatus.Superseded;
        old.SupersededOn = on;
        await ItemSearchIndex.UpdateAsync(db, old, inForce: false, ct);
    }
}
