using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using OneSeal.Notices;
using OneSeal.Platform.Http;
using OneSeal.Seal;

namespace OneSeal.Pages.Notices;

/// <summary>Public verification of a notice (文书核验): upload the PDF, or type the number to reach its QR landing page.</summary>
public sealed class VerifyModel(NoticeVerifier verifier, SealOptions options) : PageModel
{
    public NoticeVerification? Result { get; private set; }
    public string? FileError { get; private set; }

    public IActionResult OnGet(string? number) =>
        string.IsNullOrWhiteSpace(number) ? Page() : RedirectToPage("/Notices/Notice", new { number = number.Trim() });

    public async Task<IActionResult> OnPostAsync(IFormFile? file, CancellationToken ct)
    {
        if (file is null || file.Length == 0)
        {
            FileError = "请选择要核验的文书 PDF 文件";
            return Page();
        }
        try
        {
            Result = await verifier.ByFileAsync(await SealApi.ReadLimitedAsync(file, options, ct), ct);
        }
        catch (TooLargeException)
        {
            FileError = "文件过大，请上传本系统签发的文书 PDF 原件";
        }
        return Page();
    }
}
