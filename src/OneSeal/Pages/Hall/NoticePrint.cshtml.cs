using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using OneSeal.Notices.Printing;
using OneSeal.Organisation;
using OneSeal.Platform.Http;
using OneSeal.Resources;

namespace OneSeal.Pages.Hall;

/// <summary>
/// <c>/hall/notices/{noticeId}/print</c>: the sealed notice on an A4 sheet, with a 打印 button (<c>?auto=1</c> opens
/// the print dialog at once); <c>/style</c> is its style sheet, the one the PDF is rendered with.
/// </summary>
[Authorize]
public sealed class NoticePrintModel(NoticePrint print, IStringLocalizer<Ui> t) : OneSealPageModel(t)
{
    public NoticePrintSheet? Sheet { get; private set; }
    public bool AutoPrint { get; private set; }

    /// <summary>Where "back to the case" leads: the window's case page for a clerk, the office's for others.</summary>
    public string CasePath => Sheet is null ? "/" : (User.IsInRole(Roles.Clerk) ? "/hall/cases/" : "/office/cases/") + Sheet.Notice.CaseId;

    public async Task<IActionResult> OnGetAsync(Guid noticeId, string? auto, CancellationToken ct)
    {
        try
        {
            Sheet = await print.GetAsync(Me, noticeId, ct);
            AutoPrint = auto == "1";
            return Page();
        }
        catch (NotFoundException e)
        {
            return NotFoundPage(e.Message);
        }
    }

    public async Task<IActionResult> OnGetStyleAsync(Guid noticeId, CancellationToken ct)
    {
        try
        {
            return Content((await print.GetAsync(Me, noticeId, ct)).Css, "text/css; charset=utf-8");
        }
        catch (NotFoundException)
        {
            return NotFound();
        }
    }
}
