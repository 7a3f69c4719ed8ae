using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Localization;
using OneSeal.Cases.Search;
using OneSeal.Organisation;
using OneSeal.Platform.Http;
using OneSeal.Resources;

namespace OneSeal.Pages.Hall;

/// <summary><c>/hall/search?q=</c>: one box for a case number, an ID number or USCC, a mobile number or a name; the box decides which.</summary>
[Authorize(Roles = Roles.Clerk)]
public sealed class SearchModel(CaseSearch search, IStringLocalizer<Ui> t) : OneSealPageModel(t)
{
    public CaseSearchView View { get; private set; } = CaseSearchView.Empty;

    public async Task OnGetAsync(string? q, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(q)) return;
        CaseSearchCriterion? criterion = null;
        try
        {
            criterion = CaseSearchCriterion.Guess(q, search.Today);
            View = new CaseSearchView(q, criterion, await search.FindAsync(Me, criterion, ct), null);
        }
        catch (DomainException e)
        {
            View = new CaseSearchView(q, criterion, null, e.Message);
        }
    }
}
