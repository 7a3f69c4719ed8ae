using Microsoft.AspNetCore.Mvc.RazorPages;
using OneSeal.Notices;

namespace OneSeal.Pages.Notices;

/// <summary>Where a notice's QR code leads: whether it is genuine and what it is, with the addressee masked, for anyone.</summary>
public sealed class NoticeModel(NoticeVerifier verifier) : PageModel
{
    public string Number { get; private set; } = "";
    public NoticeVerification Result { get; private set; } = NoticeVerification.Unknown;

    public async Task OnGetAsync(string number, CancellationToken ct)
    {
        Number = number.Trim();
        Result = await verifier.ByNumberAsync(Number, ct);
    }

    public static string Date(DateOnly d) =>
        System.Globalization.CultureInfo.CurrentUICulture.Name.StartsWith("zh", StringComparison.Ordinal)
            ? NoticeText.Date(d)
            : d.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
}
