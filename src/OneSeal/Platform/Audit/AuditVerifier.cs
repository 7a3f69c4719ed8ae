using Microsoft.EntityFrameworkCore;
using OneSeal.Platform.Database;

namespace OneSeal.Platform.Audit;

/// <summary>
/// Verifies the whole audit trail (docs/decisions/0006-audit-chain-per-stream.md): the global chain of entries written
/// before migration 0009; every stream link by link; every stream head against its last entry; the anchor chain, each
/// anchor's signature (a key outside the database, <see cref="AuditKeys"/>) and every head an anchor saw. Streams are
/// read in key order, one at a time, so memory does not grow with the trail.
/// </summary>
internal static class AuditVerifier
{
    private const int Reported = 5;

    /// <summary>One thing found broken, said in English (logs, the command line) and in Chinese (the auditor page).</summary>
    private sealed record Finding(long? Id, string En, string Zh);

    public static async Task<AuditVerification> VerifyAsync(OneSealDb db, AuditKeys keys, CancellationToken ct)
    {
        var findings = new List<Finding>();
        var entries = await LegacyChainAsync(db, findings, ct);
        entries += await StreamsAsync(db, findings, ct);
        await HeadsAsync(db, findings, ct);
        var anchors = await AnchorsAsync(db, keys, findings, ct);
        if (findings.Count == 0) return new AuditVerification(true, entries, null) { Anchors = anchors };
        var first = findings.Where(f => f.Id is not null).Select(f => f.Id).Min();
        var reported = findings.Take(Reported).ToList();
        return new AuditVerification(false, entries, first, string.Join("; ", reported.Select(f => f.En)))
        {
            Anchors = anchors, ProblemZh = string.Join("；", reported.Select(f => f.Zh)),
        };
    }

    private static async Task<long> LegacyChainAsync(OneSealDb db, List<Finding> findings, CancellationToken ct)
    {
        var prev = AuditChain.Genesis;
        long count = 0;
        var legacy = db.Set<AuditEntry>().AsNoTracking().Where(a => a.StreamSeq == null).OrderBy(a => a.Id);
        await foreach (var e in legacy.AsAsyncEnumerable().WithCancellation(ct))
        {
            count++;
            if (e.PrevHash != prev || AuditTrail.HashOf(e) != e.Hash)
            {
                findings.Add(new(e.Id, $"entry {e.Id} breaks the chain of entries written before streams", $"第 {e.Id} 条记录与之前的记录链不符"));
                break;
            }
            prev = e.Hash;
        }
        return count;
    }

    private static async Task<long> StreamsAsync(OneSealDb db, List<Finding> findings, CancellationToken ct)
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
                findings.Add(new(e.Id, $"entry {e.Id} breaks stream {type}/{id} at position {e.StreamSeq} (expected {expected})",
                    $"第 {e.Id} 条记录在 {type}/{id} 的记录链第 {e.StreamSeq} 位处断开（应为第 {expected} 位或内容被改动）"));
                broken = true; // one finding per stream: what follows a break is not evidence of more
                continue;
            }
            prev = e.Hash;
            expected++;
        }
        return count;
    }

    /// <summary>A head must name its stream's last entry: a cut tail or an entry appended behind the chain's back shows here.</summary>
    private static async Task HeadsAsync(OneSealDb db, List<Finding> findings, CancellationToken ct)
    {
        var entries = db.Set<AuditEntry>();
        var streams = db.Set<AuditStream>();
        var cut = await streams.AsNoTracking()
            .Where(s => s.Seq > 0 && !entries.Any(e => e.EntityType == s.EntityType && e.EntityId == s.EntityId && e.StreamSeq == s.Seq && e.Hash == s.Hash))
            .OrderBy(s => s.EntityType).ThenBy(s => s.EntityId).Take(Reported).ToListAsync(ct);
        foreach (var s in cut)
            findings.Add(new(null, $"stream {s.EntityType}/{s.EntityId} has no entry matching its head (position {s.Seq})",
                $"{s.EntityType}/{s.EntityId} 的记录链末端（第 {s.Seq} 位）找不到对应记录，记录可能被删除"));

        var beyond = await entries.AsNoTracking()
            .Where(e => e.StreamSeq != null && !streams.Any(s => s.EntityType == e.EntityType && s.EntityId == e.EntityId && s.Seq >= e.StreamSeq))
            .OrderBy(e => e.Id).Select(e => e.Id).Take(Reported).ToListAsync(ct);
        foreach (var id in beyond)
            findings.Add(new(id, $"entry {id} lies beyond its stream's head", $"第 {id} 条记录位于记录链末端之后，可能是事后插入"));
    }

    /// <summary>
    /// The anchor chain links, hashes and signatures; each head an anchor saw still exists; each head's last anchoring
    /// exists. Returns the number of anchors checked.
    /// </summary>
    private static async Task<long> AnchorsAsync(OneSealDb db, AuditKeys keys, List<Finding> findings, CancellationToken ct)
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
                    findings.Add(new(null, $"anchor {a.Id} breaks the anchor chain", $"第 {a.Id} 号锚点与锚点链不符"));
                    break;
                }
                if (SignatureProblem(a, keys) is { } problem)
                {
                    findings.Add(problem);
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
            findings.Add(new(null, $"anchor {h.AnchorId} saw stream {h.EntityType}/{h.EntityId} at position {h.Seq}, which no longer matches",
                $"第 {h.AnchorId} 号锚点记录的 {h.EntityType}/{h.EntityId} 第 {h.Seq} 位与现有记录不符"));

        var anchorHeads = db.Set<AuditAnchorHead>();
        var unanchored = await db.Set<AuditStream>().AsNoTracking()
            .Where(s => s.AnchoredSeq > 0 && !anchorHeads.Any(h => h.EntityType == s.EntityType && h.EntityId == s.EntityId && h.Seq == s.AnchoredSeq))
            .Take(Reported).ToListAsync(ct);
        foreach (var s in unanchored)
            findings.Add(new(null, $"stream {s.EntityType}/{s.EntityId} was anchored at position {s.AnchoredSeq}, but that anchor is gone",
                $"{s.EntityType}/{s.EntityId} 曾在第 {s.AnchoredSeq} 位被锚定，但该锚点已不存在"));
        return anchors.Count;
    }

    /// <summary>
    /// A rewritten anchor chain can be made consistent by anyone who can write the database; only the signature needs the
    /// key, which the database does not hold.
    /// </summary>
    private static Finding? SignatureProblem(AuditAnchor a, AuditKeys keys)
    {
        if (a.Signature is null || a.KeyId is null)
            return new(null, $"anchor {a.Id} is not signed", $"第 {a.Id} 号锚点没有签名，锚点链可能被改写");
        if (keys.Find(a.KeyId) is not { } secret)
            return new(null, $"anchor {a.Id} is signed with key {a.KeyId}, which is not in {keys.Folder}",
                $"第 {a.Id} 号锚点的签名密钥 {a.KeyId} 不在本机密钥目录（{keys.Folder}），无法核验");
        return AuditKeys.Matches(secret, a.Hash, a.Signature) ? null
            : new(null, $"anchor {a.Id}'s signature does not match: the anchor chain was rewritten without the key",
                $"第 {a.Id} 号锚点的签名不符：锚点链在没有密钥的情况下被改写");
    }
}
