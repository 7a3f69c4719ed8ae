using OneSeal.Platform.Http;
using OneSeal.Platform.Security;

namespace OneSeal.Counter.Results;

/// <summary>
/// The result window (综合窗口出件): <c>GET /api/v1/results</c> (ready for pick-up), <c>POST /api/v1/cases/{id}/pickup</c>,
/// <c>POST /api/v1/cases/{id}/pickup-code</c> (issue a new code), and <c>GET /api/v1/cases/{id}/collection</c> (fee and
/// pick-up code of a decided case, for its applicant and staff).
/// </summary>
public static class ResultsApi
{
    public static void MapResultsApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/results", async (HttpContext http, ResultWindow results, CancellationToken ct) =>
            TypedResults.Ok(await results.ReadyAsync(HttpActor.Of(http), ct))).WithName("listResults").WithSummary("List results waiting for collection")
            .RequireAuthorization(AuthSetup.ApiPolicy).WithTags("results");

        var g = app.MapGroup("/api/v1/cases").RequireAuthorization(AuthSetup.ApiPolicy).WithTags("results");
        g.MapPost("/{id:guid}/pickup", async (Guid id, PickupInput? body, HttpContext http, ResultWindow results, CancellationToken ct) =>
            TypedResults.Ok(await results.PickUpAsync(HttpActor.Of(http), id, body ?? new PickupInput(null, null, null, null, null), ct))).WithName("pickUpResult").WithSummary("Hand a case's result over at the counter");
        g.MapPost("/{id:guid}/pickup-code", async (Guid id, HttpContext http, ResultWindow results, CancellationToken ct) =>
        {
            await results.ReissueAsync(HttpActor.Of(http), id, ct);
            return TypedResults.NoContent();
        }).WithName("sendPickupCode").WithSummary("Send a new pick-up code for a case");
        g.MapGet("/{id:guid}/collection", async (Guid id, HttpContext http, CaseCollection collection, CancellationToken ct) =>
            TypedResults.Ok(await collection.ForAsync(HttpActor.Of(http), id, ct))).WithName("getCaseCollection").WithSummary("Get how a case's result is collected");
    }
}
