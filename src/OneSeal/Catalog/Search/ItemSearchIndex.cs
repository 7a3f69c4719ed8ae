using Microsoft.EntityFrameworkCore;
using OneSeal.Platform.Database;

namespace OneSeal.Catalog.Search;

/// <summary>
/// Keeps <c>item_search_keys</c> / <c>item_search_terms</c> in step with the items. Code that adds an item, or
/// changes its name, code or published state, calls <see cref="Add"/> or <see cref="UpdateAsync"/> before saving, in
/// the same unit of work; <see cref="SyncAsync"/> is the idempotent start-up step that indexes items missing or stale in the index.
/// </summary>
public static class ItemSearchIndex
{
    /// <summary>Indexes a new item (not yet saved): adds its keys (and, when published, its terms) to the context.</summary>
    public static ItemSearchKey Add(OneSealDb db, Item item)
    {
        var key = New(item.Id, item.Code, item.Published, SearchKeys.Build(item.Name, item.Code));
        db.Add(key);
        return key;
    }

    /// <summary>
    /// Re-indexes a saved item whose name, code or published state may have changed (or that has no keys yet): only the
    /// terms that differ are written when the caller saves.
    /// </summary>
    public static Task UpdateAsync(OneSealDb db, Item item, CancellationToken ct) => UpdateAsync(db, item.Id, item.Name, item.Code, item.Published, ct);

    private static async Task UpdateAsync(OneSealDb db, Guid itemId, string name, string code, bool published, CancellationToken ct)
    {
        var built = SearchKeys.Build(name, code);
        var key = await db.Set<ItemSearchKey>().Include(k => k.Terms).FirstOrDefaultAsync(k => k.ItemId == itemId, ct);
        if (key is null)
        {
            db.Add(New(itemId, code, published, built));
            return;
        }
        key.Published = published;
        key.Name = built.Name;
        key.Code = built.Code;
        key.Initials = built.Initials;
        key.Pinyin = built.Pinyin;
        var wanted = published ? built.Terms.ToDictionary(t => Id(t, code)) : [];
        foreach (var stale in key.Terms.Where(t => !wanted.ContainsKey(Id(t.Term, t.Code))).ToList())
            key.Terms.Remove(stale);
        var have = key.Terms.Select(t => Id(t.Term, t.Code)).ToHashSet(StringComparer.Ordinal);
        foreach (var (id, term) in wanted)
            if (!have.Contains(id)) key.Terms.Add(new ItemSearchTerm { Term = term, Code = code });

        static string Id(byte[] term, string code) => Convert.ToHexString(term) + " " + code;
    }

    /// <summary>
    /// Indexes every item that has no keys or whose keys no longer match its name, code and published state; returns
    /// how many. Saves the context (in batches of 500 items): run it on a context with nothing else pending.
    /// </summary>
    public static async Task<int> SyncAsync(OneSealDb db, CancellationToken ct)
    {
        var items = await db.Set<Item>().AsNoTracking().Select(i => new { i.Id, i.Name, i.Code, i.Published }).ToListAsync(ct);
        var keys = await db.Set<ItemSearchKey>().AsNoTracking().Select(k => new { k.ItemId, k.Name, k.Code, k.Initials, k.Pinyin, k.Published })
            .ToDictionaryAsync(k => k.ItemId, ct);
        var count = 0;
        foreach (var i in items)
        {
            if (keys.TryGetValue(i.Id, out var k))
            {
                var built = SearchKeys.Build(i.Name, i.Code);
                if (k.Published == i.Published && k.Name == built.Name && k.Code == built.Code && k.Initials == built.Initials && k.Pinyin == built.Pinyin)
                    continue;
            }
            await UpdateAsync(db, i.Id, i.Name, i.Code, i.Published, ct);
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

    /// <summary>Keys for every item; terms only for a published one (the public search finds nothing else).</summary>
    private static ItemSearchKey New(Guid itemId, string code, bool published, ItemSearchText built) => new()
    {
        ItemId = itemId, Published = published, Name = built.Name, Code = built.Code, Initials = built.Initials, Pinyin = built.Pinyin,
        Terms = published ? built.Terms.Select(t => new ItemSearchTerm { Term = t, Code = code }).ToList() : [],
    };
}
