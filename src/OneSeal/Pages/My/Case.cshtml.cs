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

namespace OneSeal.Pages.My;

/// <summary>
/// One of the applicant's cases: status, due date and how it was counted, form, materials, timeline; the correction
/// notice and the upload/submit form while the case is a draft or awaits correction; a pause or an extension with its
/// reasons; withdrawal until the case is decided; the certificate once issued.
/// </summary>
[Authorize(Roles = Roles.Applicant)]
[RequestFormLimits(MultipartBodyLengthLimit = MaterialUploads.MaxFormBytes)]
[RequestSizeLimit(MaterialUploads.MaxFormBytes)]
public sealed class CaseModel(CaseQueries queries, CaseCommands cases, IFileStore files, IStringLocalizer<Ui> t) : OneSealPageModel(t)
{
    public CaseQueries.CaseDetail? Detail { get; private set; }

    public DeadlineExplanation? Deadline { get; private set; }

    [BindProperty] public string? WithdrawReason { get; set; }
    [BindProperty] public string? CommitKind { get; set; }
    [BindProperty] public string? CommitText { get; set; }
    [BindProperty] public List<string>? CommitMaterials { get; set; }
    [BindProperty] public string? CommitSupplyBy { get; set; }

    /// <summary>Signed commitments (容缺受理 / 告知承诺) and whether the item allows approval on commitment.</summary>
    public IReadOnlyList<CaseQueries.CommitmentView> Commitments { get; private set; } = [];
    public bool CommitmentApproval { get; private set; }

    /// <summary>Materials still owed under a tolerance commitment while the case runs: the applicant supplies them here.</summary>
    public IReadOnlyList<string> OwedMaterials => Detail is { } d && CaseStatusLabels.Running.Contains(d.Case.Status) && d.Can(CaseAction.UploadMaterial)
        ? d.Context!.Owed.Select(m => m.Code).ToList()
        : [];
    [BindProperty] public bool WithdrawConfirm { get; set; }

    /// <summary>Withdrawal is open until the case is decided (or has ended).</summary>
    public bool CanWithdraw => Detail?.Can(CaseAction.Withdraw) == true;

    /// <summary>The applicant may still upload and submit (draft) or resubmit (after a correction notice).</summary>
    public bool CanSubmit => Detail?.Can(CaseAction.Submit) == true;

    /// <summary>承诺书 are signed before submission.</summary>
    public bool CanCommit => Detail?.Can(CaseAction.SignCommitment) == true;

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        if (await LoadAsync(id, ct) is { } notFound) return notFound;
        RestoreFlashedErrors();
        return Page();
    }

    /// <summary><c>/my/cases/{id}/certificate</c>: the electronic certificate, served by the seal's download route.</summary>
    public async Task<IActionResult> OnGetCertificateAsync(Guid id, CancellationToken ct)
    {
        if (await LoadAsync(id, ct) is { } notFound) return notFound;
        if (Detail!.Case.CertificateNumber is not { } number) return NotFoundPage(T["本办件尚未签发电子证照。"]);
        return Redirect($"/certificates/{Uri.EscapeDataString(number)}/download");
    }

    /// <summary><c>/my/cases/{id}/material/{materialId}</c>: a file the applicant uploaded.</summary>
    public Task<IActionResult> OnGetMaterialAsync(Guid id, Guid materialId, CancellationToken ct) =>
        MaterialFileAsync(queries, files, id, materialId, ct);

    /// <summary>Uploads the chosen files only (the case stays a draft / awaiting correction).</summary>
    public Task<IActionResult> OnPostUploadAsync(Guid id, int? version, CancellationToken ct) => UploadThenAsync(id, version, submit: false, ct);

    /// <summary>Uploads the chosen files, then submits (or resubmits after correction).</summary>
    public Task<IActionResult> OnPostSubmitAsync(Guid id, int? version, CancellationToken ct) => UploadThenAsync(id, version, submit: true, ct);

    /// <summary>签署承诺书: 容缺受理 (owe non-key materials until a date) or 告知承诺 (declare the conditions are met).</summary>
    public async Task<IActionResult> OnPostCommitAsync(Guid id, int? version, CancellationToken ct)
    {
        ClearErrors();
        if (await LoadAsync(id, ct) is { } notFound) return notFound;
        try
        {
            DateOnly? supplyBy = DateOnly.TryParse(CommitSupplyBy, System.Globalization.CultureInfo.InvariantCulture, out var d) ? d : null;
            if (CommitKind == "tolerance" && supplyBy is null)
                throw new InvalidInputException("supplyBy", "required", T["请选择补交日期。"]);
            await cases.CommitAsync(Me, id, CommitKind, CommitText, CommitMaterials, supplyBy, version, ct);
            Notify(CommitKind == "tolerance" ? T["已签署容缺受理承诺书，可以提交申请。"] : T["已签署告知承诺书。"]);
            return Redirect($"/my/cases/{id}");
        }
        catch (DomainException e)
        {
            AddDomainError(e, k => k switch { "kind" => "commit-kind", "text" => "commit-text", "materials" => "commit-materials", "supplyBy" => "commit-supply-by", _ => k });
            return await LoadAsync(id, ct) ?? Page();
        }
    }

    /// <summary>补交容缺材料 while the case runs.</summary>
    public Task<IActionResult> OnPostSupplyAsync(Guid id, int? version, CancellationToken ct) => UploadThenAsync(id, version, submit: false, ct);

    /// <summary>撤回申请: the applicant ends the case; it cannot be undone (a new application is needed).</summary>
    public async Task<IActionResult> OnPostWithdrawAsync(Guid id, int? version, CancellationToken ct)
    {
        ClearErrors();
        if (await LoadAsync(id, ct) is { } notFound) return notFound;
        if (!WithdrawConfirm)
        {
            AddError("withdraw-confirm", T["请勾选确认后再撤回申请。"]);
            return Page();
        }
        try
        {
            var done = await cases.WithdrawAsync(Me, id, WithdrawReason, version, ct);
            Notify(T["已撤回申请（办件 {0}），本办件终止办理。", done.CaseNumber]);
            return Redirect($"/my/cases/{id}");
        }
        catch (DomainException e)
        {
            AddDomainError(e, k => k == "reason" ? "withdraw-reason" : k);
            return await LoadAsync(id, ct) ?? Page();
        }
    }

    private async Task<IActionResult> UploadThenAsync(Guid id, int? version, bool submit, CancellationToken ct)
    {
        ClearErrors();
        if (await LoadAsync(id, ct) is { } notFound) return notFound;
        var c = Detail!.Case;
        var self = $"/my/cases/{id}";
        if (version is { } v && v != c.Version)
        {
            // Upload has no version check of its own: refuse the whole post when the page was stale.
            FlashErrors([("", T["该办件已被他人更新，请刷新后重试。"])]);
            return Redirect(self);
        }
        var resubmission = c.Status == CaseStatus.CorrectionRequested;
        try
        {
            var (uploaded, errors) = await MaterialUploads.UploadAsync(cases, Me, id, Detail.ItemMaterials, Request.Form.Files, ct);
            if (errors.Count > 0)
            {
                FlashErrors(errors);
                if (uploaded > 0) Notify(T["已上传 {0} 个文件，其余文件未能上传。", uploaded]);
                return Redirect(self);
            }
            if (!submit)
            {
                Notify(uploaded > 0 ? T["已上传 {0} 个文件。", uploaded] : T["没有选择要上传的文件。"]);
                return Redirect(self);
            }
            await cases.SubmitAsync(Me, id, null, ct);
            Notify(resubmission ? T["补正材料已提交，等待窗口重新审核。"] : T["申请已提交，等待窗口受理。"]);
        }
        catch (DomainException e)
        {
            FlashErrors(Messages(e, k => k.StartsWith("form.", StringComparison.Ordinal) ? "" : k));
        }
        return Redirect(self);
    }

    private async Task<IActionResult?> LoadAsync(Guid id, CancellationToken ct)
    {
        try
        {
            Detail = await queries.GetAsync(Me, id, ct);
            // This page is the applicant's; staff and monitors have their own workbenches.
            if (!OneSeal.Cases.Rules.CaseAccess.ReadsAsApplicant(Me, Detail.Case)) return NotFoundPage(T["办件不存在或无权查看。"]);
            Deadline = await queries.ExplainDeadlineAsync(Me, id, ct);
            (Commitments, CommitmentApproval) = await queries.CommitmentsAsync(Me, id, ct);
            return null;
        }
        catch (NotFoundException e)
        {
            return NotFoundPage(e.Message);
        }
    }
}
