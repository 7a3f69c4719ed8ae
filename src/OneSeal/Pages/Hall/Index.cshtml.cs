using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Localization;
using OneSeal.Cases;
using OneSeal.Organisation;
using OneSeal.Platform.Http;
using OneSeal.Resources;

namespace OneSeal.Pages.Hall;

/// <summary>受理工作台: submitted cases of the clerk's organisation, oldest first.</summary>
[Authorize(Roles = Roles.Clerk)]
public sealed class IndexModel(CaseQueries queries, IStringLocalizer<Ui> t) : OneSealPageModel(t)
{
    public IReadOnlyList<Case> Queue { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        try
        {
            Queue = await queries.QueueAsync(Me, [CaseStatus.Submitted], ct);
        }
        catch (ForbiddenException e)
        {
            AddDomainError(e);
        }
    }
}
