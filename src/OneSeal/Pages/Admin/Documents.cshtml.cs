using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using OneSeal.Documents;
using OneSeal.Notices;
using OneSeal.Organisation;
using OneSeal.Platform.Audit;
using OneSeal.Platform.Database;
using OneSeal.Platform.Http;
using OneSeal.Platform.Time;
using OneSeal.Resources;
using OneSeal.Seal;

namespace OneSeal.Pages.Admin;

/// <summary>
/// 文书生成情况: certificates and notices whose PDF does not exist yet, failed ones first with their error, and a 重试
/// button that renders a failed one now (the outbox retries it anyway, with back-off). A case never waits for these.
/// </summary>
[Authorize(Roles = Roles.Admin)]
public sealed class DocumentsModel(OneSealDb db, NoticeQueries notices, CertificateRegistry certificates, INoticeIssuer noticeIssuer,
    TimeProvider clock, IStringLocalizer<Ui> t) : OneSealPageModel(t)
{
    public const int Shown = 200;

    public IReadOnlyList<UnissuedDocument> Documents { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostRetryAsync(DocumentKind kind, Guid id, CancellationToken ct)
    {
        ClearErrors();
        try
        {
            var now = clock.Now();
            var number = kind == DocumentKind.Certificate
                ? (await CertificateRenders.RetryAsync(db, id, now, ct)).Number
                : (await noticeIssuer.RetryAsync(db, id, now, ct)).Number;
            db.Audit(Me, "document.retry", kind == DocumentKind.Certificate ? "certificate" : "case_notice", number, "管理员要求重新生成 PDF", now);
            await db.CommitAsync(ct);
            TempData[NoticeKey] = T["{0} 已重新排队生成。", number].Value;
            return RedirectToPage();
        }
        catch (DomainException e)
        {
            AddDomainError(e);
        }
        await LoadAsync(ct);
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct) =>
        Documents = (await certificates.UnissuedPdfsAsync(Shown, ct)).Concat(await notices.UnissuedAsync(Shown, ct))
            .OrderByDescending(d => d.Failed).ThenBy(d => d.Since).Take(Shown).ToList();
}
