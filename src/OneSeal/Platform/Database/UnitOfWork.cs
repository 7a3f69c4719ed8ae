using Microsoft.EntityFrameworkCore;
using OneSeal.Platform.Audit;

namespace OneSeal.Platform.Database;

/// <summary>One command, one transaction: everything a command changed, its timeline and its audit lines commit together or not at all.</summary>
public static class UnitOfWork
{
    // Serialises audit-chain appends on PostgreSQL (SQLite transactions are IMMEDIATE and already serial).
    private const long AuditLockKey = 0x0_5EA1_0002;

    public static async Task CommitAsync(this OneSealDb db, CancellationToken ct)
    {
        var strategy = db.Database.CreateExecutionStrategy();
        await strategy.ExecuteAsync(async () =>
        {
            await using var tx = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(ct) : null;
            if (db.IsPostgres && db.ChangeTracker.Entries<AuditEntry>().Any(e => e.State == EntityState.Added))
                await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({AuditLockKey})", ct);
            await AuditTrail.ChainPendingAsync(db, ct);
            await db.SaveChangesAsync(ct);
            if (tx is not null) await tx.CommitAsync(ct);
        });
    }
}
