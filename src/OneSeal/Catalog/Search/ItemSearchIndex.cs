using Microsoft.EntityFrameworkCore;
using OneSeal.Platform.Database;

namespace OneSeal.Catalog.Search;

/// <summary>
/// Keeps <c>item_search_keys</c> / <c>item_search_terms</c> in step with the items. Code that adds an item, or
/// changes its name or code, calls <see cref="Add"/> or <see cref="UpdateAsync"/> before saving, in the same unit of
/// work; <see cref="SyncAsync"/> is the idempotent start-up step that indexes items missing or stale in the index.
/// </summary>
public static class ItemSearchIndex
{
    /// <summary>Indexes a new item (not yet saved): adds its keys to the context.</summary>
    public static ItemSearchKey Add(OneSealDb db, Item item)
    {
        var key = New(item.Id, SearchKeys.Build(item.Name, item.Code));
        db.Add(key);
        return key;
    }

    /// <summary>Re-indexes an item whose name or code may have changed: only the terms that differ are written.</summary>
    public static Task UpdateAsync(OneSealDb db, Item item, CancellationToken ct) => UpdateAsync(db, item.Id, item.Name, item.Code, ct);

    private static async Task UpdateAsync(OneSealDb db, Guid itemId, string name, string code, CancellationToken ct)
    {
        var built = SearchKeys.Build(name, code);
        var key = await db.Set<ItemSearchKey>().Include(k => k.Terms).FirstOrDefaultAsync(k => k.ItemId == itemId, ct);
        if (key is null)
        {
            db.Add(New(itemId, built));
            return;
        }
        key.Name = built.Name;
        key.Code = built.Code;
        key.Initials = built.Initials;
        key.Pinyin = built.Pinyin;
        var wanted = built.Terms.ToHashSet(ByteStrings.Comparer);
        var have = key.Terms.Select(t => t.Term).ToHashSet(ByteStrings.Comparer);
        foreach (var stale in key.Terms.Where(t => !wanted.Contains(t.Term)).ToList())
            key.Terms.Remove(stale);
        foreach (var term in wanted.Where(t => !have.Contains(t)))
            key.Terms.Add(new ItemSearchTerm { Term = term });
    }

    /// <summary>Indexes every item that has no keys or whose keys no longer match its name and code; returns how many. Saves.</summary>
    public static async Task<int> SyncAsync(OneSealDb db, CancellationToken ct)
    {
        var items = await db.Set<Item>().AsNoTracking().Select(i => new { i.Id, i.Name, i.Code }).ToListAsync(ct);
        var keys = await db.Set<ItemSearchKey>().AsNoTracking().Select(k => new { k.ItemId, k.Name, k.Code, k.Initials, k.Pinyin })
            .ToDictionaryAsync(k => k.ItemId, ct);
        var count = 0;
        foreach (var i in items)
        {
            if (keys.TryGetValue(i.Id, out var k))
            {
                var built = SearchKeys.Build(i.Name, i.Code);
                if (k.Name == built.Name && k.Code == built.Code && k.Initials == built.Initials && k.Pinyin == built.Pinyin) continue;
            }
            await UpdateAsync(db, i.Id, i.Name, i.Code, ct);
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

    private static ItemSearchKey New(Guid itemId, ItemSearchText built) => new()
    {
        ItemId = itemId, Name = built.Name, Code = built.Code, Initials = built.Initials, Pinyin = built.Pinyin,
        Terms = built.Terms.Select(t => new ItemSearchTerm { Term = t }).ToList(),
    };

    private sealed class ByteStrings : IEqualityComparer<byte[]>
    {
        public static readonly ByteStrings Comparer = new();
        public bool Equals(byte[]? x, byte[]? y) => x.AsSpan().SequenceEqual(y);
        public int GetHashCode(byte[] obj)
        {
            var h = new HashCode();
            h.AddBytes(obj);
            return h.ToHashCode();
        }
    }
}
