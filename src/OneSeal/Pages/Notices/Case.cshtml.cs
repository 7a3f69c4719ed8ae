using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using OneSeal.Notices;
using OneSeal.Platform.Http;
using OneSeal.Resources;

namespace OneSeal.Pages.Notices;

/// <summary>A case's written notices on their own page, for whoever may see the case (applicant, handling staff, monitoring).</summary>
[Authorize]
public sealed class CaseModel(NoticeQueries notices, IStringLocalizer<Ui> t) : OneSealPageModel(t)
{
    public CaseNotices? Case { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        try
        {
            Case = await notices.CaseAsync(Me, id, ct);
            return Page();
        }
        catch (NotFoundException e)
        {
            return NotFoundPage(e.Message);
        }
    }
}
