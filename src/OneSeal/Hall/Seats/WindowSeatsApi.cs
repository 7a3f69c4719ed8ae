using OneSeal.Organisation;
using OneSeal.Platform.Http;
using OneSeal.Platform.Security;

namespace OneSeal.Hall.Seats;

/// <summary>A window as the hall's staff see it: who sits there today, and whether the reader may sign in there.</summary>
public sealed record HallWindow(WindowView Window, IReadOnlyList<SeatHolder> SignedIn, bool MayTakeSeat);
public sealed record SeatHolder(string Name, string Post, string PostLabel);
/// <summary>Where the reader sits today; <c>window</c> null when not signed in.</summary>
public sealed record MySeat(WindowView? Window, string? Post, string? PostLabel, DateTimeOffset? SignedInAt);

/// <summary>
/// <c>/api/v1/windows</c>: GET the hall's open windows with today's seats (staff), POST create (system administrator,
/// as <c>/api/v1/admin/windows</c>), <c>GET /mine</c>, <c>POST /{id}/sign-in</c>, <c>POST /sign-out</c>.
/// </summary>
public static class WindowSeatsApi
{
    public static void MapWindowSeatsApi(this IEndpointRouteBuilder app)
    {
        var g = app.MapGroup("/api/v1/windows").RequireAuthorization(AuthSetup.ApiPolicy).WithTags("windows");

        g.MapGet("/", async (Guid? hallId, HttpContext http, HallWindows hall, CancellationToken ct) =>
            TypedResults.Ok(await hall.ListAsync(HttpActor.Of(http), hallId, ct))).WithName("listWindowSeats").WithSummary("List windows and who sits at them today");

        g.MapPost("/", async (WindowInput? body, HttpContext http, WindowAdmin admin, WindowQueries q, CancellationToken ct) =>
        {
            var actor = HttpActor.Of(http);
            var w = await admin.CreateAsync(actor, body ?? throw new InvalidInputException("body", "required", "请求体不能为空。"), ct);
            return TypedResults.Created($"/api/v1/windows/{w.Id}", await q.FindAsync(actor, w.Id, ct));
        }).WithName("createWindowSeat").WithSummary("Open a window seat");

        g.MapGet("/mine", async (HttpContext http, HallWindows hall, CancellationToken ct) =>
            TypedResults.Ok(await hall.MineAsync(HttpActor.Of(http), ct))).WithName("getMyWindow").WithSummary("Get the window I sit at today");

        g.MapPost("/{id:guid}/sign-in", async (Guid id, HttpContext http, WindowSeats seats, HallWindows hall, CancellationToken ct) =>
        {
            var actor = HttpActor.Of(http);
            await seats.SignInAsync(actor, id, ct);
            return TypedResults.Ok(await hall.MineAsync(actor, ct));
        }).WithName("signInAtWindow").WithSummary("Sign in at a window");

        g.MapPost("/sign-out", async (HttpContext http, WindowSeats seats, HallWindows hall, CancellationToken ct) =>
        {
            var actor = HttpActor.Of(http);
            await seats.SignOutAsync(actor, ct);
            return TypedResults.Ok(await hall.MineAsync(actor, ct));
        }).WithName("signOutOfWindow").WithSummary("Sign out of my window");
    }
}
