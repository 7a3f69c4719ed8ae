using OneSeal.Platform.Http;
using OneSeal.Platform.Security;

namespace OneSeal.Seal.Administration;

/// <summary><c>/api/v1/admin/seals</c>: the system administrator's seals (list, create, rotate, impression, custodian, usage).</summary>
public static class SealAdminApi
{
    public static IEndpointRouteBuilder MapSealAdminApi(this IEndpointRouteBuilder app)
    {
        var g = app.MapGroup("/api/v1/admin/seals").RequireAuthorization(AuthSetup.ApiPolicy).WithTags("seals");

        g.MapGet("/", (HttpContext http, SealAdmin seals, CancellationToken ct) => seals.ListAsync(ActorOf(http), ct)).WithName("listSeals")
            .WithSummary("List seals");

        g.MapPost("/", async (CreateSealRequest? body, HttpContext http, SealAdmin seals, CancellationToken ct) =>
            {
                var seal = await seals.CreateAsync(body, ActorOf(http), ct);
                return Results.Created($"/api/v1/admin/seals/{seal.Id}", seal);
            }).WithName("createSeal")
            .Produces<SealView>(201)
            .WithSummary("Create a seal");

        g.MapGet("/{id:guid}", (Guid id, HttpContext http, SealAdmin seals, CancellationToken ct) => seals.GetAsync(id, ActorOf(http), ct)).WithName("getSeal")
            .WithSummary("Get a seal");

        g.MapPost("/{id:guid}/rotate", (Guid id, HttpContext http, SealAdmin seals, CancellationToken ct) => seals.RotateAsync(id, ActorOf(http), ct)).WithName("rotateSealKey")
            .WithSummary("Rotate a seal's key");

        g.MapPut("/{id:guid}/custodian", (Guid id, CustodianRequest? body, HttpContext http, SealAdmin seals, CancellationToken ct) =>
                seals.SetCustodianAsync(id, body, ActorOf(http), ct)).WithName("setSealCustodian")
            .WithSummary("Set a seal's custodian");

        g.MapPut("/{id:guid}/image", async (Guid id, HttpRequest request, SealAdmin seals, CancellationToken ct) =>
                await seals.SetImageAsync(id, await UploadedPngAsync(request, ct), ActorOf(request.HttpContext), ct)).WithName("setSealImage").WithSummary("Upload a seal's image")
            .Accepts<IFormFile>("multipart/form-data")
            .DisableAntiforgery() // bearer tokens only (the API policy): no cookie for a forged form to ride on
            .WithSummary($"上传印模图片（PNG，不超过 {SealImage.MaxBytes / 1024} KB，字段 file）");

        g.MapGet("/{id:guid}/image", async (Guid id, HttpContext http, SealAdmin seals, CancellationToken ct) =>
                await seals.ImageAsync(id, ActorOf(http), ct) is { } png ? Results.File(png, "image/png") : Results.NotFound()).WithName("getSealImage")
            .Produces(200, contentType: "image/png")
            .WithSummary("Get a seal's image");

        g.MapGet("/{id:guid}/usage", (Guid id, int? page, HttpContext http, SealAdmin seals, CancellationToken ct) =>
                seals.UsageAsync(id, page, ActorOf(http), ct)).WithName("listSealUsage")
            .WithSummary("List a seal's usage");

        return app;
    }

    /// <summary>The <c>file</c> field of a multipart form, read up to the limit (one byte more tells it is too large).</summary>
    internal static async Task<byte[]> UploadedPngAsync(HttpRequest request, CancellationToken ct)
    {
        if (!request.HasFormContentType)
            throw new InvalidInputException("file", "required", "请以 multipart/form-data 上传字段 file（印模 PNG 图片）");
        var form = await request.ReadFormAsync(ct);
        var file = form.Files.GetFile("file") ?? throw new InvalidInputException("file", "required", "请上传印模图片（字段 file）");
        return await ReadAsync(file, ct);
    }

    internal static async Task<byte[]> ReadAsync(IFormFile file, CancellationToken ct)
    {
        if (file.Length > SealImage.MaxBytes) throw new InvalidInputException("file", "max-size", $"印模图片不能超过 {SealImage.MaxBytes / 1024} KB");
        using var buffer = new MemoryStream((int)file.Length);
        await file.CopyToAsync(buffer, ct);
        return buffer.ToArray();
    }

    private static Actor ActorOf(HttpContext http) => Actor.From(http.User) ?? throw new ForbiddenException("no-actor", "无法识别当前用户");
}
