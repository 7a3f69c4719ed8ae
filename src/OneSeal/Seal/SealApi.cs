using Microsoft.EntityFrameworkCore;
using OneSeal.Platform.Database;
using OneSeal.Platform.Http;
using OneSeal.Platform.Security;
using OneSeal.Platform.Storage;
using OneSeal.Organisation;

namespace OneSeal.Seal;

public sealed record CertificateView(
    string Number, string Name, string TypeCode, string ItemCode, Guid CaseId, Guid HolderAccountId,
    string HolderName, string HolderCodeType, string HolderCodeMasked,
    Guid IssuerOrganisationId, string IssuerName, string IssuerCode,
    DateOnly IssuedOn, DateOnly ValidFrom, DateOnly? ValidUntil,
    string Status, DateTimeOffset? RevokedAt, string? RevokedReason,
    string PdfSha256, Guid SealKeyId, string SignedPayload, string Signature, string PdfStatus = "issued")
{
    public static CertificateView From(Certificate c) => new(
        c.Number, c.Name, c.TypeCode, c.ItemCode, c.CaseId, c.HolderAccountId,
        c.HolderName, c.HolderCodeType, c.HolderCodeMasked,
        c.IssuerOrganisationId, c.IssuerName, c.IssuerCode,
        c.IssuedOn, c.ValidFrom, c.ValidUntil,
        c.Status == CertificateStatus.Revoked ? VerificationStatus.Revoked : VerificationStatus.Valid, c.RevokedAt, c.RevokedReason,
        c.PdfSha256, c.SealKeyId, c.SignedPayload, c.Signature, c.PdfStatus.ToString().ToLowerInvariant());
}

public sealed record RevokeRequest(string? Reason);
/// <summary>The answer of the PDF download while the file is still being rendered (202, with Retry-After).</summary>
public sealed record CertificatePdfPendingView(string Number, string PdfStatus, int RetryAfterSeconds, string Message);
public sealed record FileVerificationView(bool Genuine, string Status, string? CertificateNumber);
public sealed record SealPublicKeyView(Guid Id, Guid OrganisationId, string OrganisationName, string? OrganisationCode,
    string Algorithm, string PublicKeyHex, DateTimeOffset CreatedAt, bool Active);

public static class SealApi
{
    public static IEndpointRouteBuilder MapSealApi(this IEndpointRouteBuilder e)
    {
        var api = e.MapGroup("/api/v1").WithTags("Certificates");
        var secured = api.MapGroup("").RequireAuthorization(AuthSetup.ApiPolicy);

        secured.MapGet("/certificates/{number}", async (string number, HttpContext http, CertificateRegistry registry, CancellationToken ct) =>
                CertificateView.From(await registry.GetAsync(number, ActorOf(http), ct))).WithName("getCertificate")
            .WithSummary("Get a certificate");

        secured.MapGet("/certificates/{number}/pdf", async (string number, HttpContext http, CertificateRegistry registry,
                IFileStore files, ICertificateDeliveryListener delivery, CancellationToken ct) =>
            {
                var certificate = await registry.GetAsync(number, ActorOf(http), ct);
                if (certificate.PdfStatus == CertificatePdfStatus.Issued) return await DeliverAsync(certificate, http, files, delivery, ct);
                // Rendered after the decision commits (the outbox): "accepted, come back shortly", not an error.
                http.Response.Headers.RetryAfter = PendingRetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
                return Results.Json(new CertificatePdfPendingView(certificate.Number, certificate.PdfStatus.ToString().ToLowerInvariant(),
                    PendingRetryAfterSeconds, PendingMessage(certificate)), statusCode: StatusCodes.Status202Accepted);
            }).WithName("downloadCertificatePdf")
            .Produces(200, contentType: "application/pdf")
            .Produces<CertificatePdfPendingView>(202)
            .WithSummary("Download a certificate as PDF");

        // The same download for the signed-in browser (cookie), linked from the applicant's case page once the file exists.
        e.MapGet("/certificates/{number}/download", DownloadAsync).WithName("downloadCertificateWithCookie").WithSummary("Download a certificate as PDF (signed-in browser)")
            .RequireAuthorization()
            .ExcludeFromDescription();

        secured.MapPost("/certificates/{number}/revoke", async (string number, RevokeRequest? body, HttpContext http,
                CertificateRegistry registry, CancellationToken ct) =>
                CertificateView.From(await registry.RevokeAsync(number, body?.Reason, ActorOf(http), ct))).WithName("revokeCertificate")
            .WithSummary("Revoke a certificate");

        api.MapPost("/certificates/verify", async (HttpRequest request, CertificateVerifier verifier, SealOptions options, CancellationToken ct) =>
            {
                var file = await UploadedPdfAsync(request, options, ct);
                var result = await verifier.ByFileAsync(file, ct);
                return new FileVerificationView(result.Genuine, result.Status, result.CertificateNumber);
            }).WithName("verifyCertificate").WithSummary("Verify an uploaded certificate PDF (public)")
            .AllowAnonymous()
            .DisableAntiforgery() // anonymous, no cookie involved: nothing for a forged request to ride on
            .Accepts<IFormFile>("multipart/form-data");

        api.MapGet("/seal/keys", async (OneSealDb db, CancellationToken ct) =>
                await (from k in db.Set<SealKey>()
                       join o in db.Set<Agency>() on k.OrganisationId equals o.Id
                       orderby o.Name, k.CreatedAt
                       select new SealPublicKeyView(k.Id, k.OrganisationId, o.Name, o.Uscc, k.Algorithm, k.PublicKeyHex, k.CreatedAt, k.Active))
                    .ToListAsync(ct)).WithName("getSealKeys")
            .AllowAnonymous()
            .WithTags("Seal")
            .WithSummary("List the seals' public keys");

        return e;
    }

    /// <summary>Seconds a client waits before asking again for a PDF still being rendered (one outbox poll and a render).</summary>
    public const int PendingRetryAfterSeconds = 5;

    private static string PendingMessage(Certificate c) => $"证照 {c.Number} 的电子证照文件正在生成，请稍后再试。";

    /// <summary>The browser's download: a person who follows an old link before the file exists gets the error page saying so.</summary>
    private static async Task<IResult> DownloadAsync(string number, HttpContext http, CertificateRegistry registry,
        IFileStore files, ICertificateDeliveryListener delivery, CancellationToken ct)
    {
        var certificate = await registry.GetAsync(number, ActorOf(http), ct);
        if (certificate.PdfStatus != CertificatePdfStatus.Issued) throw new ConflictException("certificate-pending", PendingMessage(certificate));
        return await DeliverAsync(certificate, http, files, delivery, ct);
    }

    /// <summary>The PDF as issued; when the holder fetches it, that is delivery (the listener is told first).</summary>
    private static async Task<IResult> DeliverAsync(Certificate certificate, HttpContext http, IFileStore files,
        ICertificateDeliveryListener delivery, CancellationToken ct)
    {
        var actor = ActorOf(http);
        var bytes = await files.ReadAllBytesAsync(certificate.PdfKey, ct);
        if (actor.Id == certificate.HolderAccountId)
            await delivery.OnHolderDownloadedAsync(certificate, actor, ct);
        return Results.File(bytes, "application/pdf", $"{certificate.Number}.pdf");
    }

    private static Actor ActorOf(HttpContext http) =>
        Actor.From(http.User) ?? throw new ForbiddenException("no-actor", "无法识别当前用户");

    /// <summary>The <c>file</c> field of a multipart form, within the size limit.</summary>
    internal static async Task<byte[]> UploadedPdfAsync(HttpRequest request, SealOptions options, CancellationToken ct)
    {
        if (!request.HasFormContentType)
            throw new InvalidInputException("file", "required", "请以 multipart/form-data 上传字段 file（证照 PDF 文件）");
        var form = await request.ReadFormAsync(ct);
        var file = form.Files.GetFile("file");
        if (file is null || file.Length == 0)
            throw new InvalidInputException("file", "required", "请上传证照 PDF 文件（字段 file）");
        return await ReadLimitedAsync(file, options, ct);
    }

    internal static async Task<byte[]> ReadLimitedAsync(IFormFile file, SealOptions options, CancellationToken ct)
    {
        if (file.Length > options.MaxVerifyUploadBytes)
            throw new TooLargeException("file", $"文件不能超过 {options.MaxVerifyUploadBytes / 1024 / 1024} MB");
        using var buffer = new MemoryStream((int)file.Length);
        await file.CopyToAsync(buffer, ct);
        return buffer.ToArray();
    }
}
