using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using OneSeal.Platform.Http;
using OneSeal.Queue.Tickets;
using OneSeal.Resources;

namespace OneSeal.Pages.Kiosk;

/// <summary>
/// 自助取号机 (/kiosk): touch only — a theme, then an optional ID number on the on-screen keypad and the 绿色通道
/// choice, then the ticket with people ahead and the estimated wait, and a print button. The page returns to its start
/// after <see cref="ResetSeconds"/> seconds without a touch, ready for the next visitor.
/// </summary>
[AllowAnonymous]
public sealed class IndexModel(TicketDesk desk, TicketRateLimit limit, IStringLocalizer<Ui> t) : OneSealPageModel(t)
{
    public const int ResetSeconds = 20;

    public IReadOnlyList<TicketTheme> Themes { get; private set; } = [];
    public TicketTheme? Theme { get; private set; }
    public TicketView? Ticket { get; private set; }
    public string? Problem { get; private set; }
    public bool Open { get; private set; }
    public string OpeningText => desk.OpeningText;

    public async Task<IActionResult> OnGetAsync(string? theme, Guid? ticket, CancellationToken ct)
    {
        await LoadAsync(theme, ct);
        if (ticket is { } id)
        {
            try { Ticket = await desk.ViewAsync(id, ct); }
            catch (NotFoundException) { return Redirect("/kiosk"); }
        }
        return Page();
    }

    public async Task<IActionResult> OnPostTakeAsync(string? theme, string? idNumber, bool priority, CancellationToken ct)
    {
        try
        {
            limit.Check(HttpContext);
            var ticket = await desk.TakeAsync(null, new TicketInput(theme, idNumber, null, priority, "kiosk"), ct);
            return Redirect($"/kiosk?ticket={ticket.Id}");
        }
        catch (DomainException e)
        {
            Problem = ForPage(e.Message);
            await LoadAsync(theme, ct);
            return Page();
        }
    }

    private async Task LoadAsync(string? theme, CancellationToken ct)
    {
        Open = desk.IsOpen;
        Themes = await desk.ThemesAsync(ct);
        Theme = Themes.FirstOrDefault(x => x.Code == theme);
    }
}
