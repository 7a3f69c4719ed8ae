using Microsoft.EntityFrameworkCore;
using OneSeal.Platform.Audit;
using OneSeal.Platform.Database;
using OneSeal.Tests.Infrastructure;

namespace OneSeal.Tests.Api;

/// <summary>
/// Someone with write access to the database but not to the keys folder: edits one audit entry, then recomputes every
/// hash that depends on it with the published algorithms (the rest of its stream, the stream head, the heads the anchors
/// saw, the whole anchor chain), so every hash check passes. Returns how to put everything back.
/// </summary>
public static class AuditForger
{
    private sealed record EntryRow(long Id, string? Detail, string PrevHash, string Hash);
    private sealed record AnchorRow(long Id, string PrevHash, string Hash);

    public static async Task<Func<Task>> RewriteAsync(OneSealFactory app, string entityType, string entityId, string action, string detail)
    {
        var undo = new List<Func<OneSealDb, Task>>();
        await app.InDb(async db =>
        {
            var entries = await db.Set<AuditEntry>().AsNoTracking().Where(e => e.EntityType == entityType && e.EntityId == entityId)
                .OrderBy(e => e.StreamSeq).ToListAsync();
            var target = entries.FindIndex(e => e.Action == action);
            var originals = entries.Select(e => new EntryRow(e.Id, e.Detail, e.PrevHash, e.Hash)).ToList();
            entries[target].Detail = detail;
            for (var i = target; i < entries.Count; i++)
            {
                var e = entries[i];
                e.PrevHash = i == 0 ? AuditChain.Genesis : entries[i - 1].Hash;
                e.Hash = AuditTrail.HashOf(e);
                await db.Database.ExecuteSqlAsync($"UPDATE audit_entries SET detail = {e.Detail}, prev_hash = {e.PrevHash}, hash = {e.Hash} WHERE id = {e.Id}");
            }
            var head = entries[^1].Hash;
            var oldHead = originals[^1].Hash;
            await db.Database.ExecuteSqlAsync($"UPDATE audit_streams SET hash = {head} WHERE entity_type = {entityType} AND entity_id = {entityId}");
            var seen = await db.Set<AuditAnchorHead>().AsNoTracking().Where(h => h.EntityType == entityType && h.EntityId == entityId).ToListAsync();
            foreach (var h in seen)
            {
                var now = entries.Single(e => e.StreamSeq == h.Seq).Hash;
                await db.Database.ExecuteSqlAsync($"UPDATE audit_anchor_heads SET hash = {now} WHERE anchor_id = {h.AnchorId} AND entity_type = {entityType} AND entity_id = {entityId}");
            }
            var anchors = await db.Set<AuditAnchor>().AsNoTracking().OrderBy(a => a.Id).ToListAsync();
            var heads = (await db.Set<AuditAnchorHead>().AsNoTracking().ToListAsync()).ToLookup(h => h.AnchorId);
            var anchorOriginals = anchors.Select(a => new AnchorRow(a.Id, a.PrevHash, a.Hash)).ToList();
            var prev = AuditChain.Genesis;
            foreach (var a in anchors)
            {
                var hash = AuditAnchoring.HashOf(prev, a.At, heads[a.Id]);
                await db.Database.ExecuteSqlAsync($"UPDATE audit_anchors SET prev_hash = {prev}, hash = {hash} WHERE id = {a.Id}");
                prev = hash;
            }

            undo.Add(async d =>
            {
                foreach (var o in originals)
                    await d.Database.ExecuteSqlAsync($"UPDATE audit_entries SET detail = {o.Detail}, prev_hash = {o.PrevHash}, hash = {o.Hash} WHERE id = {o.Id}");
                await d.Database.ExecuteSqlAsync($"UPDATE audit_streams SET hash = {oldHead} WHERE entity_type = {entityType} AND entity_id = {entityId}");
                foreach (var h in seen)
                    await d.Database.ExecuteSqlAsync($"UPDATE audit_anchor_heads SET hash = {h.Hash} WHERE anchor_id = {h.AnchorId} AND entity_type = {entityType} AND entity_id = {entityId}");
                foreach (var a in anchorOriginals)
                    await d.Database.ExecuteSqlAsync($"UPDATE audit_anchors SET prev_hash = {a.PrevHash}, hash = {a.Hash} WHERE id = {a.Id}");
            });
        });
        return () => app.InDb(db => undo[0](db));
    }
}
