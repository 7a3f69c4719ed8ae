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
        }).AllowAnonymous().WithSummary("取号：theme 业务类型代码；可选 idNumber 身份证号码、appointmentId 预约签到、priority 绿色通道");

        g.MapGet("/{id:guid}", async (Guid id, TicketDesk desk, CancellationToken ct) => TypedResults.Ok(await desk.ViewAsync(id, ct)))
            .AllowAnonymous().WithSummary("排队号状态：前面等候人数、预计等候分钟数");
    }
}
