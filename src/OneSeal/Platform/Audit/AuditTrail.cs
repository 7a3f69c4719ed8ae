using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using OneSeal.Platform.Database;
using OneSeal.Platform.Security;

namespace OneSeal.Platform.Audit;

public static class AuditTrail
{
    private const string Genesis = "0000000000000000000000000000000000000000000000000000000000000000";

    /// <summary>Adds an entry to the unit of work; its hash is chained in <see cref="UnitOfWork.CommitAsync"/>.</summary>
    public static void Audit(this OneSealDb db, Actor? actor, string action, string entityType, string entityId, string? detail, DateTimeOffset at) =>
        db.Set<AuditEntry>().Add(new AuditEntry
        {
            At = Time.Instants.Truncate(at),
            ActorId = actor?.Id,
            ActorName = actor?.Username ?? "system",
            Action = action,
            EntityType = entityType,
            EntityId = entityId,
            Detail = detail,
        });

    /// <summary>Chains the pending entries after the last stored one. Callers hold the audit lock.</summary>
    internal static async Task ChainPendingAsync(OneSealDb db, CancellationToken ct)
    {
        var pending = db.ChangeTracker.Entries<AuditEntry>().Where(e => e.State == EntityState.Added).Select(e => e.Entity).ToList();
        if (pending.Count == 0) return;
        var prev = await db.Set<AuditEntry>().OrderByDescending(a => a.Id).Select(a => a.Hash).FirstOrDefaultAsync(ct) ?? Genesis;
        foreach (var entry in pending)
        {
            entry.PrevHash = prev;
            entry.Hash = HashOf(entry);
            prev = entry.Hash;
        }
    }

    public static string HashOf(AuditEntry e)
    {
        var text = string.Join('\u001f', e.PrevHash, e.At.UtcTicks.ToString(CultureInfo.InvariantCulture), e.ActorId?.ToString() ?? "",
            e.ActorName, e.Action, e.EntityType, e.EntityId, e.Detail ?? "");
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
    }

    /// <summary>Walks the whole chain in order; returns the id of the first broken entry, or null when intact.</summary>
    public static async Task<AuditVerification> VerifyAsync(OneSealDb db, CancellationToken ct)
    {
        var prev = Genesis;
        long count = 0;
        await foreach (var e in db.Set<AuditEntry>().AsNoTracking().OrderBy(a => a.Id).AsAsyncEnumerable().WithCancellation(ct))
        {
            if (e.PrevHash != prev || HashOf(e) != e.Hash) return new AuditVerification(false, count, e.Id);
            prev = e.Hash;
            count++;
        }
        return new AuditVerification(true, count, null);
    }
}

public sealed record AuditVerification(bool Intact, long Entries, long? FirstBrokenId);
