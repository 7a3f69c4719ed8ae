using Microsoft.EntityFrameworkCore;
using OneSeal.Cases;
using OneSeal.Cases.Rules;
using OneSeal.Platform.Database;
using OneSeal.Platform.Http;
using OneSeal.Platform.Security;

namespace OneSeal.Cases.WindowChief;

public sealed record PreReviewView(Guid Id, DateTimeOffset At, string ReviewerName, IReadOnlyList<string> Items, string? Note);
public sealed record PreReviewRequest(IReadOnlyList<string?>? Items, string? Note);

/// <summary>The pre-reviews of a case, newest first: the applicant and whoever may see the case read them.</summary>
public sealed class PreReviewQueries(OneSealDb db)
{
    public async Task<IReadOnlyList<PreReviewView>> ForCaseAsync(Actor actor, Guid caseId, CancellationToken ct)
    {
        var c = await db.Set<Case>().AsNoTracking().FirstOrDefaultAsync(x => x.Id == caseId, ct) ?? throw new NotFoundException("办件不存在或无权查看。");
        CaseAccess.EnsureCanView(actor, c);
        var rows = await db.Set<CasePreReview>().AsNoTracking().Where(p => p.CaseId == caseId).OrderByDescending(p => p.At).ToListAsync(ct);
        return rows.Select(p => new PreReviewView(p.Id, p.At, p.ReviewerName, p.Items, p.Note)).ToList();
    }
}
