using Microsoft.EntityFrameworkCore;
using OneSeal.Platform.Database;

namespace OneSeal.Platform.Audit;

/// <summary>
/// Verifies the whole audit trail (docs/decisions/0006-audit-chain-per-stream.md): the global chain of entries written
/// before migration 0009; every stream link by link; every stream head against its last entry; the anchor chain and
/// every head an anchor saw. Streams are read in key order, one at a time, so memory does not grow with the trail.
/// </summary>
internal static class AuditVerifier
{
    private const int Reported = 5;

    public static async Task<AuditVerification> VerifyAsync(OneSealDb db, CancellationToken ct)
    {
        var findings = new List<(long? Id, string Problem)>();
        var entries = await LegacyChainAsync(db, findings, ct);
        entries += await StreamsAsync(db, findings, ct);
        await HeadsAsync(db, findings, ct);
        await AnchorsAsync(db, findings, ct);
        if (findings.Count == 0) return new AuditVerification(true, entries, null);
        var first = findings.Where(f => f.Id is not null).Select(f => f.Id).Min();
        return new AuditVerification(false, entries, first, string.Join("; ", findings.Take(Reported).Select(f => f.Problem)));
    }

    private static async Task<long> LegacyChainAsync(OneSealDb db, List<(long?, string)> findings, CancellationToken ct)
    {
        var prev = AuditChain.Genesis;
        long count = 0;
        var legacy = db.Set<AuditEntry>().AsNoTracking().Where(a => a.StreamSeq == null).OrderBy(a => a.Id);
        await foreach (var e in legacy.AsAsyncEnumerable().WithCancellation(ct))
        {
            count++;
            if (e.PrevHash != prev || AuditTrail.HashOf(e) != e.Hash)
            {
                findings.Add((e.Id, $"entry {e.Id} breaks the chain of entries written before streams"));
                break;
            }
            prev = e.Hash;
        }
        return count;
    }

    private static async Task<long> StreamsAsync(OneSealDb db, List<(long?, string)> findings, CancellationToken ct)
    {
        long count = 0, expected = 0;
        string? type = null, id = null, prev = null;
        var broken = false;
        var all = db.Set<AuditEntry>().AsNoTracking().Where(a => a.StreamSeq != null)
            .OrderBy(a => a.EntityType).ThenBy(a => a.EntityId).ThenBy(a => a.StreamSeq);
        await foreach (var e in all.AsAsyncEnumerable().WithCancellation(ct))
        {
            count++;
            if (e.EntityType != type || e.EntityId != id)
            {
                (type, id, expected, prev, broken) = (e.EntityType, e.EntityId, 1, AuditChain.Genesis, false);
            }
            if (broken) continue;
            if (e.StreamSeq != expected || e.PrevHash != prev || AuditTrail.HashOf(e) != e.Hash)
            {
                findings.Add((e.Id, $"entry {e.Id} breaks stream {type}/{id} at position {e.StreamSeq} (expected {expected})"));
                broken = true; // one finding per stream: what follows a break is not evidence of more
                continue;
            }
            prev = e.Hash;
            expected++;
        }
        return count;
    }

    /// <summary>A head must name its stream's last entry: a cut tail or an entry appended behind the chain's back shows here.</summary>
    private static async Task HeadsAsync(OneSealDb db, List<(long?, string)> findings, CancellationToken ct)
    {
        var entries = db.Set<AuditEntry>();
        var streams = db.Set<AuditStream>();
        var cut = await streams.AsNoTracking()
            .Where(s => s.Seq > 0 && !entries.Any(e => e.EntityType == s.EntityType && e.EntityId == s.EntityId && e.StreamSeq == s.Seq && e.Hash == s.Hash))
            .OrderBy(s => s.EntityType).ThenBy(s => s.EntityId).Take(Reported).ToListAsync(ct);
        foreach (var s in cut)
            findings.Add((null, $"stream {s.EntityType}/{s.EntityId} has no entry matching its head (position {s.Seq})"));

        var beyond = await entries.AsNoTracking()
            .Where(e => e.StreamSeq != null && !streams.Any(s => s.EntityType == e.EntityType && s.EntityId == e.EntityId && s.Seq >= e.StreamSeq))
            .OrderBy(e => e.Id).Select(e => e.Id).Take(Reported).ToListAsync(ct);
        foreach (var id in beyond)
            findings.Add((id, $"entry {id} lies beyond its stream's head"));
    }

    /// <summary>The anchor chain links and hashes; each head an anchor saw still exists; each head's last anchoring exists.</summary>
    private static async Task AnchorsAsync(OneSealDb db, List<(long?, string)> findings, CancellationToken ct)
    {
        var anchors = await db.Set<AuditAnchor>().AsNoTracking().OrderBy(a => a.Id).ToListAsync(ct);
        var seen = db.Set<AuditAnchorHead>().AsNoTracking().OrderBy(h => h.AnchorId).AsAsyncEnumerable().WithCancellation(ct).GetAsyncEnumerator();
        await using (seen)
        {
            var more = await seen.MoveNextAsync();
            var prev = AuditChain.Genesis;
            foreach (var a in anchors)
            {
                var heads = new List<AuditAnchorHead>();
                while (more && seen.Current.AnchorId == a.Id)
                {
                    heads.Add(seen.Current);
                    more = await seen.MoveNextAsync();
                }
                if (a.PrevHash != prev || a.Heads != heads.Count || AuditAnchoring.HashOf(a.PrevHash, a.At, heads) != a.Hash)
                {
                    findings.Add((null, $"anchor {a.Id} breaks the anchor chain"));
                    break;
                }
                prev = a.Hash;
            }
        }

        var entries = db.Set<AuditEntry>();
        var lost = await db.Set<AuditAnchorHead>().AsNoTracking()
            .Where(h => !entries.Any(e => e.EntityType == h.EntityType && e.EntityId == h.EntityId && e.StreamSeq == h.Seq && e.Hash == h.Hash))
            .OrderBy(h => h.AnchorId).Take(Reported).ToListAsync(ct);
        foreach (var h in lost)
            findings.Add((null, $"anchor {h.AnchorId} saw stream {h.EntityType}/{h.EntityId} at position {h.Seq}, which no longer matches"));

        var anchorHeads = db.Set<AuditAnchorHead>();
        var unanchored = await db.Set<AuditStream>().AsNoTracking()
            .Where(s => s.AnchoredSeq > 0 && !anchorHeads.Any(h => h.EntityType == s.EntityType && h.EntityId == s.EntityId && h.Seq == s.AnchoredSeq))
            .Take(Reported).ToListAsync(ct);
        foreach (var s in unanchored)
            findings.Add((null, $"stream {s.EntityType}/{s.EntityId} was anchored at position {s.AnchoredSeq}, but that anchor is gone"));
    }
}
