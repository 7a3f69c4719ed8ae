using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using OneSeal.Catalog;
using OneSeal.Catalog.Editing;
using OneSeal.Organisation;
using OneSeal.Platform.Http;
using OneSeal.Platform.Time;
using OneSeal.Resources;

namespace OneSeal.Pages.Admin.Catalog;

/// <summary>
/// 编辑事项: the open draft of an item (or, when none is open, the latest version, saved as the next version's draft),
/// and the steps of its life: 保存草稿, 提交审核, 退回修改, 发布 (with an effective date), 放弃草稿.
/// </summary>
[Authorize(Roles = Roles.Admin)]
public sealed class EditModel(CatalogEditor editor, CatalogAdminQueries queries, TimeProvider clock, IStringLocalizer<Ui> t)
    : ItemFormModel(editor, queries, t)
{
    public override bool IsNew => false;

    public string Code { get; private set; } = "";

    /// <summary>The signed-in administrator submitted the version in review, so another must publish it (四眼原则).</summary>
    public bool SubmittedByMe { get; private set; }

    /// <summary>The version a save starts when no draft is open.</summary>
    public int? LatestVersion { get; private set; }

    /// <summary>The revision of the open draft this form was filled from: a save over someone else's newer save is refused.</summary>
    [BindProperty]
    public int? DraftRevision { get; set; }

    public async Task<IActionResult> OnGetAsync(string code, CancellationToken ct)
    {
        Code = code;
        if (!await LoadDraftAsync(code, fillInput: true, ct)) return NotFoundPage(T["事项“{0}”不存在。", code]);
        EffectiveFrom = LegalDates.Today(clock).ToString("yyyy-MM-dd");
        RestoreFlashedErrors();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string code, CancellationToken ct)
    {
        Code = code;
        Input = Input with { Code = code };
        // The draft's status first: a version in review is read-only here as in the API.
        if (!await LoadDraftAsync(code, fillInput: false, ct)) return NotFoundPage(T["事项“{0}”不存在。", code]);
        if (EditRows()) return Page();
        ClearErrors();
        try
        {
            var self = $"/admin/catalog/{Uri.EscapeDataString(code)}/edit";
            switch (Command)
            {
                case "save":
                    var saved = await Editor.SaveDraftAsync(Me, Input, ct, DraftRevision);
                    Notify(T["第{0}版草稿已保存。", saved.Version]);
                    return Redirect(self);
                case "submit":
                    await SaveIfDraftAsync(code, ct);
                    var submitted = await Editor.SubmitAsync(Me, code, ct);
                    Notify(T["第{0}版已提交审核。", submitted.Version]);
                    return Redirect(self);
                case "return":
                    var returned = await Editor.ReturnAsync(Me, code, ct);
                    Notify(T["第{0}版已退回修改。", returned.Version]);
                    return Redirect(self);
                case "publish":
                    var published = await Editor.PublishAsync(Me, code, ParseDate(EffectiveFrom), ct);
                    Notify(T["第{0}版已发布，自 {1} 起施行。", published.Version, published.EffectiveFrom?.ToString("yyyy-MM-dd") ?? ""]);
                    return Redirect($"/admin/catalog/{Uri.EscapeDataString(code)}");
                case "discard":
                    await Editor.DiscardAsync(Me, code, ct);
                    Notify(T["草稿已放弃。"]);
                    return Redirect(await Queries.LatestAsInputAsync(code, ct) is null ? "/admin/catalog" : $"/admin/catalog/{Uri.EscapeDataString(code)}");
                default:
                    AddError("", T["未知的操作。"]);
                    break;
            }
        }
        catch (DomainException e)
        {
            ShowProblems(e);
        }
        await LoadDraftAsync(code, fillInput: false, ct);
        return Page();
    }

    /// <summary>提交审核 saves what is on the screen first, unless the version is already in review (then nothing is editable).</summary>
    private async Task SaveIfDraftAsync(string code, CancellationToken ct)
    {
        var open = await Editor.OpenDraftAsync(code, ct);
        if (open?.Status != ItemVersionStatus.InReview) await Editor.SaveDraftAsync(Me, Input, ct, DraftRevision);
    }

    /// <summary>Reads the open draft (status, version) and, when asked, fills the form from it or from the latest version; false when the item does not exist.</summary>
    private async Task<bool> LoadDraftAsync(string code, bool fillInput, CancellationToken ct)
    {
        var draft = await Queries.DraftAsync(Me, code, ct);
        var latest = await Queries.HistoryOrEmptyAsync(Me, code, ct);
        if (draft is null && latest.Count == 0) return false;
        LatestVersion = latest.Count > 0 ? latest[0].Version : null;
        DraftVersion = draft?.Draft.Version;
        DraftStatus = draft?.Draft.Status;
        SubmittedByMe = draft?.Draft.SubmittedById == Me.Id;
        if (fillInput)
        {
            Input = draft?.Input ?? await Queries.LatestAsInputAsync(code, ct) ?? new ItemDraftInput { Code = code };
            DraftRevision = draft?.Draft.Revision;
        }
        await LoadChoicesAsync(ct);
        return true;
    }

    private static DateOnly? ParseDate(string? value) =>
        string.IsNullOrWhiteSpace(value) ? null : OneSeal.Calendar.CalendarApi.ParseDate("effectiveFrom", value.Trim());
}
