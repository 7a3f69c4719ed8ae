using OneSeal.Platform.Http;
using OneSeal.Platform.Security;
using OneSeal.Seal;

namespace OneSeal.Notices;

public sealed record NoticeFileVerificationView(bool Genuine, string Status, string? Number);

public static class NoticesApi
{
    public static IEndpointRouteBuilder MapNoticesApi(this IEndpointRouteBuilder e)
    {
        var api = e.MapGroup("/api/v1").WithTags("Notices");
        var secured = api.MapGroup("").RequireAuthorization(AuthSetup.ApiPolicy);

        secured.MapGet("/cases/{id:guid}/notices", async (Guid id, HttpContext http, NoticeQueries notices, CancellationToken ct) =>
                await notices.ListAsync(ActorOf(http), id, ct)).WithName("listCaseNotices")
            .WithSummary("List a case's sealed notices");

        secured.MapGet("/cases/{id:guid}/notices/{noticeId:guid}/pdf", DownloadAsync).WithName("downloadCaseNotice")
            .Produces(200, contentType: "application/pdf")
            .WithSummary("Download a sealed notice as PDF");

        // The same download for the signed-in browser (cookie), linked from the case pages (_CaseNotices).
        e.MapGet("/cases/{id:guid}/notices/{noticeId:guid}/pdf", DownloadAsync).WithName("downloadCaseNoticeWithCookie").WithSummary("Download a sealed notice as PDF (signed-in browser)")
            .RequireAuthorization()
            .ExcludeFromDescription();

        api.MapPost("/notices/verify", async (HttpRequest request, NoticeVerifier verifier, SealOptions options, CancellationToken ct) =>
            {
                var file = await UploadedPdfAsync(request, options, ct);
                var result = await verifier.ByFileAsync(file, ct);
                return new NoticeFileVerificationView(result.Genuine, result.Status, result.Number);
            }).WithName("verifyNotice").WithSummary("Verify an uploaded notice PDF (public)")
            .AllowAnonymous()
            .DisableAntiforgery() // anonymous, no cookie involved: nothing for a forged request to ride on
            .Accepts<IFormFile>("multipart/form-data");

        return e;
    }

    private static async Task<IResult> DownloadAsync(Guid id, Guid noticeId, HttpContext http, NoticeQueries notices, CancellationToken ct)
    {
        var (notice, pdf) = await notices.PdfAsync(ActorOf(http), id, noticeId, ct);
        return Results.File(pdf, "application/pdf", $"{notice.Number}.pdf");
    }

    private static Actor ActorOf(HttpContext http) =>
        Actor.From(http.User) ?? throw new ForbiddenException("no-actor", "无法识别当前用户");

    private static async Task<byte[]> UploadedPdfAsync(HttpRequest request, SealOptions options, CancellationToken ct)
    {
        if (!request.HasFormContentType)
            throw new InvalidInputException("file", "required", "请以 multipart/form-data 上传字段 file（文书 PDF 文件）");
        var form = await request.ReadFormAsync(ct);
        var file = form.Files.GetFile("file");
        if (file is null || file.Length == 0)
            throw new InvalidInputException("file", "required", "请上传文书 PDF 文件（字段 file）");
        return await SealApi.ReadLimitedAsync(file, options, ct);
    }
}
