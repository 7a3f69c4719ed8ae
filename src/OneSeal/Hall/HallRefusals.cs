using OneSeal.Platform.Audit;
using OneSeal.Platform.Database;
using OneSeal.Platform.Http;
using OneSeal.Platform.Security;

namespace OneSeal.Hall;

/// <summary>
/// A refused hall action (a payment at the wrong window, a wrong pick-up code, a forged callback) writes nothing of its
/// own, but the attempt is kept: one audit line in a small transaction of its own, after the command rolled back.
/// </summary>
public static class HallRefusals
{
    /// <summary>Runs <paramref name="command"/> in one transaction; when it is refused, audits the attempt (<see cref="AuditAsync"/>) and rethrows.</summary>
    public static async Task<T> InTransactionAuditedAsync<T>(OneSealDb db, Actor? actor, string action, string entityType, string entityId, TimeProvider clock,
        Func<Task<T>> command, CancellationToken ct)
    {
        try
        {
            return await db.InTransactionAsync(command, ct);
        }
        catch (DomainException e)
        {
            await AuditAsync(db, actor, action, entityType, entityId, e, Platform.Time.Instants.Now(clock), ct);
            throw;
        }
    }

    public static async Task AuditAsync(OneSealDb db, Actor? actor, string action, string entityType, string entityId, DomainException refusal,
        DateTimeOffset now, CancellationToken ct, Action? alsoWrite = null)
    {
        db.ChangeTracker.Clear();
        var field = refusal is InvalidInputException i ? $"{i.Field} " : "";
        await db.InTransactionAsync(async () =>
        {
            alsoWrite?.Invoke();
            db.Audit(actor, action, entityType, entityId, $"{field}{refusal.Rule}: {refusal.Message}", now);
            await db.CommitAsync(ct);
        }, CancellationToken.None);
    }
}
