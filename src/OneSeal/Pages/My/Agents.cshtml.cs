using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using OneSeal.Organisation;
using OneSeal.Organisation.Applicants;
using OneSeal.Platform.Http;
using OneSeal.Platform.Security;
using OneSeal.Resources;

namespace OneSeal.Pages.My;

/// <summary>经办人授权: an enterprise authorises, lists and revokes its agents; a citizen sees whom they may act for.</summary>
[Authorize(Roles = Roles.Applicant)]
public sealed class AgentsModel(Agents agents, IStringLocalizer<Ui> t) : OneSealPageModel(t)
{
    [BindProperty] public string? AgentPhone { get; set; }
    [BindProperty] public string? AgentIdNumber { get; set; }
    [BindProperty] public DateOnly? EndsOn { get; set; }

    public MyAgentsView View { get; private set; } = new([], []);
    public bool Enterprise => Me.Kind == AccountKind.Enterprise;

    public async Task OnGetAsync(CancellationToken ct)
    {
        ClearErrors();
        View = await agents.ListAsync(Me, ct);
    }

    public async Task<IActionResult> OnPostGrantAsync(CancellationToken ct)
    {
        ClearErrors();
        try
        {
            var grant = await agents.GrantAsync(Me, new GrantAgentRequest(AgentPhone, AgentIdNumber, EndsOn), ct);
            Notify(T["已授权 {0} 为经办人，至 {1} 止。", grant.AgentName, grant.EndsOn.ToString("yyyy-MM-dd")]);
            return RedirectToPage();
        }
        catch (DomainException e)
        {
            AddDomainError(e, key => key switch { "phone" => "agentPhone", "idNumber" => "agentIdNumber", _ => key });
            View = await agents.ListAsync(Me, ct);
            return Page();
        }
    }

    public async Task<IActionResult> OnPostRevokeAsync(Guid id, CancellationToken ct)
    {
        await agents.RevokeAsync(Me, id, ct);
        Notify(T["已撤销该经办人授权。"]);
        return RedirectToPage();
    }
}
