using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using OneSeal.Platform.Http;
using OneSeal.Seal;

namespace OneSeal.Pages.Verify;

/// <summary>Public verification (证照核验): upload the PDF, or type the number to reach its QR landing page.</summary>
public sealed class IndexModel(CertificateVerifier verifier, SealOptions options) : PageModel
{
    public VerificationResult? Result { get; private set; }
    public string? FileError { get; private set; }

    public IActionResult OnGet(string? number) =>
        string.IsNullOrWhiteSpace(number) ? Page() : RedirectToPage("/Verify/Certificate", new { number = number.Trim() });

    public async Task<IActionResult> OnPostAsync(IFormFile? file, CancellationToken ct)
    {
        if (file is null || file.Length == 0)
        {
            FileError = "请选择要核验的证照 PDF 文件";
            return Page();
        }
        try
        {
            Result = await verifier.ByFileAsync(await SealApi.ReadLimitedAsync(file, options, ct), ct);
        }
        catch (TooLargeException)
        {
            FileError = "文件过大，请上传本系统签发的证照 PDF 原件";
        }
        return Page();
    }
}
