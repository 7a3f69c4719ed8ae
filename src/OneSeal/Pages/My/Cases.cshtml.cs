using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Localization;
using OneSeal.Cases;
using OneSeal.Organisation;
using OneSeal.Resources;

namespace OneSeal.Pages.My;

/// <summary>我的办件: the applicant's own cases, newest first (an enterprise's include those its agents filed for it).</summary>
[Authorize(Roles = Roles.Applicant)]
public sealed class CasesModel(CaseQueries queries, IStringLocalizer<Ui> t) : OneSealPageModel(t)
{
    public IReadOnlyList<Case> Cases { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => Cases = await queries.MineAsync(Me, ct);

    /// <summary>issue 10 — a case the enterprise's agent (经办人) filed for it: the list names the agent.</summary>
    public bool FiledByAgent(Case c) => c.ApplicantAccountId != Me.Id;
}
