using OneSeal.Platform.Http;
using OneSeal.Platform.Security;

namespace OneSeal.Hall;

/// <summary><c>/api/v1/admin/windows</c>: GET list (<c>?hallId=</c>), POST create, PUT <c>/{id}</c>, POST <c>/{id}/close</c>. System administrator only.</summary>
public static class WindowsApi
{
    public static void MapWindowsApi(this IEndpointRouteBuilder app)
    {
        var g = app.MapGroup("/api/v1/admin/windows").RequireAuthorization(AuthSetup.ApiPolicy).WithTags("admin-windows");

        g.MapGet("/", async (Guid? hallId, HttpContext http, WindowQueries q, CancellationToken ct) =>
            TypedResults.Ok(await q.ListAsync(HttpActor.Of(http), hallId, ct))).WithName("listWindows").WithSummary("List the hall's windows");

        g.MapPost("/", async (WindowInput? body, HttpContext http, WindowAdmin admin, WindowQueries q, CancellationToken ct) =>
        {
            var actor = HttpActor.Of(http);
            var w = await admin.CreateAsync(actor, body ?? throw Empty(), ct);
            return TypedResults.Created($"/api/v1/admin/windows/{w.Id}", await q.FindAsync(actor, w.Id, ct));
        }).WithName("createWindow").WithSummary("Create a window");

        g.MapPut("/{id:guid}", async (Guid id, WindowInput? body, HttpContext http, WindowAdmin admin, WindowQueries q, CancellationToken ct) =>
        {
            var actor = HttpActor.Of(http);
            await admin.EditAsync(actor, id, body ?? throw Empty(), ct);
            return TypedResults.Ok(await q.FindAsync(actor, id, ct));
        }).WithName("updateWindow").WithSummary("Update a window");

        g.MapPost("/{id:guid}/close", async (Guid id, WindowClose? body, HttpContext http, WindowAdmin admin, WindowQueries q, CancellationToken ct) =>
        {
            var actor = HttpActor.Of(http);
            await admin.CloseAsync(actor, id, body?.Reason, ct);
            return TypedResults.Ok(await q.FindAsync(actor, id, ct));
        }).WithName("closeWindow").WithSummary("Close a window");
    }

    private static InvalidInputException Empty() => new("body", "required", "请求体不能为空。");
}
