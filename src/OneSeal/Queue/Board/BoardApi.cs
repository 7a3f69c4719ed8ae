using OneSeal.Platform.Http;

namespace OneSeal.Queue.Board;

/// <summary>
/// <c>GET /api/v1/queue/board</c> (the snapshot as JSON) and <c>GET /api/v1/queue/board/stream</c> (Server-Sent Events,
/// <see cref="BoardStreams"/>), both for one hall (<c>?hall=</c>, else the first open hall). Anonymous: the hall's TV has
/// no account, so they carry numbers and window names only.
/// </summary>
public static class BoardApi
{
    public static void MapBoardApi(this IEndpointRouteBuilder app)
    {
        var g = app.MapGroup("/api/v1/queue/board").AllowAnonymous().WithTags("queue");

        g.MapGet("/", async (string? hall, HttpContext http, BoardStreams boards, CancellationToken ct) =>
            TypedResults.Ok(PublicBoardSnapshot.Of(await boards.ReadAsync(HallOf(http), ct) ?? throw new NotFoundException("没有找到该大厅。")))).WithName("getQueueBoard").WithSummary("Get the display board");

        g.MapGet("/stream", async (string? hall, HttpContext http, BoardStreams boards) =>
        {
            await boards.StreamAsync(http, HallOf(http));
            return Results.Empty;
        }).WithName("streamQueueBoard").WithSummary("Stream the display board (server-sent events)").Produces(StatusCodes.Status200OK, contentType: "text/event-stream");
    }

    /// <summary><c>?hall=</c>: absent means the first open hall; when given it must be the hall's id.</summary>
    public static Guid? HallOf(HttpContext http) =>
        !http.Request.Query.TryGetValue("hall", out var raw) ? null
        : Guid.TryParse(raw.ToString(), out var id) ? id
        : throw new InvalidInputException("hall", "format", "hall 应为大厅的编号（GUID）。");
}
