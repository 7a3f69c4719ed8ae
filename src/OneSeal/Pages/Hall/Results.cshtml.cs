using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using OneSeal.Counter.Results;
using OneSeal.Hall.Seats;
using OneSeal.Organisation;
using OneSeal.Platform.Http;
using OneSeal.Resources;

namespace OneSeal.Pages.Hall;

/// <summary>
/// 综合窗口出件: the results ready for pick-up with their Art. 44 delivery date (yellow when near, red when past), and the
/// hand-over of one: pick-up code, the holder's ID or an agent with an authorisation letter, then the 送达回证 to print.
/// </summary>
[Authorize(Roles = Roles.Clerk)]
public sealed class ResultsModel(ResultWindow results, HallWindows hall, IStringLocalizer<Ui> t) : OneSealPageModel(t)
{
    public IReadOnlyList<ReadyResult> Ready { get; private set; } = [];
    public MySeat Seat { get; private set; } = new(null, null, null, null);
    public ReadyResult? Chosen { get; private set; }
    /// <summary>Set after a hand-over: the case delivered and its receipt's print view.</summary>
    public PickupResult? Done { get; private set; }

    [BindProperty(SupportsGet = true)] public Guid? CaseId { get; set; }
    [BindProperty] public string? Code { get; set; }
    [BindProperty] public string? IdNumber { get; set; }
    [BindProperty] public string? AgentName { get; set; }
    [BindProperty] public string? AgentIdNumber { get; set; }
    [BindProperty] public bool AgentLetterChecked { get; set; }
    [BindProperty(SupportsGet = true)] public Guid? Receipt { get; set; }
    [BindProperty(SupportsGet = true)] public string? Delivered { get; set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        ClearErrors();
        return await LoadAsync(ct) ?? Page();
    }

    public async Task<IActionResult> OnPostPickupAsync(CancellationToken ct)
    {
        ClearErrors();
        try
        {
            if (CaseId is not { } id) throw new InvalidInputException("caseId", "required", "请先在列表中选择要出件的办件。");
            var done = await results.PickUpAsync(Me, id, new PickupInput(Code, IdNumber, AgentName, AgentIdNumber, AgentLetterChecked), ct);
            Notify(T["办件 {0} 已送达，请打印送达回证交领取人签名。", done.CaseNumber]);
            return Redirect($"/hall/results?delivered={Uri.EscapeDataString(done.CaseNumber)}&receipt={done.DeliveryReceiptId}");
        }
        catch (DomainException e)
        {
            AddDomainError(e);
            return await LoadAsync(ct) ?? Page();
        }
    }

    public async Task<IActionResult> OnPostReissueAsync(CancellationToken ct)
    {
        ClearErrors();
        try
        {
            if (CaseId is not { } id) throw new InvalidInputException("caseId", "required", "请先在列表中选择办件。");
            await results.ReissueAsync(Me, id, ct);
            Notify(T["已重新生成取件码，并以短信发送给申请人。"]);
            return Redirect($"/hall/results?caseId={id}");
        }
        catch (DomainException e)
        {
            AddDomainError(e);
            return await LoadAsync(ct) ?? Page();
        }
    }

    private async Task<IActionResult?> LoadAsync(CancellationToken ct)
    {
        try
        {
            Seat = await hall.MineAsync(Me, ct);
        }
        catch (ForbiddenException)
        {
            return Forbid();
        }
        try
        {
            Ready = await results.ReadyAsync(Me, ct);
            Chosen = Ready.FirstOrDefault(r => r.CaseId == CaseId);
        }
        catch (DomainException e)
        {
            // Not signed in at a result window: the page says so and where to sign in.
            AddDomainError(e);
        }
        if (Receipt is { } receipt && Delivered is { } number)
            Done = new PickupResult(Guid.Empty, number, "delivered", "已送达", receipt, $"/hall/notices/{receipt}/print");
        return null;
    }
}
