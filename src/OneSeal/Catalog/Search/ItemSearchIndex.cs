using Microsoft.EntityFrameworkCore;
using OneSeal.Catalog.Versions;
using OneSeal.Platform.Database;

namespace OneSeal.Catalog.Search;

/// <summary>
/// Keeps <c>item_search_keys</c> / <c>item_search_terms</c> in step with the item versions: every version has keys, only
/// the version in force has terms (the public search finds nothing else). Code that adds a version, or changes which
/// version is in force, calls <see cref="Add"/> or <see cref="UpdateAsync"/> before saving, in the same unit of work
/// (<see cref="Versions.CatalogActivation"/> does it when versions take effect); <see cref="SyncAsync"/> is the
/// idempotent start-up step that indexes versions missing or stale in the index.
/// </summary>
public static class ItemSearchIndex
{
    /// <summary>Indexes a new version (not yet saved): adds its keys (and, when in force, its terms) to the context.</summary>
    public static ItemSearchKey Add(OneSealDb db, Item item, bool inForce)
    {
        var key = New(item.Id, item.Code, inForce, SearchKeys.Build(item.Name, item.Code));
        db.Add(key);
        return key;
    }

    /// <summary>
    /// Re-indexes a saved version whose name, code or being in force may have changed (or that has no keys yet): only the
    /// terms that differ are written when the caller saves.
    /// </summary>
    public static Task UpdateAsync(OneSealDb db, Item item, bool inForce, CancellationToken ct) => UpdateAsync(db, item.Id, item.Name, item.Code, inForce, ct);

    private static async Task UpdateAsync(OneSealDb db, Guid itemId, string name, string code, bool inForce, CancellationToken ct)
    {
        var built = SearchKeys.Build(name, code);
        var key = await db.Set<ItemSearchKey>().Include(k => k.Terms).FirstOrDefaultAsync(k => k.ItemId == itemId, ct);
        if (key is null)
        {
            db.Add(New(itemId, code, inForce, built));
            return;
        }
        key.InForce = inForce;
        key.Name = built.Name;
        key.Code = built.Code;
        key.Initials = built.Initials;
        key.Pinyin = built.Pinyin;
        var wanted = inForce ? built.Terms.ToDictionary(t => Id(t, code)) : [];
        foreach (var stale in key.Terms.Where(t => !wanted.ContainsKey(Id(t.Term, t.Code))).ToList())
            key.Terms.Remove(stale);
        var have = key.Terms.Select(t => Id(t.Term, t.Code)).ToHashSet(StringComparer.Ordinal);
        foreach (var (id, term) in wanted)
            if (!have.Contains(id)) key.Terms.Add(new ItemSearchTerm { Term = term, Code = code });

        static string Id(byte[] term, string code) => Convert.ToHexString(term) + " " + code;
    }

    /// <summary>
    /// Indexes every version that has no keys or whose keys no longer match its name, code and being in force on
    /// <paramref name="today"/>; returns how many. Saves the context (in batches of 500 versions): run it on a context
    /// with nothing else pending.
    /// </summary>
    public static async Task<int> SyncAsync(OneSealDb db, DateOnly today, CancellationToken ct)
    {
        var inForce = (await db.Set<Item>().InForce(db, today).Select(i => i.Id).ToListAsync(ct)).ToHashSet();
        var items = await db.Set<Item>().AsNoTracking().Select(i => new { i.Id, i.Name, i.Code }).ToListAsync(ct);
        var keys = await db.Set<ItemSearchKey>().AsNoTracking().Select(k => new { k.ItemId, k.Name, k.Code, k.Initials, k.Pinyin, k.InForce })
            .ToDictionaryAsync(k => k.ItemId, ct);
        var count = 0;
        foreach (var i in items)
        {
            var listed = inForce.Contains(i.Id);
            if (keys.TryGetValue(i.Id, out var k))
            {
                var built = SearchKeys.Build(i.Name, i.Code);
                if (k.InForce == listed && k.Name == built.Name && k.Code == built.Code && k.Initials == built.Initials && k.Pinyin == built.Pinyin)
                    continue;
            }
            await UpdateAsync(db, i.Id, i.Name, i.Code, listed, ct);
            count++;
            if (count % 500 == 0) await SaveAsync(db, ct);
        }
        if (count > 0) await SaveAsync(db, ct);
        return count;
    }

    private static async Task SaveAsync(OneSealDb db, CancellationToken ct)
    {
        await db.SaveChangesAsync(ct);
        // Let go of what was indexed (only that), so a long sync does not track every term it wrote.
        foreach (var entry in db.ChangeTracker.Entries().Where(e => e.Entity is ItemSearchKey or ItemSearchTerm).ToList())
            entry.State = EntityState.Detached;
    }

    /// <summary>Keys for every version; terms only for the one in force (the public search finds nothing else).</summary>
    private static ItemSearchKey New(Guid itemId, string code, bool inForce, ItemSearchText built) => new()
    {
        ItemId = itemId, InForce = inForce, Name = built.Name, Code = built.Code, Initials = built.Initials, Pinyin = built.Pinyin,
        Terms = inForce ? built.Terms.Select(t => new ItemSearchTerm { Term = t, Code = code }).ToList() : [],
    };
}
