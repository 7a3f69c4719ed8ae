using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using OneSeal.Cases;
using OneSeal.Cases.WalkIn;
using OneSeal.Catalog;
using OneSeal.Hall.Intake;
using OneSeal.Hall.Seats;
using OneSeal.Hall.WalkIn;
using OneSeal.Notices;
using OneSeal.Organisation;
using OneSeal.Organisation.Applicants;
using OneSeal.Platform.Http;
using OneSeal.Platform.Time;
using OneSeal.Resources;

namespace OneSeal.Pages.Hall;

/// <summary>
/// 窗口工作台: the screen a clerk keeps open all day. The current visitor (found by ID number or credit code, or
/// recorded on the spot), their cases, the items this window takes, the item's form and materials with paper checks,
/// and one button that files, submits and accepts (or requests correction, or refuses) in the same visit; the receipt
/// then opens in its print view.
/// </summary>
[Authorize(Roles = Roles.Clerk)]
[RequestFormLimits(MultipartBodyLengthLimit = MaterialUploads.MaxFormBytes)]
[RequestSizeLimit(MaterialUploads.MaxFormBytes)]
public sealed class WindowModel(HallWindows hall, WindowDesk desk, WalkInApplicants applicants, CatalogQueries catalog, CaseCommands cases,
    NoticeQueries notices, TimeProvider clock, IStringLocalizer<Ui> t) : OneSealPageModel(t)
{
    public MySeat Seat { get; private set; } = new(null, null, null, null);
    public IntakeSeat? Intake { get; private set; }
    public IReadOnlyList<DeskItem> Items { get; private set; } = [];
    public ApplicantRecord? Visitor { get; private set; }
    public IReadOnlyList<Case> VisitorCases { get; private set; } = [];
    public CatalogQueries.ItemGuide? Guide { get; private set; }
    public Dictionary<string, string?> Values { get; } = new(StringComparer.Ordinal);

    /// <summary>The lookup found nobody: the record form opens with what was typed.</summary>
    public bool NobodyFound { get; private set; }
    [BindProperty] public string? Kind { get; set; }
    [BindProperty] public string? Code { get; set; }
    [BindProperty] public string? Name { get; set; }
    [BindProperty] public string? Phone { get; set; }
    [BindProperty] public string? LegalRepresentative { get; set; }

    public async Task<IActionResult> OnGetAsync(Guid? applicantId, string? item, CancellationToken ct)
    {
        RestoreFlashedErrors();
        return await LoadAsync(applicantId, item, ct) ?? Page();
    }

    public async Task<IActionResult> OnPostFindAsync(CancellationToken ct)
    {
        ClearErrors();
        try
        {
            var enterprise = Kind == "enterprise";
            var found = await applicants.FindAsync(Me, enterprise ? null : Code, enterprise ? Code : null, ct);
            if (found.Count > 0) return Redirect($"/hall/window?applicantId={found[0].Id}");
            NobodyFound = true;
        }
        catch (DomainException e)
        {
            AddDomainError(e, k => k is "idNumber" or "uscc" ? "Code" : k);
        }
        return await LoadAsync(null, null, ct) ?? Page();
    }

    public async Task<IActionResult> OnPostRecordAsync(CancellationToken ct)
    {
        ClearErrors();
        var enterprise = Kind == "enterprise";
        try
        {
            var (record, created) = await applicants.RecordAsync(Me,
                new WalkInRequest(Kind, Name, enterprise ? null : Code, enterprise ? Code : null, Phone, LegalRepresentative), ct);
            Notify(created ? T["已登记申请人 {0}。", record.Name] : T["该证件号码已有申请人记录（{0}），已直接调出。", record.Name]);
            return Redirect($"/hall/window?applicantId={record.Id}");
        }
        catch (DomainException e)
        {
            NobodyFound = true;
            AddDomainError(e, k => k is "idNumber" or "uscc" ? "Code" : k switch { "name" => "Name", "phone" => "Phone", "legalRepresentative" => "LegalRepresentative", _ => k });
        }
        return await LoadAsync(null, null, ct) ?? Page();
    }

    /// <summary>Files the case for the visitor, uploads the materials with their paper checks, submits, and answers it at once.</summary>
    public async Task<IActionResult> OnPostFileAsync(Guid applicantId, string item, string? outcome, string? reason, string? note, List<string>? missing, CancellationToken ct)
    {
        ClearErrors();
        if (await LoadAsync(applicantId, item, ct) is { } stop) return stop;
        if (Guide is null) return Page();
        foreach (var f in Guide.FormFields)
            Values[f.Key] = Request.Form[$"form.{f.Key}"].ToString() is { Length: > 0 } v ? v : null;
        // Everything the visit needs is checked before anything is written: the form complete, the materials chosen.
        try
        {
            FormValidator.Validate(Guide.FormFields, Values, LegalDates.Today(clock), requireAll: true);
        }
        catch (DomainException e)
        {
            AddDomainError(e);
            return Page();
        }
        foreach (var m in Guide.Materials.Where(m => m.Required && m.Source != MaterialSource.CertificateLibrary))
            if (Request.Form.Files.GetFile(MaterialUploads.InputName(m.Code)) is not { Length: > 0 })
                AddError(MaterialUploads.InputName(m.Code), T["请扫描或上传“{0}”。", m.Name]);
        if (outcome == "refuse" && string.IsNullOrWhiteSpace(reason)) AddError("reason", T["不予受理须写明理由。"]);
        if (outcome == "correct" && (missing is null || missing.Count == 0)) AddError("missing", T["请勾选需要补正的材料。"]);
        if (HasErrors) return Page();

        Case c;
        try
        {
            c = await cases.FileAtWindowAsync(Me, item, applicantId, Values, ct);
        }
        catch (DomainException e)
        {
            AddDomainError(e);
            return Page();
        }
        try
        {
            var (_, errors) = await MaterialUploads.UploadAsync(cases, Me, c.Id, Guide.Materials, Request.Form.Files, ct,
                m => Request.Form[$"paper_{m.Code}"].ToString() == "copy" ? PaperCheck.Copy : PaperCheck.Original);
            if (errors.Count > 0)
            {
                FlashErrors(errors);
                Notify(T["办件 {0} 已保存，但有材料未能上传，请在办件页补充。", c.CaseNumber]);
                return Redirect($"/hall/cases/{c.Id}");
            }
            await cases.SubmitAsync(Me, c.Id, null, ct);
            var kind = outcome switch
            {
                "correct" => NoticeKind.CorrectionRequest,
                "refuse" => NoticeKind.Refusal,
                _ => NoticeKind.Acceptance,
            };
            _ = kind switch
            {
                NoticeKind.CorrectionRequest => await cases.RequestCorrectionAsync(Me, c.Id, missing, note, null, ct),
                NoticeKind.Refusal => await cases.RefuseAsync(Me, c.Id, reason, null, ct),
                _ => await cases.AcceptAsync(Me, c.Id, null, ct),
            };
            var receipt = (await notices.ListAsync(Me, c.Id, ct)).LastOrDefault(n => n.Kind == kind.ToString());
            Notify(T["办件 {0}：{1}。", c.CaseNumber, T[NoticeKinds.Title(kind)]]);
            return Redirect(receipt is null ? $"/hall/cases/{c.Id}" : $"/hall/notices/{receipt.Id}/print");
        }
        catch (DomainException e)
        {
            FlashErrors(Messages(e));
            Notify(T["办件 {0} 已保存，但尚未办结本次受理，请在办件页继续。", c.CaseNumber]);
            return Redirect($"/hall/cases/{c.Id}");
        }
    }

    private async Task<IActionResult?> LoadAsync(Guid? applicantId, string? item, CancellationToken ct)
    {
        try
        {
            Seat = await hall.MineAsync(Me, ct);
            (Intake, Items) = await desk.ItemsAsync(Me, ct);
            if (Intake is null) return null;
            if (applicantId is { } id)
            {
                Visitor = await applicants.GetAsync(Me, id, ct);
                VisitorCases = await desk.VisitorCasesAsync(Me, id, ct);
            }
            if (Visitor is not null && item is not null && Items.Any(i => i.Code == item))
                Guide = await catalog.GuideAsync(item, ct);
            return null;
        }
        catch (NotFoundException e)
        {
            return NotFoundPage(e.Message);
        }
        catch (ForbiddenException)
        {
            return Forbid();
        }
    }
}
