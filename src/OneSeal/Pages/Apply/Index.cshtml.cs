using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using OneSeal.Cases;
using OneSeal.Catalog;
using OneSeal.Organisation;
using OneSeal.Platform.Security;
using OneSeal.Platform.Http;
using OneSeal.Platform.Time;
using OneSeal.Resources;

namespace OneSeal.Pages.Apply;

/// <summary>
/// The online application: the item's form fields and one file input per material in one multipart form.
/// "保存草稿" creates the case and uploads the chosen files; "提交申请" does the same, then submits. When the form comes
/// back with errors, the files chosen are not lost: they are saved as the materials of a draft (<see cref="DraftId"/>,
/// carried by the form), shown as already uploaded, and the draft's form is filled in once it is right.
/// </summary>
[Authorize(Roles = Roles.Applicant)]
[RequestFormLimits(MultipartBodyLengthLimit = MaterialUploads.MaxFormBytes)]
[RequestSizeLimit(MaterialUploads.MaxFormBytes)]
public sealed class IndexModel(CatalogQueries catalog, CaseCommands cases, CaseQueries caseQueries, TimeProvider clock, IStringLocalizer<Ui> t,
    Organisation.Applicants.Agents agents)
    : OneSealPageModel(t)
{
    /// <summary>issue 10 — the enterprise a citizen applies for as its agent (经办人); null: for themselves.</summary>
    [BindProperty] public Guid? ForEnterpriseId { get; set; }

    /// <summary>The enterprises that granted the signed-in citizen an active agent authorisation (the server checks again).</summary>
    public IReadOnlyList<(Guid Id, string Name)> ActingFor { get; private set; } = [];

    /// <summary>The item is for enterprises only: an agent must choose the enterprise (they cannot apply for themselves).</summary>
    public bool MustActForEnterprise { get; private set; }

    /// <summary>The draft holding the files of an earlier post of this form that came back with errors.</summary>
    [BindProperty] public Guid? DraftId { get; set; }

    /// <summary>That draft's case number and its materials (current files), shown as already uploaded.</summary>
    public string? DraftNumber { get; private set; }
    public IReadOnlyList<CaseMaterial> Uploaded { get; private set; } = [];

    public CatalogQueries.ItemGuide? Guide { get; private set; }

    /// <summary>What the applicant typed, kept when the form comes back with errors.</summary>
    public Dictionary<string, string?> Values { get; } = new(StringComparer.Ordinal);

    /// <summary>Set when the signed-in account cannot apply for this item (citizen vs enterprise).</summary>
    public string? ServiceObjectProblem { get; private set; }

    /// <summary>The item is a heading (主项) with sub-items: one applies for a sub-item, not for it.</summary>
    public bool IsHeading => Guide?.SubItems.Count > 0;

    public async Task<IActionResult> OnGetAsync(string code, CancellationToken ct)
    {
        ClearErrors();
        return await LoadAsync(code, ct) ?? Page();
    }

    public async Task<IActionResult> OnPostAsync(string code, string? intent, CancellationToken ct)
    {
        ClearErrors();
        if (await LoadAsync(code, ct) is { } missing) return missing;
        var guide = Guide!;
        // A heading (主项) takes no application: the page says which sub-item to choose instead.
        if (IsHeading) return Page();
        foreach (var f in guide.FormFields)
            Values[f.Key] = Request.Form[$"form.{f.Key}"].ToString() is { Length: > 0 } v ? v : null;
        var submit = intent == "submit";
        var draft = await KeptDraftAsync(guide, ct);

        // Submitting needs every required field: check before the form is written, so a wrong form is never submitted.
        if (submit)
        {
            try
            {
                FormValidator.Validate(guide.FormFields, Values, LegalDates.Today(clock), requireAll: true);
            }
            catch (InvalidInputsException e)
            {
                return await FormProblemAsync(e, draft, ct);
            }
        }

        Case created;
        try
        {
            created = draft is null
                ? await cases.CreateAsync(Me, guide.Item.Code, Values, ct, ForEnterpriseId)
                : await cases.UpdateDraftFormAsync(Me, draft.Id, Values, ct);
        }
        catch (DomainException e)
        {
            return await FormProblemAsync(e, draft, ct);
        }

        // From here the draft exists: problems are shown on its page, where the applicant can fix them.
        var (_, errors) = await MaterialUploads.UploadAsync(cases, Me, created.Id, guide.Materials, Request.Form.Files, ct);
        if (errors.Count > 0)
        {
            FlashErrors(errors);
            Notify(T["申请已保存为草稿（办件编号 {0}），但有材料未能上传，请按提示重新上传后提交。", created.CaseNumber]);
            return Redirect(CaseUrl(created));
        }
        if (!submit)
        {
            Notify(T["草稿已保存，办件编号 {0}。可以继续上传材料，然后提交申请。", created.CaseNumber]);
            return Redirect(CaseUrl(created));
        }
        try
        {
            await cases.SubmitAsync(Me, created.Id, null, ct);
            Notify(T["申请已提交，办件编号 {0}。窗口受理后开始计算办理时限。", created.CaseNumber]);
        }
        catch (DomainException e)
        {
            FlashErrors(Messages(e, k => k.StartsWith("form.", StringComparison.Ordinal) ? "" : k));
            Notify(T["申请已保存为草稿（办件编号 {0}），但尚未提交，请按提示补充后提交。", created.CaseNumber]);
        }
        return Redirect(CaseUrl(created));
    }

    private static string CaseUrl(Case c) => $"/my/cases/{c.Id}";

    /// <summary>
    /// The form comes back with its errors. Files chosen now are saved as materials of a draft (the one this form
    /// already keeps, or a new one with an empty form, filled in when the form is right), so they need not be chosen again.
    /// </summary>
    private async Task<IActionResult> FormProblemAsync(DomainException e, Case? draft, CancellationToken ct)
    {
        AddDomainError(e, k => k == "itemCode" ? "" : k);
        if (MaterialUploads.AnyChosen(Request.Form.Files))
        {
            try
            {
                draft ??= await cases.CreateAsync(Me, Guide!.Item.Code, new Dictionary<string, string?>(), ct, ForEnterpriseId);
                var (_, errors) = await MaterialUploads.UploadAsync(cases, Me, draft.Id, Guide!.Materials, Request.Form.Files, ct);
                foreach (var (key, message) in errors) AddError(key, message);
            }
            catch (DomainException)
            {
                // No draft can be made (e.g. the item may not be applied for by this account): its own error says why.
                AddError("", T["申请尚未保存，已选择的文件没有上传，请重新选择文件。"]);
            }
        }
        if (draft is not null) await ShowDraftAsync(draft.Id, ct);
        return Page();
    }

    /// <summary>The draft named by <see cref="DraftId"/> when it is still this applicant's unsubmitted draft of this item; otherwise none.</summary>
    private async Task<Case?> KeptDraftAsync(CatalogQueries.ItemGuide guide, CancellationToken ct)
    {
        if (DraftId is not { } id) return null;
        try
        {
            var c = (await caseQueries.GetAsync(Me, id, ct)).Case;
            if (c.ApplicantAccountId == Me.Id && c.Status == CaseStatus.Draft && c.ItemCode == guide.Item.Code) return c;
        }
        catch (DomainException)
        {
            // Gone or not ours: the form starts a new application.
        }
        DraftId = null;
        return null;
    }

    private async Task ShowDraftAsync(Guid id, CancellationToken ct)
    {
        var detail = await caseQueries.GetAsync(Me, id, ct);
        (DraftId, DraftNumber, Uploaded) = (id, detail.Case.CaseNumber, detail.Materials);
    }

    private async Task<IActionResult?> LoadAsync(string code, CancellationToken ct)
    {
        try
        {
            Guide = await catalog.GuideAsync(code, ct);
        }
        catch (NotFoundException e)
        {
            return NotFoundPage(e.Message);
        }
        var kind = Me.Kind;
        if (kind == AccountKind.Citizen && Guide.Item.ServiceObject != ServiceObject.Citizen)
            ActingFor = await agents.ActingForAsync(Me.Id, ct);
        MustActForEnterprise = Guide.Item.ServiceObject == ServiceObject.Enterprise && ActingFor.Count > 0;
        ServiceObjectProblem = Guide.Item.ServiceObject switch
        {
            ServiceObject.Citizen when kind != AccountKind.Citizen => T["本事项面向自然人，请使用个人账号申请。"].Value,
            ServiceObject.Enterprise when kind != AccountKind.Enterprise && !MustActForEnterprise => T["本事项面向法人，请使用企业账号申请。"].Value,
            _ => null,
        };
        return null;
    }
}
