using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using OneSeal.Platform.Sms;
using OneSeal.Resources;

namespace OneSeal.Pages.Dev;

/// <summary>
/// Demo mode only (404 otherwise): the text messages the system "sent", newest first, so a tester can read a code
/// without a phone. Open to anyone, as the demo accounts' passwords are.
/// </summary>
[AllowAnonymous]
public sealed class SmsModel(DevSmsOutbox outbox, IConfiguration config, IStringLocalizer<Ui> t) : OneSealPageModel(t)
{
    public IReadOnlyList<DevSmsMessage> Sent { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!OneSealApp.IsDemo(config)) return NotFound();
        Sent = await outbox.LatestAsync(50, ct);
        return Page();
    }
}
