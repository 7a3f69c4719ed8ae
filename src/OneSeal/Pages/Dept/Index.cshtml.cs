using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using OneSeal.Organisation;
using OneSeal.Platform.Http;
using OneSeal.Resources;
using OneSeal.Supervision.Pushes;
using OneSeal.Supervision.Verification;

namespace OneSeal.Pages.Dept;

/// <summary>
/// 部门监管工作台 (<c>/dept</c>, issue 13): the department's pushes to claim (yellow on the last day), overdue (red) and
/// claimed, with 认领 and the way to record supervision; its 告知承诺 verifications with 属实 / 不属实.
/// </summary>
[Authorize(Roles = Roles.DepartmentStaff)]
public sealed class IndexModel(PushCommands pushes, VerificationCommands verifications, IStringLocalizer<Ui> t) : OneSealPageModel(t)
{
    public IReadOnlyList<PushView> Pushes { get; private set; } = [];
    public IReadOnlyList<VerificationView> Verifications { get; private set; } = [];

    [BindProperty] public Guid PushId { get; set; }
    [BindProperty] public Guid TaskId { get; set; }
    [BindProperty] public string? Result { get; set; }
    [BindProperty] public string? Note { get; set; }

    public IEnumerable<PushView> InState(string state) => Pushes.Where(p => p.State == state);

    public async Task OnGetAsync(CancellationToken ct)
    {
        ClearErrors();
        await LoadAsync(ct);
    }

    public async Task<IActionResult> OnPostClaimAsync(CancellationToken ct)
    {
        ClearErrors();
        try
        {
            var claimed = await pushes.ClaimAsync(Me, PushId, ct);
            Notify(T["已认领（办件 {0}），请开展监管并录入监管记录。", claimed.CaseNumber]);
            return Redirect("/dept");
        }
        catch (DomainException e)
        {
            AddDomainError(e, k => $"claim-{PushId:N}");
        }
        await LoadAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostVerifyAsync(CancellationToken ct)
    {
        ClearErrors();
        try
        {
            var done = await verifications.RecordResultAsync(Me, TaskId, Result, Note, ct);
            Notify(done.Truthful == true
                ? T["已记录核查结论：属实（办件 {0}）。", done.CaseNumber]
                : T["已记录核查结论：不属实（办件 {0}），已提请审批局撤销。", done.CaseNumber]);
            return Redirect("/dept");
        }
        catch (DomainException e)
        {
            AddDomainError(e, k => $"{(k == "note" ? "note" : "result")}-{TaskId:N}");
        }
        await LoadAsync(ct);
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        Pushes = await pushes.ListAsync(Me, null, ct);
        Verifications = await verifications.ListAsync(Me, ct);
    }
}
