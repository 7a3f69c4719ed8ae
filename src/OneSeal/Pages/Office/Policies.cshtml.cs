using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using OneSeal.Organisation;
using OneSeal.Platform.Http;
using OneSeal.Resources;
using OneSeal.Supervision.Policies;

namespace OneSeal.Pages.Office;

/// <summary>
/// 政策文件签收 (<c>/office/policies</c>): the section chief signs for the bureau the documents departments published,
/// overdue ones first and in red; signed ones below.
/// </summary>
[Authorize(Roles = Roles.Chief)]
public sealed class PoliciesModel(PolicyCommands commands, PolicyQueries queries, IStringLocalizer<Ui> t) : OneSealPageModel(t)
{
    public IReadOnlyList<PolicyView> Documents { get; private set; } = [];
    public int AckDays => commands.AckWorkingDays;

    [BindProperty] public Guid PolicyId { get; set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        ClearErrors();
        Documents = await queries.ListAsync(Me, null, ct);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        ClearErrors();
        try
        {
            var signed = await commands.AcknowledgeAsync(Me, PolicyId, queries, ct);
            Notify(T["已签收 {0}《{1}》。", signed.DocumentNumber, signed.Title]);
            return Redirect("/office/policies");
        }
        catch (DomainException e)
        {
            AddDomainError(e, _ => $"sign-{PolicyId:N}");
        }
        Documents = await queries.ListAsync(Me, null, ct);
        return Page();
    }

    public async Task<IActionResult> OnGetAttachmentAsync(Guid id, Guid file, CancellationToken ct)
    {
        var (row, content) = await queries.AttachmentAsync(Me, id, file, ct);
        return File(content, row.ContentType, row.FileName);
    }
}
