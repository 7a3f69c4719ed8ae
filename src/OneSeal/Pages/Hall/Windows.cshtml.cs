using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using OneSeal.Hall.Seats;
using OneSeal.Platform.Http;
using OneSeal.Resources;

namespace OneSeal.Pages.Hall;

/// <summary>
/// 窗口签到: the hall's open windows, who sits at each today, and the windows the reader may take (their A or B post,
/// any window for a window chief). What the hall pages let them do follows from the window they sit at.
/// </summary>
[Authorize]
public sealed class WindowsModel(HallWindows hall, WindowSeats seats, OneSeal.Hall.StandIn.WindowAbsences absences, OneSeal.Cases.WindowChief.StandInCases standIns,
    IStringLocalizer<Ui> t) : OneSealPageModel(t)
{
    public IReadOnlyList<HallWindow> Windows { get; private set; } = [];
    public MySeat? Mine { get; private set; }

    // issue 11 — A/B posts: today's absences by window, and the absent A post's queue for the B post seated there.
    public IReadOnlyDictionary<Guid, OneSeal.Hall.StandIn.AbsenceView> Absences { get; private set; } = new Dictionary<Guid, OneSeal.Hall.StandIn.AbsenceView>();
    public OneSeal.Cases.WindowChief.StandInQueue? StandIn { get; private set; }
    public Guid ReaderId => Me.Id;
    public bool IsWindowChief => Me.Has(OneSeal.Organisation.Roles.WindowChief);

    public async Task<IActionResult> OnPostAbsenceAsync(Guid windowId, string? reason, CancellationToken ct)
    {
        ClearErrors();
        try
        {
            var a = await absences.MarkAsync(Me, windowId, new OneSeal.Hall.StandIn.AbsenceRequest(null, reason), ct);
            Notify(T["已登记 {0} 窗口A岗 {1} {2} 缺岗，由B岗 {3} 代岗。", a.WindowNumber, a.AccountName, CaseDisplay.Date(a.Day), a.StandInName ?? "—"]);
            return Redirect("/hall/windows");
        }
        catch (DomainException e)
        {
            AddDomainError(e, k => k == "reason" ? $"absence-reason-{windowId:N}" : k);
            return await LoadAsync(ct) ?? Page();
        }
    }

    public Task<IActionResult> OnPostWithdrawAbsenceAsync(Guid windowId, CancellationToken ct) => ActAsync(async () =>
    {
        var a = await absences.WithdrawAsync(Me, windowId, null, ct);
        return T["已撤销 {0} 窗口A岗 {1} {2} 的缺岗登记，B岗不再代岗。", a.WindowNumber, a.AccountName, CaseDisplay.Date(a.Day)];
    }, ct);

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        ClearErrors();
        return await LoadAsync(ct) ?? Page();
    }

    public Task<IActionResult> OnPostSignInAsync(Guid windowId, CancellationToken ct) => ActAsync(async () =>
    {
        var seat = await seats.SignInAsync(Me, windowId, ct);
        return T["已在 {0} {1} 签到（{2}）。", seat.Window.Number, seat.Window.Name, T[SeatLabels.Of(seat.Post)]];
    }, ct);

    public Task<IActionResult> OnPostSignOutAsync(CancellationToken ct) => ActAsync(async () =>
    {
        await seats.SignOutAsync(Me, ct);
        return T["已签退窗口。"];
    }, ct);

    // issue 12 — the window's rating device: a pairing code the tablet at /window/{number}/rate takes once.
    public Task<IActionResult> OnPostRatingDeviceAsync(Guid windowId, [FromServices] OneSeal.Ratings.RatingDevices devices, CancellationToken ct) => ActAsync(async () =>
    {
        var code = await devices.StartAsync(Me, windowId, ct);
        return T["{0} 窗口评价器配对码：{1}（{2} 前有效）。请在评价器上打开 /window/{0}/rate 输入此码。", code.WindowNumber, code.Code,
            CaseDisplay.Local(code.ExpiresAt)];
    }, ct);

    /// <summary>One form's command: its notice and back to the list, or the refusal shown on the page.</summary>
    private async Task<IActionResult> ActAsync(Func<Task<string>> action, CancellationToken ct)
    {
        ClearErrors();
        try
        {
            Notify(await action());
            return Redirect("/hall/windows");
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
            Windows = await hall.ListAsync(Me, null, ct);
            Mine = await hall.MineAsync(Me, ct);
            Absences = await absences.OnAsync(Windows.Select(w => w.Window.Id).ToList(), null, ct);
            if (Mine.Window is { } seated && Mine.Post == nameof(SeatPost.B) && Absences.ContainsKey(seated.Id))
                StandIn = await standIns.QueueAsync(Me, seated.Id, ct);
            return null;
        }
        catch (ForbiddenException)
        {
            return Forbid();
        }
    }
}
