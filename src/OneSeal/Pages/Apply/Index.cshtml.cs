using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using OneSeal.Cases;
using OneSeal.Catalog;
using OneSeal.Organisation;
using OneSeal.Platform.Http;
using OneSeal.Platform.Time;
using OneSeal.Resources;

namespace OneSeal.Pages.Apply;

/// <summary>
/// The online application: the item's form fields and one file input per material in one multipart form.
/// "保存草稿" creates the case and uploads the chosen files; "提交申请" does the same, then submits.
/// </summary>
[Authorize(Roles = Roles.Applicant)]
[RequestFormLimits(MultipartBodyLengthLimit = MaterialUploads.MaxFormBytes)]
[RequestSizeLimit(MaterialUploads.MaxFormBytes)]
public sealed class IndexModel(CatalogQueries catalog, CaseCommands cases, TimeProvider clock, IStringLocalizer<Ui> t) : OneSealPageModel(t)
{
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
        var filesChosen = MaterialUploads.AnyChosen(Request.Form.Files);

        // Submitting needs every required field: check before anything is created, because a draft's form cannot be edited later.
        if (submit)
        {
            try
            {
                FormValidator.Validate(guide.FormFields, Values, LegalDates.Today(clock), requireAll: true);
            }
            catch (InvalidInputsException e)
            {
                return FormProblem(e, filesChosen);
            }
        }

        Case created;
        try
        {
            created = await cases.CreateAsync(Me, guide.Item.Code, Values, ct);
        }
        catch (DomainException e)
        {
            return FormProblem(e, filesChosen);
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

    private IActionResult FormProblem(DomainException e, bool filesChosen)
    {
        AddDomainError(e, k => k == "itemCode" ? "" : k);
        if (filesChosen) AddError("", T["申请尚未保存，已选择的文件没有上传，请重新选择文件。"]);
        return Page();
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
        ServiceObjectProblem = Guide.Item.ServiceObject switch
        {
            ServiceObject.Citizen when kind != AccountKind.Citizen => T["本事项面向自然人，请使用个人账号申请。"].Value,
            ServiceObject.Enterprise when kind != AccountKind.Enterprise => T["本事项面向法人，请使用企业账号申请。"].Value,
            _ => null,
        };
        return null;
    }

    public static string InputType(FormFieldType type) => type switch
    {
        FormFieldType.Phone => "tel",
        FormFieldType.Date => "date",
        _ => "text",
    };
}
