using Microsoft.EntityFrameworkCore;
using OneSeal.Platform.Audit;

namespace OneSeal.Platform.Database;

/// <summary>One command, one transaction: everything a command changed, its timeline and its audit lines commit together or not at all.</summary>
public static class UnitOfWork
{
    public static async Task CommitAsync(this OneSealDb db, CancellationToken ct)
    {
        var strategy = db.Database.CreateExecutionStrategy();
        await strategy.ExecuteAsync(async () =>
        {
            await using var tx = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(ct) : null;
            // The other changes first: the version-checked UPDATE of the case then holds the case's row lock before the
            // audit stream's head is locked, so a stale writer gets its 409 without queueing for the stream, and every
            // writer takes its row locks in the same order (entity rows, then stream heads).
            var audit = AuditTrail.TakePending(db);
            await db.SaveChangesAsync(ct);
            await AuditChain.AppendAsync(db, audit, ct);
            if (tx is not null) await tx.CommitAsync(ct);
        });
    }
}
