using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using OneSeal.Cases;
using OneSeal.Cases.Api;
using OneSeal.Cases.Machine;
using OneSeal.Organisation;
using OneSeal.Platform.Http;
using OneSeal.Platform.Storage;
using OneSeal.Resources;
using OneSeal.Supervision;

namespace OneSeal.Pages.Office;

/// <summary>
/// An accepted case in the back office: the reviewer records an opinion and a recommendation; the chief decides.
/// While the case runs, reviewer or chief stops the clock (期限中止, Art. 45) and resumes it; the chief extends the
/// limit once (Art. 42) or ends the review (终止审查). Separation of duties and data scope are enforced by
/// <see cref="CaseCommands"/>; its refusals are shown as an alert, field problems next to the field.
/// </summary>
[Authorize(Roles = Roles.Reviewer + "," + Roles.Chief + "," + Roles.DepartmentStaff)]
public sealed class CaseModel(CaseQueries queries, CaseCommands cases, IFileStore files, SupervisionQueries supervision, IStringLocalizer<Ui> t)
    : OneSealPageModel(t)
{
    public CaseQueries.CaseDetail? Detail { get; private set; }

    [BindProperty] public string? Opinion { get; set; }
    [BindProperty] public string? Recommend { get; set; }
    [BindProperty] public string? Approve { get; set; }
    [BindProperty] public string? Reason { get; set; }
    [BindProperty] public int? Version { get; set; }
    [BindProperty] public string? PauseKind { get; set; }
    [BindProperty] public string? PauseReason { get; set; }
    [BindProperty] public string? PauseDays { get; set; }
    [BindProperty] public string? ExtensionReason { get; set; }
    [BindProperty] public string? TerminationReason { get; set; }
    [BindProperty] public string? RevocationReason { get; set; }

    /// <summary>issue 13 — the pushes to the supervising department, its records and verifications (department staff read the case too).</summary>
    public CaseSupervision? Supervised { get; private set; }
    public bool CanRevoke => Can(CaseAction.Revoke);

    public DeadlineExplanation? Deadline { get; private set; }

    // What to offer comes from the case machine (CaseQueries.CaseDetail.Actions): the page spells no rule of its own.
    public bool CanReview => Can(CaseAction.Review);
    public bool CanDecide => Can(CaseAction.Approve) || Can(CaseAction.Deny);
    public bool CanSuspend => Can(CaseAction.Suspend);
    public bool CanResume => Can(CaseAction.Resume);
    public bool CanExtend => Can(CaseAction.Extend);
    /// <summary>An extension already granted is shown beside the clock while the case runs.</summary>
    public bool ShowExtension => CanExtend || (Detail is { } d && d.Case.ExtensionDays > 0 && CaseStatusLabels.Running.Contains(d.Case.Status));
    public bool CanTerminate => Can(CaseAction.Terminate);
    public bool HasAnyAction => CanReview || CanDecide || CanSuspend || CanResume || ShowExtension || CanTerminate || CanRevoke;

    private bool Can(CaseAction action) => Detail?.Can(action) == true;

    private string Self(Guid id) => $"/office/cases/{id}";

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        ClearErrors();
        return await LoadAsync(id, ct) ?? Page();
    }

    /// <summary><c>/office/cases/{id}/materials/{materialId}</c>: streams an uploaded file.</summary>
    public Task<IActionResult> OnGetMaterialsAsync(Guid id, Guid materialId, CancellationToken ct) =>
        MaterialFileAsync(queries, files, id, materialId, ct);

    /// <summary>issue 13 — <c>/office/cases/{id}/attachments/{attachmentId}</c>: a supervision record's file, to whoever may see the case.</summary>
    public async Task<IActionResult> OnGetAttachmentsAsync(Guid id, Guid materialId, CancellationToken ct)
    {
        if (await LoadAsync(id, ct) is { } notFound) return notFound;
        return await supervision.AttachmentAsync(id, materialId, ct) is { } a
            ? File(files.OpenRead(a.StorageKey), "application/octet-stream", a.FileName)
            : NotFoundPage(T["附件不存在。"]);
    }

    public Task<IActionResult> OnPostReviewAsync(Guid id, CancellationToken ct) =>
        ActAsync(id, async () =>
        {
            var done = await cases.ReviewAsync(Me, id, Opinion, Recommend, Version, ct);
            return T["已提交审查意见（办件 {0}），转科长决定。", done.CaseNumber];
        }, ct, k => k);

    public Task<IActionResult> OnPostDecideAsync(Guid id, CancellationToken ct) =>
        ActAsync(id, async () =>
        {
            bool? approve = Approve switch { "true" => true, "false" => false, _ => null };
            var done = await cases.DecideAsync(Me, id, approve, Reason, Version, ct);
            return done.Approved == true
                ? T["已作出准予许可决定（办件 {0}），电子证照已签发。", done.CaseNumber]
                : T["已作出不予许可决定（办件 {0}）。", done.CaseNumber];
        }, ct, ReasonField("decision-reason"));

    /// <summary>期限中止 (Art. 45): the clock stops; the page stays on the case and shows the pause.</summary>
    public Task<IActionResult> OnPostSuspendAsync(Guid id, CancellationToken ct) =>
        ActAsync(id, async () =>
        {
            var done = await cases.SuspendAsync(Me, id, PauseKind, PauseReason, CaseDisplay.WholeNumber(PauseDays), Version, ct);
            return T["已中止审批期限（办件 {0}），中止期间不计入办结期限。", done.CaseNumber];
        }, ct, k => k switch { "kind" => "pause-kind", "reason" => "pause-reason", "expectedDays" => "pause-days", _ => k }, Self(id));

    /// <summary>恢复审查: the pause ends today and the due date moves later by the working days it took.</summary>
    public Task<IActionResult> OnPostResumeAsync(Guid id, CancellationToken ct) =>
        ActAsync(id, async () =>
        {
            var done = await cases.ResumeAsync(Me, id, Version, ct);
            return T["已恢复审查（办件 {0}），办结期限顺延至 {1}。", done.CaseNumber, CaseDisplay.Date(done.DueDate)];
        }, ct, k => k, Self(id));

    /// <summary>延长审批期限 (Art. 42): once, by the chief, with reasons the applicant is told.</summary>
    public Task<IActionResult> OnPostExtendAsync(Guid id, CancellationToken ct) =>
        ActAsync(id, async () =>
        {
            var done = await cases.ExtendAsync(Me, id, ExtensionReason, Version, ct);
            return T["已延长审批期限 {0} 个工作日（办件 {1}），办结期限延至 {2}。", done.ExtensionDays, done.CaseNumber, CaseDisplay.Date(done.DueDate)];
        }, ct, ReasonField("extension-reason"), Self(id));

    /// <summary>终止审查: the case ends without a decision on the merits.</summary>
    public Task<IActionResult> OnPostTerminateAsync(Guid id, CancellationToken ct) =>
        ActAsync(id, async () =>
        {
            var done = await cases.TerminateAsync(Me, id, TerminationReason, Version, ct);
            return T["已终止审查（办件 {0}）。", done.CaseNumber];
        }, ct, ReasonField("termination-reason"));

    /// <summary>issue 13 — 撤销行政许可 (Art. 69) by the chief, with its sealed decision; e.g. after a verification found 不属实.</summary>
    public Task<IActionResult> OnPostRevokeAsync(Guid id, CancellationToken ct) =>
        ActAsync(id, async () =>
        {
            var done = await cases.RevokeAsync(Me, id, RevocationReason, Version, ct);
            return T["已撤销行政许可（办件 {0}），证照同时撤销，已推送监管部门。", done.CaseNumber];
        }, ct, ReasonField("revocation-reason"), Self(id));

    /// <summary>Service messages name the API field <c>reason</c>; on this page each form has its own reason box.</summary>
    private static Func<string, string> ReasonField(string id) => k => k == "reason" ? id : k;

    private async Task<IActionResult> ActAsync(Guid id, Func<Task<string>> action, CancellationToken ct, Func<string, string> mapKey, string redirectTo = "/office")
    {
        ClearErrors();
        if (await LoadAsync(id, ct) is { } notFound) return notFound;
        try
        {
            Notify(await action());
            return Redirect(redirectTo);
        }
        catch (DomainException e)
        {
            AddDomainError(e, mapKey);
            return await LoadAsync(id, ct) ?? Page();
        }
    }

    private async Task<IActionResult?> LoadAsync(Guid id, CancellationToken ct)
    {
        try
        {
            Detail = await queries.GetAsync(Me, id, ct);
            Deadline = await queries.ExplainDeadlineAsync(Me, id, ct);
            Supervised = await supervision.ForCaseAsync(id, ct);
            return null;
        }
        catch (NotFoundException e)
        {
            return NotFoundPage(e.Message);
        }
    }
}
