using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc;
using OneSeal.Platform.Http;
using OneSeal.Platform.Security;
using OneSeal.Platform.Spreadsheets;

namespace OneSeal.Organisation.Staff;

/// <summary>
/// <c>/api/v1/admin/staff</c>: the list and one account (system and security administrator), create, edit, disable,
/// re-enable, photo and xlsx import (system administrator), roles (security administrator).
/// </summary>
public static class StaffApi
{
    public static void MapStaffApi(this IEndpointRouteBuilder app)
    {
        var g = app.MapGroup("/api/v1/admin/staff").RequireAuthorization(AuthSetup.ApiPolicy).WithTags("staff");

        g.MapGet("/", async (string? organisationId, string? role, string? disabled, string? q, int? page, int? pageSize,
            HttpContext http, StaffQueries staff, CancellationToken ct) =>
        {
            var filter = new StaffFilter(ParseGuid(organisationId, "organisationId"), StaffFields.Clean(role), ParseBool(disabled, "disabled"),
                page ?? 1, pageSize ?? 20, q);
            return TypedResults.Ok(await staff.ListAsync(HttpActor.Of(http), filter, ct));
        }).WithName("listStaff").WithSummary("List staff");

        g.MapGet("/{id:guid}", async (Guid id, HttpContext http, StaffQueries staff, CancellationToken ct) =>
            TypedResults.Ok(await staff.GetAsync(HttpActor.Of(http), id, ct))).WithName("getStaff").WithSummary("Get a staff member");

        g.MapPost("/", async (CreateStaffRequest? body, HttpContext http, StaffAdmin admin, StaffQueries staff, CancellationToken ct) =>
        {
            var actor = HttpActor.Of(http);
            var account = await admin.CreateAsync(actor, body ?? Empty, ct);
            return TypedResults.Created($"/api/v1/admin/staff/{account.Id}", await staff.GetAsync(actor, account.Id, ct));
        }).WithName("createStaff").WithSummary("Create a staff member");

        g.MapPut("/{id:guid}", async (Guid id, EditStaffRequest? body, HttpContext http, StaffAdmin admin, CancellationToken ct) =>
        {
            await admin.EditAsync(HttpActor.Of(http), id, body ?? new EditStaffRequest(null, null, null, null), ct);
            return TypedResults.NoContent();
        }).WithName("updateStaff").WithSummary("Update a staff member");

        g.MapPut("/{id:guid}/roles", async (Guid id, SetRolesRequest? body, HttpContext http, StaffAdmin admin, CancellationToken ct) =>
        {
            await admin.SetRolesAsync(HttpActor.Of(http), id, body ?? new SetRolesRequest(null), ct);
            return TypedResults.NoContent();
        }).WithName("setStaffRoles").WithSummary("Set a staff member's roles");

        g.MapPost("/{id:guid}/disable", async (Guid id, HttpContext http, StaffAdmin admin, CancellationToken ct) =>
        {
            await admin.DisableAsync(HttpActor.Of(http), id, ct);
            return TypedResults.NoContent();
        }).WithName("disableStaff").WithSummary("Disable a staff member");

        g.MapPost("/{id:guid}/enable", async (Guid id, HttpContext http, StaffAdmin admin, CancellationToken ct) =>
        {
            await admin.EnableAsync(HttpActor.Of(http), id, ct);
            return TypedResults.NoContent();
        }).WithName("enableStaff").WithSummary("Enable a staff member");

        g.MapGet("/{id:guid}/photo", async Task<IResult> (Guid id, HttpContext http, StaffPhotos photos, CancellationToken ct) =>
            await photos.GetAsync(HttpActor.Of(http), id, ct) is { } photo
                ? TypedResults.File(photo.Bytes, photo.ContentType)
                : TypedResults.Problem(title: "该工作人员尚未上传照片。", statusCode: 404, type: "https://oneseal.example/problems/not-found")).WithName("getStaffPhoto").WithSummary("Get a staff member's photo");

        g.MapPost("/{id:guid}/photo", async (Guid id, HttpContext http, StaffPhotos photos, CancellationToken ct) =>
        {
            var actor = HttpActor.Of(http);
            StaffAccess.EnsureAdmin(actor);
            await using var content = await PhotoBodyAsync(http.Request, ct);
            await photos.SetAsync(actor, id, content, ct);
            return TypedResults.NoContent();
        }).WithName("uploadStaffPhoto").WithSummary("Upload a staff member's photo").DisableAntiforgery();

        g.MapGet("/import/template", async (HttpContext http, StaffTemplate template, CancellationToken ct) =>
            TypedResults.File(await template.CreateAsync(HttpActor.Of(http), ct), XlsxBook.ContentType, StaffTemplate.FileName)).WithName("getStaffImportTemplate").WithSummary("Download the staff import template");

        g.MapPost("/import", async Task<IResult> (HttpContext http, StaffImport import, CancellationToken ct) =>
        {
            var actor = HttpActor.Of(http);
            StaffAccess.EnsureAdmin(actor);
            await using var file = await ImportUpload.ReadAsync(http.Request, StaffImport.MaxBytes, ct);
            try
            {
                var created = await import.RunAsync(actor, file, ct);
                return TypedResults.Ok(new { created });
            }
            catch (StaffImportRejectedException e)
            {
                return TypedResults.Problem(Problem(e, http));
            }
        }).WithName("importStaff").WithSummary("Import staff from a spreadsheet").DisableAntiforgery();
    }

    private static readonly CreateStaffRequest Empty = new(null, null, null, null, null);

    /// <summary>The 400 of a rejected import: <c>errors</c> lists each bad cell (row, column header, message).</summary>
    public static ProblemDetails Problem(StaffImportRejectedException e, HttpContext http)
    {
        var problem = new ProblemDetails { Status = e.StatusCode, Title = e.Message, Detail = e.Message, Type = $"https://oneseal.example/problems/{e.Rule}" };
        problem.Extensions["rule"] = e.Rule;
        problem.Extensions["errors"] = e.Errors.Take(200).ToList();
        problem.Extensions["traceId"] = http.TraceIdentifier;
        return problem;
    }

    /// <summary>The photo from multipart field <c>file</c> or the raw body; the size is capped before and while reading.</summary>
    private static async Task<Stream> PhotoBodyAsync(HttpRequest request, CancellationToken ct)
    {
        const long overhead = 16 * 1024;
        if (request.ContentLength > StaffPhotos.MaxBytes + overhead) throw new TooLargeException("file", "照片不能超过 1 MB。");
        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
            size.MaxRequestBodySize = StaffPhotos.MaxBytes + overhead;
        if (!request.HasFormContentType) return request.Body;
        var form = await request.ReadFormAsync(ct);
        var file = form.Files.GetFile("file") ?? throw new InvalidInputException("file", "required", "请选择照片文件（PNG 或 JPEG）。");
        return file.OpenReadStream();
    }

    private static Guid? ParseGuid(string? value, string field) =>
        StaffFields.Clean(value) is not { } v ? null
        : Guid.TryParse(v, out var id) ? id : throw new InvalidInputException(field, "format", $"{field} 不是有效的标识。");

    private static bool? ParseBool(string? value, string field) =>
        StaffFields.Clean(value) is not { } v ? null
        : bool.TryParse(v, out var b) ? b : throw new InvalidInputException(field, "format", $"{field} 应为 true 或 false。");
}
