using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using OneSeal.Hall;
using OneSeal.Resources;

namespace OneSeal.Pages.Window;

/// <summary>
/// <c>/window/{number}/rate</c>: the rating device (评价器), a tablet facing the applicant. Unpaired, it asks for the
/// window chief's pairing code on a keypad; paired, it waits, and when the clerk finishes a visitor it asks for the
/// five levels. No sign-in: the device is identified by the secret it received when paired (kept in local storage).
/// </summary>
[AllowAnonymous]
public sealed class RateModel(WindowQueries windows, IStringLocalizer<Ui> t) : OneSealPageModel(t)
{
    public string Number { get; private set; } = "";
    public string? WindowName { get; private set; }

    public async Task<IActionResult> OnGetAsync(string number, CancellationToken ct)
    {
        if (number.Length > 8) return NotFound();
        var window = (await windows.ViewsAsync(null, ct)).FirstOrDefault(w => !w.Closed && w.Number == number);
        if (window is null) return NotFound();
        Number = window.Number;
        WindowName = window.Name;
        return Page();
    }
}
