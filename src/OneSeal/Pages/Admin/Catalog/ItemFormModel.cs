using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using OneSeal.Catalog;
using OneSeal.Catalog.Editing;
using OneSeal.Organisation;
using OneSeal.Platform.Http;
using OneSeal.Resources;

namespace OneSeal.Pages.Admin.Catalog;

/// <summary>
/// What the new-item and edit pages share: the whole <see cref="ItemDraftInput"/> bound from the form, rows of materials,
/// steps and form fields added or removed by their own submit buttons (no script needed), the choices of the selects,
/// and the editor's problems placed beside their inputs.
/// </summary>
public abstract class ItemFormModel(CatalogEditor editor, CatalogAdminQueries queries, IStringLocalizer<Ui> t) : OneSealPageModel(t)
{
    protected CatalogEditor Editor { get; } = editor;
    protected CatalogAdminQueries Queries { get; } = queries;

    [BindProperty] public ItemDraftInput Input { get; set; } = new();

    /// <summary>The button pressed: save, submit, return, publish, discard, create, add-material, remove-material-2 ….</summary>
    [BindProperty] public string? Command { get; set; }

    /// <summary>发布 date (YYYY-MM-DD); today when empty.</summary>
    [BindProperty] public string? EffectiveFrom { get; set; }

    public IReadOnlyList<Agency> Agencies { get; private set; } = [];
    public IReadOnlyList<Theme> Themes { get; private set; } = [];
    public IReadOnlyList<MaterialType> MaterialTypes { get; private set; } = [];

    /// <summary>True on the new-item page: the code may be typed; on the edit page it is fixed.</summary>
    public abstract bool IsNew { get; }

    /// <summary>The open draft's version and status, when there is one (edit page).</summary>
    public int? DraftVersion { get; protected set; }
    public ItemVersionStatus? DraftStatus { get; protected set; }

    /// <summary>Fields are read-only while the version is in review: it is returned to draft first.</summary>
    public bool ReadOnly => DraftStatus == ItemVersionStatus.InReview;

    protected async Task LoadChoicesAsync(CancellationToken ct)
    {
        var (agencies, themes, types) = await Queries.ChoicesAsync(ct);
        (Agencies, Themes, MaterialTypes) = (agencies, themes, types);
        Input = Input with
        {
            Materials = Input.Materials ?? [], Steps = Input.Steps ?? [], FormFields = Input.FormFields ?? [],
            JointDepartments = Input.JointDepartments ?? [], Themes = Input.Themes ?? [],
        };
    }

    /// <summary>
    /// Adds or removes a row when <see cref="Command"/> asks for it; true when the command was a row edit (the page is shown
    /// again, nothing saved). Set <see cref="DraftStatus"/> first: a version in review gets no rows added or removed.
    /// </summary>
    protected bool EditRows()
    {
        var command = Command ?? "";
        if (!command.StartsWith("add-", StringComparison.Ordinal) && !command.StartsWith("remove-", StringComparison.Ordinal)) return false;
        if (ReadOnly)
        {
            // The buttons are not shown in review; a post that presses one anyway changes nothing either.
            AddError("", T["审核中的版本不能修改；如需修改，请先退回。"]);
            return true;
        }
        if (command == "add-material") Input.Materials!.Add(new MaterialInput { Required = true, Copies = 1, Source = nameof(MaterialSource.Applicant), Form = nameof(MaterialForm.Both) });
        else if (command == "add-step") Input.Steps!.Add(new StepInput { Kind = nameof(ItemStepKind.SiteInspection), SharePercent = 0, StopsClock = true });
        else if (command == "add-field") Input.FormFields!.Add(new FormFieldInput { Type = nameof(FormFieldType.Text) });
        else if (!RemoveRow(command, "remove-material-", Input.Materials!) && !RemoveRow(command, "remove-step-", Input.Steps!)
            && !RemoveRow(command, "remove-field-", Input.FormFields!)) return false;
        // Row indices moved: the values in ModelState would be shown at the wrong rows.
        ClearErrors();
        return true;
    }

    private static bool RemoveRow<TRow>(string command, string prefix, List<TRow> rows)
    {
        if (!command.StartsWith(prefix, StringComparison.Ordinal) || !int.TryParse(command[prefix.Length..], out var i)) return false;
        if (i >= 0 && i < rows.Count) rows.RemoveAt(i);
        return true;
    }

    /// <summary>Shows a rule's problems beside the inputs they name.</summary>
    protected void ShowProblems(DomainException e) => AddDomainError(e, ProblemKeys.ToInput);

    public static string IdFor(string name) => CaseDisplay.IdFor(name);
}
