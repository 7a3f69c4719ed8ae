using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using OneSeal.Documents;
using OneSeal.Organisation;
using OneSeal.Platform.Http;
using OneSeal.Resources;

namespace OneSeal.Pages.Admin;

/// <summary>
/// 文书生成情况: certificates and notices whose PDF does not exist yet, failed ones first with their error, and a 重试
/// button that renders a failed one now (the outbox retries it anyway, with back-off). A case never waits for these.
/// </summary>
[Authorize(Roles = Roles.Admin)]
public sealed class DocumentsModel(DocumentRegisters registers, IStringLocalizer<Ui> t) : OneSealPageModel(t)
{
    public const int Shown = 200;

    public IReadOnlyList<UnissuedDocument> Documents { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostRetryAsync(DocumentKind kind, Guid id, CancellationToken ct)
    {
        ClearErrors();
        try
        {
            var number = await registers.RetryAsync(kind, id, Me, ct);
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

    private async Task LoadAsync(CancellationToken ct) => Documents = await registers.UnissuedAsync(Shown, ct);
}
