using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace OneSeal.Platform.Events;

/// <summary>
/// Lets a reader of <c>events</c> in <c>seq</c> order (the pull feed, the broker) tell a gap still in flight from one
/// that never will be filled (docs/decisions/0015-exchange-events-feed-broker.md). On PostgreSQL an identity value is
/// taken at INSERT and becomes visible at COMMIT, so seq 11 can be visible while seq 10 is not yet: a reader that moved
/// its cursor to 11 would never see 10. So every transaction that inserts an event first takes
/// <see cref="LockKey"/> in shared mode (writers never wait for each other) and holds it until it ends. A reader that
/// gets the key exclusively, even for an instant, knows every seq allocated so far is committed or rolled back
/// (<c>EventFeed.HighWaterAsync</c>). SQLite needs none of this: its one writer takes seqs in commit order.
/// </summary>
public sealed class EventCommitOrder : SaveChangesInterceptor
{
    public static readonly EventCommitOrder Instance = new();

    /// <summary>The advisory lock key ("event" in ASCII, an arbitrary constant no other lock uses).</summary>
    public const long LockKey = 0x6576656E74;
    private const string TakeShared = "SELECT pg_advisory_xact_lock_shared(435778055796)";

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        if (Needed(eventData.Context) is { } db) db.Database.ExecuteSqlRaw(TakeShared);
        return result;
    }

    public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result,
        CancellationToken cancellationToken = default)
    {
        if (Needed(eventData.Context) is { } db) await db.Database.ExecuteSqlRawAsync(TakeShared, cancellationToken);
        return result;
    }

    private static DbContext? Needed(DbContext? db)
    {
        if (db is null || !db.Database.IsNpgsql()) return null;
        // EventLog.Record adds with db.Add, tracked as Added at once: no change detection needed to find them.
        var detect = db.ChangeTracker.AutoDetectChangesEnabled;
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        try
        {
            if (!db.ChangeTracker.Entries<EventRecord>().Any(e => e.State == EntityState.Added)) return null;
        }
        finally
        {
            db.ChangeTracker.AutoDetectChangesEnabled = detect;
        }
        // A transaction-scoped lock outside a transaction would end with its own statement, before the insert.
        if (db.Database.CurrentTransaction is null)
            throw new InvalidOperationException("Events are recorded in the unit of work of the change they report (db.InTransactionAsync / db.CommitAsync).");
        return db;
    }
}
