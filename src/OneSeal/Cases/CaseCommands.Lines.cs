using OneSeal.Platform.Security;

namespace OneSeal.Cases;

public sealed partial class CaseCommands
{
    /// <summary>
    /// A timeline line for an act a higher layer records about the case without changing its status (a fee paid, refunded
    /// or reduced): the case is locked and its version moves, inside the caller's transaction, which commits it together
    /// with its own rows and audit line.
    /// </summary>
    public async Task AddLineAsync(Guid caseId, Actor actor, string action, string note, DateTimeOffset now, CancellationToken ct)
    {
        if (db.Database.CurrentTransaction is null) throw new InvalidOperationException("A case line is written inside its command's transaction.");
        var c = await LoadAsync(caseId, ct);
        c.Touch();
        AddEvent(c, actor, action, note, c.Status, now);
    }
}
