using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore;
using OneSeal.Platform.Database;
using OneSeal.Platform.Http;
using OneSeal.Platform.Security;
using OneSeal.Platform.Storage;

namespace OneSeal.Notices;

/// <summary>One line of a case's notices (API list and the <c>_CaseNotices</c> partial).</summary>
public sealed record NoticeSummary(Guid Id, Guid CaseId, string Kind, string Title, string Number, DateTimeOffset IssuedAt, string Status)
{
    [JsonIgnore]
    public bool Issued => Status == nameof(NoticeStatus.Issued);

    /// <summary>签发机关: whose seal the notice bears (the bureau, or the department for its items not transferred).</summary>
    public string? IssuerName { get; init; }

    /// <summary>The browser (cookie) download link of the PDF.</summary>
    [JsonIgnore]
    public string DownloadPath => $"/cases/{CaseId}/notices/{Id}/pdf";
}

/// <summary>A case with its notices, for the notices page.</summary>
public sealed record CaseNotices(Guid CaseId, string CaseNumber, string ItemName, IReadOnlyList<NoticeSummary> Notices);

/// <summary>A case's notices, seen by whoever may see the case (<see cref="INoticeCases.VisibleAsync"/>).</summary>
public sealed class NoticeQueries(OneSealDb db, IFileStore files, INoticeCases cases)
{
    /// <summary>The notices of a case the caller has already been allowed to see (the case pages), oldest first.</summary>
    public async Task<IReadOnlyList<NoticeSummary>> ForCaseAsync(Guid caseId, CancellationToken ct)
    {
        var rows = await db.Set<CaseNotice>().AsNoTracking()
            .Where(n => n.CaseId == caseId)
            .Select(n => new { n.Id, n.CaseId, n.Kind, n.Title, n.Number, n.IssuedAt, n.Status, n.IssuerName })
            .ToListAsync(ct);
        return rows.OrderBy(n => n.IssuedAt).ThenBy(n => n.Number, StringComparer.Ordinal)
            .Select(n => new NoticeSummary(n.Id, n.CaseId, n.Kind.ToString(), n.Title, n.Number, n.IssuedAt, n.Status.ToString()) { IssuerName = n.IssuerName })
            .ToList();
    }

    /// <summary>404 when the case does not exist or is not visible to <paramref name="actor"/> (the same answer, on purpose).</summary>
    public async Task<IReadOnlyList<NoticeSummary>> ListAsync(Actor actor, Guid caseId, CancellationToken ct)
    {
        await cases.VisibleAsync(db, actor, caseId, ct);
        return await ForCaseAsync(caseId, ct);
    }

    /// <summary>As <see cref="ListAsync"/>, with the case's number and item for a page heading.</summary>
    public async Task<CaseNotices> CaseAsync(Actor actor, Guid caseId, CancellationToken ct)
    {
        var c = await cases.VisibleAsync(db, actor, caseId, ct);
        return new CaseNotices(c.CaseId, c.CaseNumber, c.ItemName, await ForCaseAsync(caseId, ct));
    }

    /// <summary>The issued PDF; 404 as for the list, or when the notice is not the case's; 409 while it is not issued.</summary>
    public async Task<(CaseNotice Notice, byte[] Pdf)> PdfAsync(Actor actor, Guid caseId, Guid noticeId, CancellationToken ct)
    {
        await cases.VisibleAsync(db, actor, caseId, ct);
        var notice = await db.Set<CaseNotice>().AsNoTracking().SingleOrDefaultAsync(n => n.Id == noticeId && n.CaseId == caseId, ct)
            ?? throw new NotFoundException("文书不存在。");
        return notice.Status switch
        {
            NoticeStatus.Issued => (notice, await files.ReadAllBytesAsync(notice.PdfKey!, ct)),
            NoticeStatus.Failed => throw new ConflictException("notice-failed", $"文书 {notice.Number} 生成失败，请联系承办机构重新生成。"),
            _ => throw new ConflictException("notice-pending", $"文书 {notice.Number} 正在生成，请稍后再试。"),
        };
    }

    /// <summary>Notices not issued yet, failed ones first (administrators: <c>/admin/documents</c>).</summary>
    public async Task<IReadOnlyList<Documents.UnissuedDocument>> UnissuedAsync(int take, CancellationToken ct) =>
        (await db.Set<CaseNotice>().AsNoTracking()
            .Where(n => n.Status != NoticeStatus.Issued)
            .OrderByDescending(n => n.Status == NoticeStatus.Failed).ThenBy(n => n.IssuedAt).Take(take)
            .Select(n => new { n.Id, n.Number, n.Title, n.CaseId, n.CaseNumber, n.IssuedAt, n.Status, n.FailureReason })
            .ToListAsync(ct))
        .Select(n => new Documents.UnissuedDocument(Documents.DocumentKind.Notice, n.Id, n.Number, n.Title, n.CaseId, n.CaseNumber,
            n.IssuedAt, n.Status == NoticeStatus.Failed, n.FailureReason))
        .ToList();
}
