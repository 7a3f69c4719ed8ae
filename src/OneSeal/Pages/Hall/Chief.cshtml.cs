using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using OneSeal.Cases.WindowChief;
using OneSeal.Hall.StandIn;
using OneSeal.Organisation;
using OneSeal.Platform.Http;
using OneSeal.Resources;

namespace OneSeal.Pages.Hall;

/// <summary>
/// 窗口负责人工作台 (<c>/hall/chief</c>): drafts to pre-review, joint reviews in progress and overdue, reassignment, A/B
/// absences; the 即办件 decision is posted here from the hall case page and returns there. Every power is checked by the
/// service (its grant), not by what the page shows.
/// </summary>
[Authorize(Roles = Roles.WindowChief)]
public sealed class ChiefModel(ChiefBoard board, WindowChiefCommands chief, WindowAbsences absences, IStringLocalizer<Ui> t) : OneSealPageModel(t)
{
    /// <summary>TempData key of a refused decision, shown by the case page's window-chief block.</summary>
    public const string DecisionErrorKey = "window-chief-error";

    public ChiefBoardView? Board { get; private set; }

    [BindProperty] public Guid CaseId { get; set; }
    [BindProperty] public int? Version { get; set; }
    [BindProperty] public string? Items { get; set; }
    [BindProperty] public string? Note { get; set; }
    [BindProperty] public List<string> Departments { get; set; } = [];
    [BindProperty] public int? DueInDays { get; set; }
    [BindProperty] public string? Question { get; set; }
    [BindProperty] public string? To { get; set; }
    [BindProperty] public string? Reason { get; set; }
    [BindProperty] public Guid WindowId { get; set; }
    [BindProperty] public string? Date { get; set; }
    [BindProperty] public string? Approve { get; set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        ClearErrors();
        Board = await board.LoadAsync(Me, ct);
        return Page();
    }

    public Task<IActionResult> OnPostPreReviewAsync(CancellationToken ct) => ActAsync(async () =>
    {
        var lines = (Items ?? "").Split('\n').Select(l => (string?)l.Trim()).Where(l => l!.Length > 0).ToList();
        await chief.PreReviewAsync(Me, CaseId, lines, Note, Version, ct);
        return T["预审意见已送达申请人（一次性告知修改）。"];
    }, "pre-review", ct);

    public Task<IActionResult> OnPostJointReviewAsync(CancellationToken ct) => ActAsync(async () =>
    {
        var made = await chief.RequestJointReviewAsync(Me, CaseId, Departments.Select(d => (string?)d).ToList(), DueInDays, Question, null, ct);
        return T["已向 {0} 个部门发起联审会签，请于 {1} 前答复。", made.Count, CaseDisplay.Date(made[0].DueOn)];
    }, "joint", ct);

    public Task<IActionResult> OnPostReassignAsync(CancellationToken ct) => ActAsync(async () =>
    {
        var c = await chief.ReassignAsync(Me, CaseId, To, Reason, null, ct);
        return T["办件 {0} 已改派。", c.CaseNumber];
    }, "reassign", ct);

    public Task<IActionResult> OnPostAbsenceAsync(CancellationToken ct) => ActAsync(async () =>
    {
        var a = await absences.MarkAsync(Me, WindowId, new AbsenceRequest(Date, Reason), ct);
        return T["已登记 {0} 窗口A岗 {1} {2} 缺岗，由B岗 {3} 代岗。", a.WindowNumber, a.AccountName, CaseDisplay.Date(a.Day), a.StandInName ?? "—"];
    }, "absence", ct);

    public Task<IActionResult> OnPostWithdrawAbsenceAsync(CancellationToken ct) => ActAsync(async () =>
    {
        var a = await absences.WithdrawAsync(Me, WindowId, Date, ct);
        return T["已撤销 {0} 窗口A岗 {1} {2} 的缺岗登记，B岗不再代岗。", a.WindowNumber, a.AccountName, CaseDisplay.Date(a.Day)];
    }, "absence", ct);

    /// <summary>即办件当场决定, posted from <c>/hall/cases/{id}</c>: back to the case either way (the refusal shown there).</summary>
    public async Task<IActionResult> OnPostDecideAsync(CancellationToken ct)
    {
        try
        {
            bool? approve = Approve switch { "true" => true, "false" => false, _ => null };
            var c = await chief.DecideAsync(Me, CaseId, approve, Reason, Version, ct);
            Notify(approve == true
                ? T["已当场准予许可（办件 {0}，证照编号 {1}），请打印决定书和证照交申请人。", c.CaseNumber, c.CertificateNumber ?? ""]
                : T["已当场作出不予许可决定（办件 {0}），请打印决定书交申请人。", c.CaseNumber]);
        }
        catch (DomainException e)
        {
            TempData[DecisionErrorKey] = ForPage(e.Message);
        }
        return Redirect($"/hall/cases/{CaseId}");
    }

    /// <summary>Runs one form's command; a refusal is shown next to that form's fields (keys prefixed by the form's name).</summary>
    private async Task<IActionResult> ActAsync(Func<Task<string>> action, string form, CancellationToken ct)
    {
        ClearErrors();
        try
        {
            Notify(await action());
            return Redirect("/hall/chief");
        }
        catch (DomainException e)
        {
            AddDomainError(e, key => key.Length == 0 ? "" : $"{form}-{key.Split('[')[0]}");
        }
        Board = await board.LoadAsync(Me, ct);
        return Page();
    }
}
