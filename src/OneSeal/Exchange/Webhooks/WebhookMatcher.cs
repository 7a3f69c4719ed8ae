using Microsoft.EntityFrameworkCore;
using OneSeal.Platform.Database;
using OneSeal.Platform.Events;

namespace OneSeal.Exchange.Webhooks;

/// <summary>
/// Turns new events into deliveries: per active subscription, under its row lock, reads the events after its cursor in
/// <c>seq</c> order and adds a delivery for each one its types and filters match, then moves the cursor.
/// <para>
/// Identity values are taken at insert time and commit in any order, so a reader can see seq 12 while 11 is still in
/// flight. The cursor therefore only moves across a contiguous run of seqs. At a gap it stops and remembers the gap; the
/// gap is skipped only once it has lasted <c>Webhooks:GapSettleSeconds</c> (default 5) and, on PostgreSQL, every
/// transaction that was running when the gap was first seen has ended (<c>pg_snapshot_xmin</c> has passed the
/// snapshot's xmax then) — by then the missing seq is a rolled-back insert, never an event still to come. SQLite has one
/// writer and rolls AUTOINCREMENT back with the transaction, so it has no such gaps.
/// </para>
/// </summary>
public sealed class WebhookMatcher(OneSealDb db, IConfiguration config)
{
    private const int Batch = 500;
    private readonly TimeSpan _settle = TimeSpan.FromSeconds(config.GetValue("Webhooks:GapSettleSeconds", 5));

    /// <summary>Matches every active subscription; returns how many deliveries were added.</summary>
    public async Task<int> MatchAsync(DateTimeOffset now, CancellationToken ct)
    {
        // Only subscriptions with something after their cursor open a transaction (SQLite's write lock is shared by all).
        var last = await db.Set<EventRecord>().MaxAsync(e => (long?)e.Seq, ct) ?? 0;
        var ids = await db.Set<WebhookSubscription>().AsNoTracking().Where(s => s.Status == SubscriptionStatus.Active && s.Cursor < last)
            .Select(s => s.Id).ToListAsync(ct);
        var added = 0;
        foreach (var id in ids)
            for (var round = 0; round < 20; round++)
            {
                var (count, more) = await MatchOneAsync(id, now, ct);
                added += count;
                if (!more) break;
            }
        return added;
    }

    private Task<(int Added, bool More)> MatchOneAsync(Guid id, DateTimeOffset now, CancellationToken ct) => db.InTransactionAsync(async () =>
    {
        // Two instances matching the same subscription queue behind this lock (SQLite's write lock does the same).
        if (db.IsPostgres) await db.Database.ExecuteSqlAsync($"SELECT id FROM webhook_subscriptions WHERE id = {id} FOR UPDATE", ct);
        var s = await db.Set<WebhookSubscription>().SingleOrDefaultAsync(x => x.Id == id && x.Status == SubscriptionStatus.Active, ct);
        if (s is null) return (0, false);
        var events = await db.Set<EventRecord>().AsNoTracking().Where(e => e.Seq > s.Cursor).OrderBy(e => e.Seq).Take(Batch).ToListAsync(ct);
        var types = s.Types.ToHashSet(StringComparer.Ordinal);
        var expected = s.Cursor + 1;
        var added = 0;
        var blocked = false;
        foreach (var e in events)
        {
            if (e.Seq > expected && !await GapSettledAsync(s, expected, now, ct))
            {
                blocked = true;
                break;
            }
            if (Matches(s, types, e))
            {
                db.Add(new WebhookDelivery
                {
                    Id = Guid.NewGuid(), SubscriptionId = s.Id, EventSeq = e.Seq, EventId = e.Id, EventType = e.Type, Subject = e.Subject,
                    Status = DeliveryStatus.Pending, CreatedAt = now, RetryFrom = now, NextAttemptAt = now,
                });
                added++;
            }
            expected = e.Seq + 1;
        }
        s.Cursor = expected - 1;
        if (!blocked) (s.GapSeq, s.GapSince, s.GapXmax) = (null, null, null);
        await db.SaveChangesAsync(ct);
        return (added, !blocked && events.Count == Batch);
    }, ct);

    private static bool Matches(WebhookSubscription s, HashSet<string> types, EventRecord e) =>
        (types.Count == 0 || types.Contains(e.Type))
        && (s.DepartmentId is null || s.DepartmentId == e.DepartmentId)
        && (s.ItemCode is null || s.ItemCode == e.ItemCode)
        && (s.Action is null || s.Action == e.Action);

    /// <summary>Whether the missing <paramref name="seq"/> may be skipped; records the gap when it is new.</summary>
    private async Task<bool> GapSettledAsync(WebhookSubscription s, long seq, DateTimeOffset now, CancellationToken ct)
    {
        if (s.GapSeq != seq || s.GapSince is null)
        {
            (s.GapSeq, s.GapSince, s.GapXmax) = (seq, now, db.IsPostgres ? await SnapshotAsync(Xmax, ct) : null);
            return false;
        }
        if (now - s.GapSince.Value < _settle) return false;
        return s.GapXmax is not { } xmax || await SnapshotAsync(Xmin, ct) >= xmax;
    }

    private const string Xmax = "SELECT pg_snapshot_xmax(pg_current_snapshot())::text::bigint AS \"Value\"";
    private const string Xmin = "SELECT pg_snapshot_xmin(pg_current_snapshot())::text::bigint AS \"Value\"";

    private async Task<long> SnapshotAsync(string sql, CancellationToken ct) => (await db.Database.SqlQueryRaw<long>(sql).ToListAsync(ct)).Single();
}
