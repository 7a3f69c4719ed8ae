using Microsoft.EntityFrameworkCore;
using OneSeal.Platform.Database;

namespace OneSeal.Platform.Outbox;

/// <summary>
/// The outbox's SQL: claim a batch with a lease in one statement, then record success or failure only while the lease
/// is still ours. Instants are the app clock's (<see cref="TimeProvider"/>), as everywhere else.
/// </summary>
internal static class OutboxStore
{
    /// <summary>
    /// Claims up to <paramref name="limit"/> due messages for <paramref name="instance"/> until <paramref name="leaseUntil"/>.
    /// PostgreSQL: <c>FOR UPDATE SKIP LOCKED</c> in the sub-select, so concurrent claimers pass over each other's rows
    /// instead of waiting, and a row claimed meanwhile is re-checked against the WHERE clause. SQLite: the same conditional
    /// <c>UPDATE … RETURNING</c> as one statement; SQLite runs one writer at a time, so two claims cannot overlap.
    /// Messages of <paramref name="untilDone"/> topics are claimed whatever their attempts (they never become dead letters).
    /// </summary>
    public static async Task<List<OutboxMessage>> ClaimAsync(OneSealDb db, string instance, DateTimeOffset now, DateTimeOffset leaseUntil,
        int limit, int maxAttempts, CancellationToken ct, IReadOnlyCollection<string>? untilDone = null)
    {
        var topics = (untilDone ?? []).ToArray();
        // SQLite has no arrays: the topics as one '|'-delimited string, matched with instr.
        var delimited = "|" + string.Join("|", topics) + "|";
        FormattableString sql;
        if (db.IsPostgres)
            sql = $"""
               UPDATE outbox_messages SET locked_until = {leaseUntil}, locked_by = {instance}
               WHERE id IN (
                   SELECT id FROM outbox_messages
                   WHERE processed_at IS NULL AND available_at <= {now} AND (attempts < {maxAttempts} OR topic = ANY({topics}))
                     AND (locked_until IS NULL OR locked_until < {now})
                   ORDER BY id
                   LIMIT {limit}
                   FOR UPDATE SKIP LOCKED)
               RETURNING *
               """;
        else
            sql = $"""
               UPDATE outbox_messages SET locked_until = {leaseUntil.UtcTicks}, locked_by = {instance}
               WHERE id IN (
                   SELECT id FROM outbox_messages
                   WHERE processed_at IS NULL AND available_at <= {now.UtcTicks}
                     AND (attempts < {maxAttempts} OR instr({delimited}, '|' || topic || '|') > 0)
                     AND (locked_until IS NULL OR locked_until < {now.UtcTicks})
                   ORDER BY id
                   LIMIT {limit})
               RETURNING *
               """;
        var claimed = await db.Set<OutboxMessage>().FromSql(sql).AsNoTracking().ToListAsync(ct);
        claimed.Sort((a, b) => a.Id.CompareTo(b.Id));
        return claimed;
    }

    /// <summary>Done. Not conditional on the lease: the work happened, whoever holds the row now.</summary>
    public static Task<int> CompleteAsync(OneSealDb db, long id, DateTimeOffset now, CancellationToken ct) =>
        db.Set<OutboxMessage>()
            .Where(m => m.Id == id && m.ProcessedAt == null)
            .ExecuteUpdateAsync(u => u
                .SetProperty(m => m.ProcessedAt, now)
                .SetProperty(m => m.LockedUntil, (DateTimeOffset?)null), ct);

    /// <summary>
    /// A failed attempt: one more in <c>attempts</c>, the error kept, the lease dropped and the next attempt not before
    /// <paramref name="retryAt"/>. Only while our lease holds, so a slow instance cannot overwrite a newer claim.
    /// </summary>
    public static Task<int> FailAsync(OneSealDb db, OutboxMessage claimed, string instance, string error, DateTimeOffset retryAt, CancellationToken ct)
    {
        var lease = claimed.LockedUntil;
        var attempts = claimed.Attempts + 1;
        var text = error.Length > OutboxMessageConfiguration.MaxErrorLength ? error[..OutboxMessageConfiguration.MaxErrorLength] : error;
        return db.Set<OutboxMessage>()
            .Where(m => m.Id == claimed.Id && m.ProcessedAt == null && m.LockedBy == instance && m.LockedUntil == lease)
            .ExecuteUpdateAsync(u => u
                .SetProperty(m => m.Attempts, attempts)
                .SetProperty(m => m.LastError, text)
                .SetProperty(m => m.AvailableAt, retryAt)
                .SetProperty(m => m.LockedUntil, (DateTimeOffset?)null), ct);
    }

    /// <summary>
    /// Extends our claim on a message still being worked on to <paramref name="until"/>; false when the claim is no longer
    /// ours (it ran out and another instance took the message, or it was finished meanwhile).
    /// </summary>
    public static async Task<bool> RenewAsync(OneSealDb db, OutboxMessage claimed, string instance, DateTimeOffset until, CancellationToken ct)
    {
        var lease = claimed.LockedUntil;
        return await db.Set<OutboxMessage>()
            .Where(m => m.Id == claimed.Id && m.ProcessedAt == null && m.LockedBy == instance && m.LockedUntil == lease)
            .ExecuteUpdateAsync(u => u.SetProperty(m => m.LockedUntil, until), ct) == 1;
    }

    /// <summary>Gives the message back untouched (this instance is stopping), so another can take it without waiting for the lease.</summary>
    public static Task<int> ReleaseAsync(OneSealDb db, OutboxMessage claimed, string instance, CancellationToken ct)
    {
        var lease = claimed.LockedUntil;
        return db.Set<OutboxMessage>()
            .Where(m => m.Id == claimed.Id && m.ProcessedAt == null && m.LockedBy == instance && m.LockedUntil == lease)
            .ExecuteUpdateAsync(u => u.SetProperty(m => m.LockedUntil, (DateTimeOffset?)null), ct);
    }

    /// <summary>Deletes messages processed before <paramref name="before"/>; dead letters (never processed) stay.</summary>
    public static Task<int> PurgeAsync(OneSealDb db, DateTimeOffset before, CancellationToken ct) =>
        db.Set<OutboxMessage>().Where(m => m.ProcessedAt != null && m.ProcessedAt < before).ExecuteDeleteAsync(ct);
}
