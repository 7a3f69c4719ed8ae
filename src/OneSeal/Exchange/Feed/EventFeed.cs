using Microsoft.EntityFrameworkCore;
using OneSeal.Platform.Database;
using OneSeal.Platform.Events;

namespace OneSeal.Exchange.Feed;

/// <summary>A page of the feed: the events in seq order and the cursor to ask after next (never before an event not yet returned).</summary>
public sealed record FeedPage(IReadOnlyList<EventRecord> Events, long Next);

/// <summary>
/// Reads the event log in <c>seq</c> order for the pull feed and the broker, returning only events no later commit can
/// precede. On PostgreSQL an identity value is taken at INSERT and seen at COMMIT, so seq 11 may be visible while seq 10
/// is still in flight; a reader that moved past 11 would never see 10. Every event insert holds
/// <see cref="EventCommitOrder.LockKey"/> shared until its transaction ends, so when this reader gets that key exclusively
/// for an instant, the highest seq then visible is a high-water mark: every gap below it is final (a rolled-back insert).
/// Above it the reader stops at the first gap, which may still be in flight, and the next read tries again. Writers never
/// wait for each other, and for the reader only during two short statements. SQLite has one writer at a time, which
/// takes seqs in commit order: no gap is ever in flight there. ADR 0015.
/// </summary>
public sealed class EventFeed(OneSealDb db)
{
    public const int DefaultLimit = 100, MaxLimit = 1000;
    /// <summary>Seqs scanned beyond the cursor for a filtered reader (a department's), so another department's burst does not hold it back.</summary>
    private const int FilteredScan = 5000;

    private const string TryExclusive = "SELECT pg_try_advisory_lock(435778055796) AS \"Value\"";
    private const string Release = "SELECT pg_advisory_unlock(435778055796) AS \"Value\"";

    /// <param name="after">The cursor: the last seq the reader has (0 from the start).</param>
    /// <param name="department">Only this department's events (a department's staff); null for all.</param>
    public async Task<FeedPage> ReadAsync(long after, int limit, Guid? department, CancellationToken ct)
    {
        var upTo = await SettledUpToAsync(after, department is null ? limit : FilteredScan, ct);
        if (upTo <= after) return new FeedPage([], after);
        var query = db.Set<EventRecord>().AsNoTracking().Where(e => e.Seq > after && e.Seq <= upTo);
        if (department is { } d) query = query.Where(e => e.DepartmentId == d);
        var events = await query.OrderBy(e => e.Seq).Take(limit).ToListAsync(ct);
        // A full page ends at its last event; a short one has seen everything settled, its own or not, up to upTo.
        return new FeedPage(events, events.Count == limit ? events[^1].Seq : upTo);
    }

    /// <summary>The highest seq after <paramref name="after"/> up to which nothing can still appear (at most <paramref name="scan"/> seqs on).</summary>
    private async Task<long> SettledUpToAsync(long after, int scan, CancellationToken ct)
    {
        var seqs = await db.Set<EventRecord>().AsNoTracking().Where(e => e.Seq > after).OrderBy(e => e.Seq).Take(scan)
            .Select(e => e.Seq).ToListAsync(ct);
        if (seqs.Count == 0) return after;
        if (!db.IsPostgres) return seqs[^1];
        var highWater = seqs[^1] == after + seqs.Count ? after : await HighWaterAsync(ct) ?? after;
        var upTo = after;
        foreach (var s in seqs)
        {
            if (s > highWater && s != upTo + 1) break; // a gap above the high-water mark may still be in flight
            upTo = s;
        }
        return upTo;
    }

    /// <summary>
    /// PostgreSQL: the highest seq visible at an instant when no transaction that inserted an event was open, or null
    /// when one was (then the caller stops at the first gap). Session lock on a connection held open across both statements.
    /// </summary>
    private async Task<long?> HighWaterAsync(CancellationToken ct)
    {
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            if (!await db.Database.SqlQueryRaw<bool>(TryExclusive).SingleAsync(ct)) return null;
            try
            {
                return await db.Set<EventRecord>().AsNoTracking().MaxAsync(e => (long?)e.Seq, ct) ?? 0;
            }
            finally
            {
                await db.Database.SqlQueryRaw<bool>(Release).SingleAsync(CancellationToken.None);
            }
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }
}
