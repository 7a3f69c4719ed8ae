using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using OneSeal.Cases;
using OneSeal.Cases.Api;
using OneSeal.Cases.Rules;
using OneSeal.Organisation;
using OneSeal.Platform.Http;
using OneSeal.Platform.Storage;
using OneSeal.Resources;

namespace OneSeal.Pages.Hall;

/// <summary>
/// A submitted case at the window: check the form and materials, then accept, send one correction notice listing
/// everything missing, or refuse with reasons. A decided case comes back to the window for delivery (送达, Art. 44):
/// pick-up, post with a tracking number, or electronic. Every form carries the case version, so a stale page gets a
/// 409 message.
/// </summary>
// issue 11 — the window chief opens the hall case page to decide a 即办件 at the window (Pages/Shared/_WindowChiefOnCase).
[Authorize(Roles = Roles.Clerk + "," + Roles.WindowChief)]
public sealed class CaseModel(CaseQueries queries, CaseCommands cases, IFileStore files, OneSeal.Notices.Printing.NoticePrint print,
    OneSeal.Counter.Fees.FeeQueries fees, OneSeal.Counter.Fees.FeeRelief relief, OneSeal.Hall.Chief.WindowChiefPowers powers, IStringLocalizer<Ui> t)
    : OneSealPageModel(t)
{
    public CaseQueries.CaseDetail? Detail { get; private set; }

    [BindProperty] public List<string> Missing { get; set; } = [];
    [BindProperty] public string? Note { get; set; }
    [BindProperty] public string? Reason { get; set; }
    [BindProperty] public int? Version { get; set; }
    [BindProperty] public string? Mode { get; set; }
    [BindProperty] public string? TrackingNumber { get; set; }

    public DeadlineExplanation? Deadline { get; private set; }

    // issue 11 gaps — the page shows only what the reader can do: the clerk's “nothing to accept” line is for clerks, and a
    // window chief holding the fee power sees the unpaid fee with the relief form.
    public bool IsClerk => Me.Has(Roles.Clerk);
    public OneSeal.Counter.Fees.FeeDemandView? Fee { get; private set; }
    public bool MayRelieveFee { get; private set; }
    [BindProperty] public decimal? ReliefAmount { get; set; }
    [BindProperty] public string? ReliefBasis { get; set; }

    public async Task<IActionResult> OnPostRelieveAsync(Guid id, CancellationToken ct)
    {
        ClearErrors();
        try
        {
            var d = await relief.RelieveAsync(Me, id, new OneSeal.Counter.Fees.FeeReliefInput(ReliefAmount, ReliefBasis), ct);
            Notify(d.Amount == 0 ? T["已免收办件 {0} 的费用。", d.CaseNumber] : T["办件 {0} 的应缴金额已减为 {1}，已重新出具缴款通知书。", d.CaseNumber, OneSeal.Counter.Fees.Rmb.Figures(d.Amount)]);
            return Redirect($"/hall/cases/{id}");
        }
        catch (DomainException e)
        {
            AddDomainError(e, k => "relief-" + k);
            return await LoadAsync(id, ct) ?? Page();
        }
    }

    public bool CanAct => Detail?.Can(OneSeal.Cases.Machine.CaseAction.Accept) == true;
    public bool CanDeliver => Detail?.Can(OneSeal.Cases.Machine.CaseAction.Deliver) == true;

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        ClearErrors();
        return await LoadAsync(id, ct) ?? Page();
    }

    /// <summary><c>/hall/cases/{id}/materials/{materialId}</c>: streams an uploaded file.</summary>
    public Task<IActionResult> OnGetMaterialsAsync(Guid id, Guid materialId, CancellationToken ct) =>
        MaterialFileAsync(queries, files, id, materialId, ct);

    public Task<IActionResult> OnPostAcceptAsync(Guid id, CancellationToken ct) =>
        ActAsync(id, async (me, c) =>
        {
            var done = await cases.AcceptAsync(me, id, Version, ct);
            return T["已受理办件 {0}，承诺办结日期 {1}。", done.CaseNumber, CaseDisplay.Date(done.DueDate)];
        }, ct, printed: OneSeal.Notices.NoticeKind.Acceptance);

    public Task<IActionResult> OnPostCorrectAsync(Guid id, CancellationToken ct) =>
        ActAsync(id, async (me, c) =>
        {
            var done = await cases.RequestCorrectionAsync(me, id, Missing, Note, Version, ct);
            return T["已向申请人一次性告知补正（办件 {0}）。", done.CaseNumber];
        }, ct, printed: OneSeal.Notices.NoticeKind.CorrectionRequest);

    public Task<IActionResult> OnPostRefuseAsync(Guid id, CancellationToken ct) =>
        ActAsync(id, async (me, c) =>
        {
            var done = await cases.RefuseAsync(me, id, Reason, Version, ct);
            return T["已作出不予受理（办件 {0}）。", done.CaseNumber];
        }, ct, printed: OneSeal.Notices.NoticeKind.Refusal);

    public Task<IActionResult> OnPostDeliverAsync(Guid id, CancellationToken ct) =>
        ActAsync(id, async (me, c) =>
        {
            var done = await cases.DeliverAsync(me, id, Mode, TrackingNumber, Version, ct);
            return T["已送达（办件 {0}，{1}）。", done.CaseNumber, T[CaseDisplay.DeliveryModeLabel(done.DeliveryMode)]];
        }, ct, k => k == "trackingNumber" ? "tracking-number" : k);

    /// <param name="printed">The notice the act issues: the page the clerk lands on offers its print view (issue 11).</param>
    private async Task<IActionResult> ActAsync(Guid id, Func<OneSeal.Platform.Security.Actor, Case, Task<string>> action, CancellationToken ct,
        Func<string, string>? mapKey = null, OneSeal.Notices.NoticeKind? printed = null)
    {
        ClearErrors();
        if (await LoadAsync(id, ct) is { } notFound) return notFound;
        try
        {
            Notify(await action(Me, Detail!.Case));
            if (printed is { } kind) OneSeal.Notices.Printing.PrintOffer.Keep(TempData, await print.LatestAsync(id, kind, ct));
            return Redirect("/hall");
        }
        catch (DomainException e)
        {
            AddDomainError(e, mapKey);
            // Show the case as it is now (another clerk may have acted on it meanwhile).
            return await LoadAsync(id, ct) ?? Page();
        }
    }

    private async Task<IActionResult?> LoadAsync(Guid id, CancellationToken ct)
    {
        try
        {
            Detail = await queries.GetAsync(Me, id, ct);
            Deadline = await queries.ExplainDeadlineAsync(Me, id, ct);
            if (Me.Has(Roles.WindowChief) && await powers.HasAsync(Me, OneSeal.Hall.Chief.WindowChiefPower.EnforceFees, ct))
            {
                Fee = await fees.ForCaseAsync(Me, Detail.Case, ct);
                MayRelieveFee = Fee?.Status == "unpaid";
            }
            return null;
        }
        catch (NotFoundException e)
        {
            return NotFoundPage(e.Message);
        }
    }
}
