using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using OneSeal.Catalog.Reviews;
using OneSeal.Organisation;
using OneSeal.Platform.Http;
using OneSeal.Resources;
using OneSeal.Supervision.Policies;

namespace OneSeal.Pages.Dept;

/// <summary>
/// 政策文件 for a department (<c>/dept/policies</c>): publish a policy document or standard to the bureau (title, 文号,
/// date, summary, attachments, the items it touches) and follow whether the bureau signed for it.
/// </summary>
[Authorize(Roles = Roles.DepartmentStaff)]
[RequestFormLimits(MultipartBodyLengthLimit = 210 * 1024 * 1024)]
[RequestSizeLimit(210 * 1024 * 1024)]
public sealed class PoliciesModel(PolicyCommands commands, PolicyQueries queries, ItemReviews reviews, IStringLocalizer<Ui> t) : OneSealPageModel(t)
{
    public IReadOnlyList<PolicyView> Documents { get; private set; } = [];
    public IReadOnlyList<(string Code, string Name)> Items { get; private set; } = [];
    public int AckDays => commands.AckWorkingDays;

    [BindProperty] public string? Title { get; set; }
    [BindProperty] public string? DocumentNumber { get; set; }
    [BindProperty] public string? IssuedOn { get; set; }
    [BindProperty] public string? Summary { get; set; }
    [BindProperty] public List<string> ItemCodes { get; set; } = [];
    [BindProperty] public string? OtherCodes { get; set; }
    [BindProperty] public List<IFormFile> Attachments { get; set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        ClearErrors();
        await LoadAsync(ct);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        ClearErrors();
        var codes = ItemCodes.Concat((OtherCodes ?? "").Split([',', '，', '、', ';', '；', ' ', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries))
            .Select(c => (string?)c).ToList();
        var uploads = Attachments.Select(f => new PolicyUpload(f.FileName, f.Length, f.OpenReadStream)).ToList();
        try
        {
            var created = await commands.PublishAsync(Me, new PolicyInput(Title, DocumentNumber, IssuedOn, Summary, codes), uploads, ct);
            Notify(T["已发布，审批局应在 {0} 前签收。", CaseDisplay.Date(created.AckDueOn)]);
            return Redirect("/dept/policies");
        }
        catch (DomainException e)
        {
            AddDomainError(e, key => key switch
            {
                "title" => "Title", "documentNumber" => "DocumentNumber", "issuedOn" => "IssuedOn", "summary" => "Summary",
                "itemCodes" => "ItemCodes", "attachments" => "Attachments", _ => key,
            });
        }
        await LoadAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnGetAttachmentAsync(Guid id, Guid file, CancellationToken ct)
    {
        var (row, content) = await queries.AttachmentAsync(Me, id, file, ct);
        return File(content, row.ContentType, row.FileName);
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        Documents = await queries.ListAsync(Me, null, ct);
        Items = Me.WorkUnitId is { } unit ? await reviews.DepartmentItemsAsync(unit, ct) : [];
    }

    public string StateLabel(string state) => state switch
    {
        "acknowledged" => T["已签收"],
        "overdue" => T["逾期未签收"],
        _ => T["待签收"],
    };
}
