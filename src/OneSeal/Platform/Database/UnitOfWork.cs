using Microsoft.EntityFrameworkCore;
using OneSeal.Platform.Audit;

namespace OneSeal.Platform.Database;

/// <summary>
/// One command, one transaction: the transaction opens before the command reads what it changes, and everything it
/// writes — rows, timeline, audit lines, outbox messages and the document numbers it took — commits together or not at all.
/// </summary>
public static class UnitOfWork
{
    /// <summary>
    /// Runs <paramref name="command"/> in a transaction of its own (or in the caller's, when one is open). On SQLite,
    /// Microsoft.Data.Sqlite begins it IMMEDIATE: the write lock is taken first, so a command that read and then writes
    /// never meets SQLITE_BUSY_SNAPSHOT. A command that throws is rolled back and its tracked changes are dropped, so a
    /// sweep running several commands on one context starts the next one clean.
    /// </summary>
    public static async Task<T> InTransactionAsync<T>(this OneSealDb db, Func<Task<T>> command, CancellationToken ct)
    {
        if (db.Database.CurrentTransaction is not null) return await command();
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        try
        {
            var result = await command();
            await tx.CommitAsync(ct);
            return result;
        }
        catch
        {
            // The connection may already be gone; disposing the transaction then is all that is left to do.
            try { await tx.RollbackAsync(CancellationToken.None); } catch (Exception e) when (e is InvalidOperationException or System.Data.Common.DbException) { }
            db.ChangeTracker.Clear();
            db.NumbersAtCommit.Clear();
            throw;
        }
    }

    public static Task InTransactionAsync(this OneSealDb db, Func<Task> command, CancellationToken ct) =>
        db.InTransactionAsync(async () => { await command(); return true; }, ct);

    /// <summary>Saves the command's changes and appends its audit lines; commits too when no transaction was open.</summary>
    public static async Task CommitAsync(this OneSealDb db, CancellationToken ct)
    {
        var strategy = db.Database.CreateExecutionStrategy();
        await strategy.ExecuteAsync(async () =>
        {
            await using var tx = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(ct) : null;
            // The other changes first: the version-checked UPDATE of the case then holds the case's row lock before the
            // audit stream's head is locked, so a stale writer gets its 409 without queueing for the stream, and every
            // writer takes its row locks in the same order (entity rows, counters, then stream heads).
            var audit = AuditTrail.TakePending(db);
            await db.SaveChangesAsync(ct);
            await AuditChain.AppendAsync(db, audit, ct);
            // Document numbers last (Sequences.NumberAtCommit): their counter rows are locked only from here to COMMIT.
            if (await db.AssignNumbersAsync(ct)) await db.SaveChangesAsync(ct);
            if (tx is not null) await tx.CommitAsync(ct);
        });
    }
}
