using OneSeal.Platform.Http;
using OneSeal.Platform.Security;

namespace OneSeal.Exchange.Webhooks;

/// <summary>
/// <c>/api/v1/subscriptions</c> (issue 13 §3): GET the subscriptions, POST one (<c>{url, eventTypes, filters, secret?}</c> →
/// <c>{id, secret}</c>), DELETE one, POST <c>/{id}/disable</c>; GET <c>/{id}/deliveries</c> (the delivery log) and POST
/// <c>/{id}/deliveries/{deliveryId}/replay</c>. The system administrator manages; the security auditor reads.
/// </summary>
public static class SubscriptionsApi
{
    public static void MapSubscriptionsApi(this IEndpointRouteBuilder app)
    {
        var g = app.MapGroup("/api/v1/subscriptions").RequireAuthorization(AuthSetup.ApiPolicy).WithTags("Subscriptions");

        g.MapGet("/", async (HttpContext http, SubscriptionAdmin admin, CancellationToken ct) =>
                TypedResults.Ok(await admin.ListAsync(HttpActor.Of(http), ct)))
            .WithName("listSubscriptions")
            .WithSummary("List webhook subscriptions with their delivery counts and alerts (system administrator; the auditor reads)")
            .ProducesProblem(401).ProducesProblem(403);

        g.MapPost("/", async (SubscriptionInput? body, HttpContext http, SubscriptionAdmin admin, CancellationToken ct) =>
            {
                var created = await admin.CreateAsync(HttpActor.Of(http), body ?? new SubscriptionInput(null, null, null, null), ct);
                return TypedResults.Created($"/api/v1/subscriptions/{created.Id}", created);
            })
            .WithName("createSubscription")
            .WithSummary("Subscribe a callback URL to events (Standard Webhooks 1.0); the secret is returned this once")
            .ProducesValidationProblem().ProducesProblem(401).ProducesProblem(403);

        g.MapDelete("/{id:guid}", async (Guid id, HttpContext http, SubscriptionAdmin admin, CancellationToken ct) =>
            {
                await admin.DeleteAsync(HttpActor.Of(http), id, ct);
                return TypedResults.NoContent();
            })
            .WithName("deleteSubscription")
            .WithSummary("Delete a subscription and its delivery log")
            .ProducesProblem(401).ProducesProblem(403).ProducesProblem(404);

        g.MapPost("/{id:guid}/disable", async (Guid id, HttpContext http, SubscriptionAdmin admin, CancellationToken ct) =>
            {
                await admin.DisableAsync(HttpActor.Of(http), id, ct);
                return TypedResults.NoContent();
            })
            .WithName("disableSubscription")
            .WithSummary("Stop a subscription: nothing more is matched or sent to it")
            .ProducesProblem(401).ProducesProblem(403).ProducesProblem(404);

        g.MapGet("/{id:guid}/deliveries", async (Guid id, int? limit, HttpContext http, SubscriptionAdmin admin, CancellationToken ct) =>
                TypedResults.Ok(await admin.DeliveriesAsync(HttpActor.Of(http), id, limit, ct)))
            .WithName("listSubscriptionDeliveries")
            .WithSummary("The delivery log of a subscription, newest event first, with each delivery's attempts (status, duration, error)")
            .ProducesValidationProblem().ProducesProblem(401).ProducesProblem(403).ProducesProblem(404);

        g.MapPost("/{id:guid}/deliveries/{deliveryId:guid}/replay", async (Guid id, Guid deliveryId, HttpContext http, SubscriptionAdmin admin,
                CancellationToken ct) => TypedResults.Accepted($"/api/v1/subscriptions/{id}/deliveries", await admin.ReplayAsync(HttpActor.Of(http), id, deliveryId, ct)))
            .WithName("replaySubscriptionDelivery")
            .WithSummary("Send a delivery again (same webhook-id), with a fresh 24-hour retry window")
            .ProducesProblem(401).ProducesProblem(403).ProducesProblem(404).ProducesProblem(409);
    }
}
