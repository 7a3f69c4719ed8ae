using Microsoft.AspNetCore.Mvc.RazorPages;
using OneSeal.Seal;
using OneSeal.Supervision;

namespace OneSeal.Pages.Verify;

/// <summary>Where a certificate's QR code leads: its status and masked metadata, for anyone.</summary>
public sealed class CertificateModel(CertificateVerifier verifier, IServiceProvider services) : PageModel
{
    public string Number { get; private set; } = "";
    public VerificationResult Result { get; private set; } = VerificationResult.Unknown;
    /// <summary>issue 13 — who supervises the licence and its last record (date, kind, result; no inspectors).</summary>
    public string? SupervisionLine { get; private set; }

    public async Task OnGetAsync(string number, CancellationToken ct)
    {
        Number = number.Trim();
        Result = Number.Length is > 0 and <= 64 ? await verifier.ByNumberAsync(Number, ct) : VerificationResult.Unknown;
        // The supervision line where that capability is installed (a host of the seal alone verifies without it).
        if (Result.Details is { CaseId: var caseId } && caseId != Guid.Empty && services.GetService<SupervisionQueries>() is { } supervision)
            SupervisionLine = await supervision.PublicLineAsync(caseId, ct);
    }

    public static string Date(DateOnly d) =>
        System.Globalization.CultureInfo.CurrentUICulture.Name.StartsWith("zh", StringComparison.Ordinal)
            ? d.ToString("yyyy年M月d日", System.Globalization.CultureInfo.InvariantCulture)
            : d.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
}
