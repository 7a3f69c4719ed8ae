using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Localization;
using OneSeal.Platform.Http;
using OneSeal.Queue.Appointments;
using OneSeal.Resources;

namespace OneSeal.Pages.Kiosk;

/// <summary>
/// 预约签到 at the hall's kiosk (<c>/kiosk/check-in</c>, touch only): the on-screen keypad takes the booking code or the
/// ID number, the page shows today's appointment(s) found, and 签到取号 posts <c>/api/v1/queue/tickets</c> with the
/// appointment (the ticket's transaction checks it in through <c>IAppointmentCheckIn</c>). Resets itself after a visitor.
/// </summary>
[EnableRateLimiting(AppointmentRateLimit.Policy)]
public sealed class CheckInModel(AppointmentCheckIn checkIn, IStringLocalizer<Ui> t) : OneSealPageModel(t)
{
    [BindProperty] public string? Code { get; set; }

    public IReadOnlyList<AppointmentView>? Found { get; private set; }

    public void OnGet() => ClearErrors();

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        ClearErrors();
        try
        {
            Found = await checkIn.FindTodayAsync(Code, ct);
            if (Found.Count == 0) AddError("code", T["没有找到今天的有效预约，请核对后重新输入，或直接取号。"]);
        }
        catch (DomainException e)
        {
            AddDomainError(e);
        }
        return Page();
    }
}
