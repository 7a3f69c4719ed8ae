using OneSeal.Platform.Database;
using OneSeal.Platform.Security;

namespace OneSeal.Notices;

/// <summary>The case a notice belongs to, as far as its heading needs it.</summary>
public sealed record NoticeCase(Guid CaseId, string CaseNumber, string ItemName);

/// <summary>
/// What the notices need to know of cases, answered by their owner (Cases implements it): notices sit below cases and
/// read no case table, and who may see a case is decided in one place.
/// </summary>
public interface INoticeCases
{
    /// <summary>Whether the case exists, in <paramref name="db"/>'s unit of work (a case filed in the same command) or stored.</summary>
    Task<bool> ExistsAsync(OneSealDb db, Guid caseId, CancellationToken ct);

    /// <summary>The case if <paramref name="actor"/> may see it; else 404, the same answer as for a case that does not exist.</summary>
    Task<NoticeCase> VisibleAsync(OneSealDb db, Actor actor, Guid caseId, CancellationToken ct);
}
