using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using OneSeal.Platform.Http;
using OneSeal.Queue.Tickets;
using OneSeal.Resources;

namespace OneSeal.Pages.Queue;

/// <summary>
/// A ticket's status (/queue/tickets/{id}), refreshing itself every <see cref="RefreshSeconds"/> s while waiting; and
/// its receipt view (/queue/tickets/{id}/print, ?width=58 for a 58 mm printer, 80 mm otherwise). The ticket's id is
/// its holder's only key; no personal data is shown.
/// </summary>
[AllowAnonymous]
public sealed class TicketModel(TicketDesk desk, IStringLocalizer<Ui> t) : OneSealPageModel(t)
{
    public const int RefreshSeconds = 15;

    public TicketView? Ticket { get; private set; }
    public bool Print { get; private set; }
    public int Width { get; private set; } = 80;

    public async Task<IActionResult> OnGetAsync(Guid id, string? view, int? width, CancellationToken ct)
    {
        try
        {
            Ticket = await desk.ViewAsync(id, ct);
        }
        catch (NotFoundException e)
        {
            return NotFoundPage(e.Message);
        }
        Print = view == "print";
        Width = width == 58 ? 58 : 80;
        // Waiting: the browser re-reads the page (people ahead change); no script needed on any phone.
        if (!Print && Ticket.State == nameof(TicketState.Waiting)) Response.Headers["Refresh"] = RefreshSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return Page();
    }
}
