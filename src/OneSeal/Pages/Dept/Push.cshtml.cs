using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using OneSeal.Organisation;
using OneSeal.Platform.Http;
using OneSeal.Platform.Time;
using OneSeal.Resources;
using OneSeal.Supervision;
using OneSeal.Supervision.Pushes;
using OneSeal.Supervision.Records;

namespace OneSeal.Pages.Dept;

/// <summary>
/// One claimed push (<c>/dept/pushes/{id}</c>): its records so far and the form for a new one (日常检查 / 双随机抽查 / 整改 /
/// 立案: date, inspectors, findings, result, attachments); saving reports it back to the bureau.
/// </summary>
[Authorize(Roles = Roles.DepartmentStaff)]
[RequestSizeLimit(MaxFormBytes)]
public sealed class PushModel(PushCommands pushes, RecordCommands records, SupervisionQueries queries, TimeProvider clock, IStringLocalizer<Ui> t)
    : OneSealPageModel(t)
{
    public const long MaxFormBytes = RecordCommands.MaxFiles * RecordCommands.MaxFileBytes + 1024 * 1024;

    public PushView? Push { get; private set; }
    public IReadOnlyList<RecordView> Records { get; private set; } = [];
    public DateOnly Today => LegalDates.Today(clock);

    [BindProperty] public string? Kind { get; set; }
    [BindProperty] public string? CheckedOn { get; set; }
    [BindProperty] public string? Inspectors { get; set; }
    [BindProperty] public string? Findings { get; set; }
    [BindProperty] public string? Result { get; set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        ClearErrors();
        CheckedOn ??= Today.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        return await LoadAsync(id, ct) ?? Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, List<IFormFile>? attachments, CancellationToken ct)
    {
        ClearErrors();
        if (await LoadAsync(id, ct) is { } notFound) return notFound;
        var files = (attachments ?? []).Where(f => f.Length > 0 || !string.IsNullOrEmpty(f.FileName)).ToList();
        var streams = files.Select(f => f.OpenReadStream()).ToList();
        try
        {
            var saved = await records.AddAsync(Me, id, new RecordInput(Kind, CheckedOn, Inspectors, Findings, Result),
                files.Select((f, i) => new RecordFile(f.FileName, streams[i], f.Length)).ToList(), ct);
            Notify(T["已录入{0}记录并反馈审批局（办件 {1}）。", T[RecordLabels.Of(saved.Kind)], Push!.CaseNumber]);
            return Redirect("/dept");
        }
        catch (DomainException e)
        {
            AddDomainError(e);
            return await LoadAsync(id, ct) ?? Page();
        }
        finally
        {
            foreach (var s in streams) await s.DisposeAsync();
        }
    }

    private async Task<IActionResult?> LoadAsync(Guid id, CancellationToken ct)
    {
        try
        {
            Push = await pushes.GetAsync(Me, id, ct);
            Records = (await queries.ForCaseAsync(Push.CaseId, ct)).Pushes.Where(p => p.Push.Id == id).SelectMany(p => p.Records).ToList();
            return null;
        }
        catch (NotFoundException e)
        {
            return NotFoundPage(e.Message);
        }
    }
}
