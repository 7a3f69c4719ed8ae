using Microsoft.EntityFrameworkCore;
using OneSeal.Platform.Database;
using OneSeal.Platform.Http;
using OneSeal.Platform.Security;

namespace OneSeal.Notices.Printing;

/// <summary>A notice as the print view shows it: its row, and the style sheet and body of the same HTML the PDF is rendered from.</summary>
public sealed record NoticePrintSheet(CaseNotice Notice, string Css, string Body);

/// <summary>
/// The print view of a notice (<c>/hall/notices/{id}/print</c>): the sealed notice as HTML, built from the notice's row
/// as the outbox builds the PDF (<see cref="NoticeDocument"/>), so it prints the moment the act that issued it commits,
/// before the PDF exists. Staff who may see the case only (asked of Cases, <see cref="INoticeCases.VisibleAsync"/>);
/// applicants keep their PDFs, and anyone else gets the case's answer: 404.
/// </summary>
public sealed class NoticePrint(OneSealDb db, NoticeOptions options, INoticeCases cases)
{
    public async Task<NoticePrintSheet> GetAsync(Actor actor, Guid noticeId, CancellationToken ct)
    {
        var notice = await VisibleAsync(actor, noticeId, ct);
        var (css, body) = NoticeDocument.Parts(NoticeRenderHandler.Sheet(notice, NoticeIssuer.FieldsOf(notice), options));
        return new NoticePrintSheet(notice, css, body);
    }

    /// <summary>The newest notice of <paramref name="kind"/> on the case (the one the act just issued), or null.</summary>
    public Task<CaseNotice?> LatestAsync(Guid caseId, NoticeKind kind, CancellationToken ct) =>
        db.Set<CaseNotice>().AsNoTracking().Where(n => n.CaseId == caseId && n.Kind == kind)
            .OrderByDescending(n => n.IssuedAt).ThenByDescending(n => n.Number).FirstOrDefaultAsync(ct);

    private async Task<CaseNotice> VisibleAsync(Actor actor, Guid noticeId, CancellationToken ct)
    {
        var missing = new NotFoundException("文书不存在或无权查看。");
        if (actor.Kind != AccountKind.Staff) throw missing;
        var notice = await db.Set<CaseNotice>().AsNoTracking().SingleOrDefaultAsync(n => n.Id == noticeId, ct) ?? throw missing;
        await cases.VisibleAsync(db, actor, notice.CaseId, ct);
        return notice;
    }
}
