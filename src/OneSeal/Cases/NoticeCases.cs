using Microsoft.EntityFrameworkCore;
using OneSeal.Cases.Rules;
using OneSeal.Notices;
using OneSeal.Platform.Database;
using OneSeal.Platform.Http;
using OneSeal.Platform.Security;

namespace OneSeal.Cases;

/// <summary>Answers the notices capability about cases (<see cref="INoticeCases"/>): existence, and who may see one.</summary>
internal sealed class NoticeCases : INoticeCases
{
    public async Task<bool> ExistsAsync(OneSealDb db, Guid caseId, CancellationToken ct) =>
        db.Set<Case>().Local.Any(c => c.Id == caseId) || await db.Set<Case>().AnyAsync(c => c.Id == caseId, ct);

    public async Task<NoticeCase> VisibleAsync(OneSealDb db, Actor actor, Guid caseId, CancellationToken ct)
    {
        var c = await db.Set<Case>().AsNoTracking().FirstOrDefaultAsync(x => x.Id == caseId, ct)
            ?? throw new NotFoundException("办件不存在或无权查看。");
        CaseAccess.EnsureCanView(actor, c);
        return new NoticeCase(c.Id, c.CaseNumber, c.ItemName);
    }
}
