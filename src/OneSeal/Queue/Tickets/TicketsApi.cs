using OneSeal.Platform.Security;

namespace OneSeal.Queue.Tickets;

/// <summary>
/// <c>/api/v1/queue/tickets</c>: take a number (anonymous: the kiosk and phones have no account; limited per client
/// address) and read a ticket's standing by its id.
/// </summary>
public static class TicketsApi
{
    public static void MapTicketsApi(this IEndpointRouteBuilder app)
    {
        var g = app.MapGroup("/api/v1/queue/tickets").WithTags("queue");

        g.MapPost("/", async (TicketInput? body, HttpContext http, TicketRateLimit limit, TicketDesk desk, CancellationToken ct) =>
        {
            limit.Check(http);
            var ticket = await desk.TakeAsync(Actor.From(http.User), body is null ? null : body with { Channel = "phone" }, ct);
            return TypedResults.Created($"/api/v1/queue/tickets/{ticket.Id}", ticket);
        }).WithName("takeTicket").AllowAnonymous().WithSummary("Take a queue ticket");

        g.MapGet("/{id:guid}", async (Guid id, TicketDesk desk, CancellationToken ct) => TypedResults.Ok(await desk.ViewAsync(id, ct))).WithName("getTicket")
            .AllowAnonymous().WithSummary("Get a ticket's place in the queue");
    }
}
