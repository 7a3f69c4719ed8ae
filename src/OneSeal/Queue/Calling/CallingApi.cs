using OneSeal.Platform.Http;
using OneSeal.Platform.Security;

namespace OneSeal.Queue.Calling;

/// <summary><c>/api/v1/queue/windows/{id}</c>: the window's queue and its calling commands, for the staff seated there.</summary>
public static class CallingApi
{
    public static void MapCallingApi(this IEndpointRouteBuilder app)
    {
        var g = app.MapGroup("/api/v1/queue/windows/{id:guid}").RequireAuthorization(AuthSetup.ApiPolicy).WithTags("queue");

        g.MapGet("/", async (Guid id, HttpContext http, WindowCalls calls, CancellationToken ct) =>
            TypedResults.Ok(await calls.ViewAsync(HttpActor.Of(http), id, ct))).WithName("getWindowQueue").WithSummary("Get a window's calling state");
        Command(g, "/call-next", "callNextTicket", "Call the next ticket (appointments and green channel first, at most Queue:PriorityBurst in a row)", (c, a, id, ct) => c.CallNextAsync(a, id, ct));
        Command(g, "/recall", "recallTicket", "Call the current ticket again (at most Queue:MaxRecalls times, Queue:RecallSeconds apart)", (c, a, id, ct) => c.RecallAsync(a, id, ct));
        Command(g, "/serve", "serveTicket", "Start serving the current ticket", (c, a, id, ct) => c.ServeAsync(a, id, ct));
        Command(g, "/finish", "finishTicket", "Finish serving the current ticket", (c, a, id, ct) => c.FinishAsync(a, id, ct));
        Command(g, "/no-show", "markTicketNoShow", "Mark the current ticket as a no-show", (c, a, id, ct) => c.NoShowAsync(a, id, ct));
        Command(g, "/pause", "pauseCalling", "Pause calling at this window", (c, a, id, ct) => c.PauseAsync(a, id, ct));
        Command(g, "/resume", "resumeCalling", "Resume calling at this window", (c, a, id, ct) => c.ResumeAsync(a, id, ct));
        g.MapPost("/transfer", async (Guid id, TransferInput? body, HttpContext http, WindowCalls calls, CancellationToken ct) =>
            TypedResults.Ok(await calls.TransferAsync(HttpActor.Of(http), id, body, ct))).WithName("transferTicket")
            .WithSummary("Transfer the current ticket to another window or business type");
    }

    private static void Command(RouteGroupBuilder g, string path, string name, string summary, Func<WindowCalls, Actor, Guid, CancellationToken, Task<WindowQueueView>> run) =>
        g.MapPost(path, async (Guid id, HttpContext http, WindowCalls calls, CancellationToken ct) =>
            TypedResults.Ok(await run(calls, HttpActor.Of(http), id, ct))).WithName(name).WithSummary(summary);
}
