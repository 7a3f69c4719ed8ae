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
public sealed class WindowsModel(HallWindows hall, WindowSeats seats, IStringLocalizer<Ui> t) : OneSealPageModel(t)
{
    public IReadOnlyList<HallWindow> Windows { get; private set; } = [];
    public MySeat? Mine { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        ClearErrors();
        return await LoadAsync(ct) ?? Page();
    }

    public async Task<IActionResult> OnPostSignInAsync(Guid windowId, CancellationToken ct)
    {
        ClearErrors();
        try
        {
            var seat = await seats.SignInAsync(Me, windowId, ct);
            Notify(T["已在 {0} {1} 签到（{2}）。", seat.Window.Number, seat.Window.Name, T[SeatLabels.Of(seat.Post)]]);
            return Redirect("/hall/windows");
        }
        catch (DomainException e)
        {
            AddDomainError(e);
            return await LoadAsync(ct) ?? Page();
        }
    }

    public async Task<IActionResult> OnPostSignOutAsync(CancellationToken ct)
    {
        ClearErrors();
        try
        {
            await seats.SignOutAsync(Me, ct);
            Notify(T["已签退窗口。"]);
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
            return null;
        }
        catch (ForbiddenException)
        {
            return Forbid();
        }
    }
}
