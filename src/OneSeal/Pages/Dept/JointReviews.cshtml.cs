using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using OneSeal.Cases.WindowChief;
using OneSeal.Organisation;
using OneSeal.Platform.Http;
using OneSeal.Resources;

namespace OneSeal.Pages.Dept;

/// <summary>
/// 联审会签 for a department (<c>/dept/joint-reviews</c>): the requests a window chief sent to the reader's department,
/// open and overdue first, each answered once with an opinion and agree / disagree.
/// </summary>
[Authorize(Roles = Roles.DepartmentStaff)]
public sealed class JointReviewsModel(JointReviewQueries queries, WindowChiefCommands chief, IStringLocalizer<Ui> t) : OneSealPageModel(t)
{
    public IReadOnlyList<JointReviewView> Requests { get; private set; } = [];

    [BindProperty] public Guid RequestId { get; set; }
    [BindProperty] public string? Opinion { get; set; }
    [BindProperty] public string? Agree { get; set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        ClearErrors();
        Requests = await queries.ListAsync(Me, false, ct);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        ClearErrors();
        try
        {
            bool? agree = Agree switch { "true" => true, "false" => false, _ => null };
            var answered = await chief.AnswerAsync(Me, RequestId, Opinion, agree, ct);
            Notify(T["会签意见已答复（{0}）。", agree == true ? T["同意"] : T["不同意"]]);
            return Redirect("/dept/joint-reviews");
        }
        catch (DomainException e)
        {
            AddDomainError(e, key => $"{key}-{RequestId:N}");
        }
        Requests = await queries.ListAsync(Me, false, ct);
        return Page();
    }
}
