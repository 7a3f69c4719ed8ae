using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using OneSeal.Platform.Http;
using OneSeal.Platform.Security;
using OneSeal.Queue.Tickets;
using OneSeal.Resources;

namespace OneSeal.Pages.Queue;

/// <summary>手机取号 (/queue/take, the QR code at the hall's door): a theme, an optional ID number, the 绿色通道; then the ticket's status page.</summary>
[AllowAnonymous]
public sealed class TakeModel(TicketDesk desk, TicketRateLimit limit, IStringLocalizer<Ui> t) : OneSealPageModel(t)
{
    public IReadOnlyList<TicketTheme> Themes { get; private set; } = [];
    public bool Open { get; private set; }
    public string OpeningText => desk.OpeningText;
    [BindProperty] public string? Theme { get; set; }
    [BindProperty] public string? IdNumber { get; set; }
    [BindProperty] public bool Priority { get; set; }

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        try
        {
            limit.Check(HttpContext);
            var ticket = await desk.TakeAsync(Actor.From(User), new TicketInput(Theme, IdNumber, null, Priority, "phone"), ct);
            return Redirect($"/queue/tickets/{ticket.Id}");
        }
        catch (DomainException e)
        {
            AddDomainError(e, k => k switch { "theme" => "Theme", "idNumber" => "IdNumber", _ => k });
            await LoadAsync(ct);
            return Page();
        }
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        Open = desk.IsOpen;
        Themes = await desk.ThemesAsync(ct);
    }
}
