using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using OneSeal.Platform.Database;
using OneSeal.Platform.Http;
using OneSeal.Platform.Security;

namespace OneSeal.Platform.Audit;

public static class AuditTrail
{
    /// <summary>Adds an entry to the unit of work; <see cref="UnitOfWork.CommitAsync"/> appends it to its entity's stream.</summary>
    public static void Audit(this OneSealDb db, Actor? actor, string action, string entityType, string entityId, string? detail, DateTimeOffset at) =>
        db.Set<AuditEntry>().Add(new AuditEntry
        {
            At = Time.Instants.Truncate(at),
            ActorId = actor?.Id,
            ActorName = actor?.Username ?? "system",
            Action = action,
            EntityType = entityType,
            // What a stranger typed (a username on a failed sign-in) is kept as a bounded, storable prefix.
            EntityId = TextRules.Prefix(entityId, MaxEntityId),
            Detail = detail is null ? null : TextRules.Prefix(detail, MaxDetail),
        });

    /// <summary>The column sizes of <c>audit_entries.entity_id</c> and <c>detail</c>.</summary>
    public const int MaxEntityId = 64, MaxDetail = 4000;

    /// <summary>
    /// Takes the entries added in this unit of work out of EF's hands, in the order they were added: they are chained and
    /// written by <see cref="AuditChain"/> after the unit's other changes are saved.
    /// </summary>
    internal static List<AuditEntry> TakePending(OneSealDb db)
    {
        var pending = db.ChangeTracker.Entries<AuditEntry>().Where(e => e.State == EntityState.Added).ToList();
        foreach (var e in pending) e.State = EntityState.Detached;
        return pending.Select(e => e.Entity).ToList();
    }

    /// <summary>
    /// The entry's hash. Entries written before migration 0009 (no stream position) keep the form they were hashed in;
    /// stream entries also hash their position, so renumbering one is caught at that entry.
    /// </summary>
    public static string HashOf(AuditEntry e)
    {
        var text = string.Join('\u001f', e.PrevHash, e.At.UtcTicks.ToString(CultureInfo.InvariantCulture), e.ActorId?.ToString() ?? "",
            e.ActorName, e.Action, e.EntityType, e.EntityId, e.Detail ?? "");
        if (e.StreamSeq is { } seq) text += '\u001f' + seq.ToString(CultureInfo.InvariantCulture);
        return Sha256Hex(text);
    }

    internal static string Sha256Hex(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    /// <summary>Checks every entry, stream head, anchor and anchor signature; see <see cref="AuditVerifier"/>.</summary>
    public static Task<AuditVerification> VerifyAsync(OneSealDb db, AuditKeys keys, CancellationToken ct) => AuditVerifier.VerifyAsync(db, keys, ct);
}

/// <summary>
/// The result of a verification. <paramref name="FirstBrokenId"/> is the lowest id of an entry found broken (null when
/// the damage has no entry to point at, such as a stream cut short or an anchor rewritten); <paramref name="Problem"/>
/// says what was found, <see cref="ProblemZh"/> the same in Chinese.
/// </summary>
public sealed record AuditVerification(bool Intact, long Entries, long? FirstBrokenId, string? Problem = null)
{
    public long Anchors { get; init; }
    public string? ProblemZh { get; init; }
}
