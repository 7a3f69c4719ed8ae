using System.Globalization;
using Microsoft.EntityFrameworkCore;
using OneSeal.Platform.Database;

namespace OneSeal.Platform.Audit;

/// <summary>
/// Writes anchors: each one chains the stream heads that moved since the last anchor onto the previous anchor's hash.
/// Run by one instance under a lease (<see cref="AuditAnchorService"/>); the unique previous-hash index keeps the
/// anchor chain linear even if two instances ever ran it at once.
/// </summary>
public static class AuditAnchoring
{
    // Heads per anchor: their rows stay locked until the anchor commits, so a writer of one of them waits that long.
    private const int HeadsPerAnchor = 1000;

    private sealed record MovedHead(string EntityType, string EntityId, long Seq, string Hash);

    /// <summary>Anchors every head that moved; returns the number of heads anchored.</summary>
    public static async Task<int> AnchorAsync(OneSealDb db, AuditKeys keys, DateTimeOffset now, CancellationToken ct)
    {
        var total = 0;
        while (true)
        {
            var anchored = await AnchorOnceAsync(db, keys, now, ct);
            total += anchored;
            if (anchored < HeadsPerAnchor) return total;
        }
    }

    private static async Task<int> AnchorOnceAsync(OneSealDb db, AuditKeys keys, DateTimeOffset now, CancellationToken ct)
    {
        db.ChangeTracker.Clear();
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        // SKIP LOCKED: a head being appended to right now is anchored next time rather than waited for.
        var moved = await new RawSql(db).Append($"""
            UPDATE audit_streams SET anchored_seq = seq
            WHERE anchored_seq < seq AND (entity_type, entity_id) IN (
                SELECT entity_type, entity_id FROM audit_streams WHERE anchored_seq < seq LIMIT {HeadsPerAnchor}{(db.IsPostgres ? " FOR UPDATE SKIP LOCKED" : "")})
            RETURNING entity_type AS "EntityType", entity_id AS "EntityId", seq AS "Seq", hash AS "Hash"
            """).ReadAsync<MovedHead>(ct);
        if (moved.Count == 0) return 0;

        var prev = await db.Set<AuditAnchor>().OrderByDescending(a => a.Id).Select(a => a.Hash).FirstOrDefaultAsync(ct) ?? AuditChain.Genesis;
        var heads = moved.Select(m => new AuditAnchorHead { EntityType = m.EntityType, EntityId = m.EntityId, Seq = m.Seq, Hash = m.Hash }).ToList();
        var anchor = new AuditAnchor { At = Time.Instants.Truncate(now), Heads = heads.Count, PrevHash = prev, Hash = HashOf(prev, now, heads) };
        var (keyId, secret) = keys.Current();
        (anchor.KeyId, anchor.Signature) = (keyId, AuditKeys.Sign(secret, anchor.Hash));
        db.Add(anchor);
        await db.SaveChangesAsync(ct);
        foreach (var h in heads) h.AnchorId = anchor.Id;
        db.AddRange(heads);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        db.ChangeTracker.Clear();
        return moved.Count;
    }

    /// <summary>
    /// The first start with a key store (after upgrading to signed anchors, or on a new database) signs the anchors written
    /// before, once: from then on an unsigned anchor is a break. Later starts never sign old anchors, so an anchor forged
    /// into the database without the key is not blessed by a restart.
    /// </summary>
    public static async Task SignExistingAsync(OneSealDb db, AuditKeys keys, CancellationToken ct)
    {
        if (!keys.IsEmpty) return;
        var (keyId, secret) = keys.Current();
        var unsigned = await db.Set<AuditAnchor>().Where(a => a.Signature == null).ToListAsync(ct);
        foreach (var a in unsigned) (a.KeyId, a.Signature) = (keyId, AuditKeys.Sign(secret, a.Hash));
        await db.SaveChangesAsync(ct);
        db.ChangeTracker.Clear();
    }

    /// <summary>The anchor's hash: the previous anchor, the time, and the heads in ordinal order of their stream.</summary>
    internal static string HashOf(string prev, DateTimeOffset at, IEnumerable<AuditAnchorHead> heads)
    {
        var lines = heads.OrderBy(h => h.EntityType, StringComparer.Ordinal).ThenBy(h => h.EntityId, StringComparer.Ordinal)
            .Select(h => string.Join('\u001f', h.EntityType, h.EntityId, h.Seq.ToString(CultureInfo.InvariantCulture), h.Hash));
        return AuditTrail.Sha256Hex(string.Join('\u001e', [prev, Time.Instants.Truncate(at).UtcTicks.ToString(CultureInfo.InvariantCulture), .. lines]));
    }
}
