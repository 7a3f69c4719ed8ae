using Microsoft.EntityFrameworkCore;
using OneSeal.Organisation.Auditing;
using OneSeal.Platform.Database;

namespace OneSeal.Cases;

/// <summary>The audit trail keeps a case by its id; the auditor searches and reads it by its case number.</summary>
internal sealed class CaseAuditNames(OneSealDb db) : IAuditEntityNames
{
    public string EntityType => "case";

    public async Task<string?> IdOfAsync(string name, CancellationToken ct) =>
        (await db.Set<Case>().AsNoTracking().Where(c => c.CaseNumber == name).Select(c => (Guid?)c.Id).SingleOrDefaultAsync(ct))?.ToString();

    public async Task<IReadOnlyDictionary<string, string>> NamesAsync(IReadOnlyCollection<string> ids, CancellationToken ct)
    {
        var guids = ids.Select(i => Guid.TryParse(i, out var g) ? g : Guid.Empty).Where(g => g != Guid.Empty).ToList();
        return await db.Set<Case>().AsNoTracking().Where(c => guids.Contains(c.Id))
            .ToDictionaryAsync(c => c.Id.ToString(), c => c.CaseNumber, ct);
    }
}
