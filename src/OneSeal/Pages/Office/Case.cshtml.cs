using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using OneSeal.Cases;
using OneSeal.Organisation;
using OneSeal.Platform.Http;
using OneSeal.Platform.Storage;
using OneSeal.Resources;

namespace OneSeal.Pages.Office;

/// <summary>
/// An accepted case in the back office: the reviewer records an opinion and a recommendation; the chief decides.
/// Separation of duties is enforced by <see cref="CaseCommands"/>; its refusals are shown as an alert.
/// </summary>
[Authorize(Roles = Roles.Reviewer + "," + Roles.Chief)]
public sealed class CaseModel(CaseQueries queries, CaseCommands cases, IFileStore files, IStringLocalizer<Ui> t) : OneSealPageModel(t)
{
    public CaseQueries.CaseDetail? Detail { get; private set; }

    [BindProperty] public string? Opinion { get; set; }
    [BindProperty] public string? Recommend { get; set; }
    [BindProperty] public string? Approve { get; set; }
    [BindProperty] public string? Reason { get; set; }
    [BindProperty] public int? Version { get; set; }

    public bool CanReview => Detail?.Case.Status == CaseStatus.Accepted && Me.Has(Roles.Reviewer);
    public bool CanDecide => Detail?.Case.Status == CaseStatus.Reviewed && Me.Has(Roles.Chief);

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        ClearErrors();
        return await LoadAsync(id, ct) ?? Page();
    }

    /// <summary><c>/office/cases/{id}/materials/{materialId}</c>: streams an uploaded file.</summary>
    public Task<IActionResult> OnGetMaterialsAsync(Guid id, Guid materialId, CancellationToken ct) =>
        MaterialFileAsync(queries, files, id, materialId, ct);

    public Task<IActionResult> OnPostReviewAsync(Guid id, CancellationToken ct) =>
        ActAsync(id, async () =>
        {
            var done = await cases.ReviewAsync(Me, id, Opinion, Recommend, Version, ct);
            return T["已提交审查意见（办件 {0}），转科长决定。", done.CaseNumber];
        }, ct);

    public Task<IActionResult> OnPostDecideAsync(Guid id, CancellationToken ct) =>
        ActAsync(id, async () =>
        {
            bool? approve = Approve switch { "true" => true, "false" => false, _ => null };
            var done = await cases.DecideAsync(Me, id, approve, Reason, Version, ct);
            return done.Approved == true
                ? T["已作出准予许可决定（办件 {0}），电子证照已签发。", done.CaseNumber]
                : T["已作出不予许可决定（办件 {0}）。", done.CaseNumber];
        }, ct);

    private async Task<IActionResult> ActAsync(Guid id, Func<Task<string>> action, CancellationToken ct)
    {
        ClearErrors();
        if (await LoadAsync(id, ct) is { } notFound) return notFound;
        try
        {
            Notify(await action());
            return Redirect("/office");
        }
        catch (DomainException e)
        {
            AddDomainError(e, k => k == "reason" ? "decision-reason" : k);
            return await LoadAsync(id, ct) ?? Page();
        }
    }

    private async Task<IActionResult?> LoadAsync(Guid id, CancellationToken ct)
    {
        try
        {
            Detail = await queries.GetAsync(Me, id, ct);
            return null;
        }
        catch (NotFoundException e)
        {
            return NotFoundPage(e.Message);
        }
    }
}
