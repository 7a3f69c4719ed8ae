using OneSeal.Platform.Security;
using OneSeal.Supervision.Pushes;
using OneSeal.Supervision.Records;
using OneSeal.Supervision.Verification;

namespace OneSeal.Supervision;

public sealed record RecordCreated(Guid Id, Guid PushId, string Kind, DateOnly CheckedOn, string Result, DateTimeOffset RecordedAt);

public sealed record VerificationResultRequest(string? Result, string? Note);

/// <summary>The supervising department's API (issue 13 §1): its pushes, claiming, records (reported back) and verification results.</summary>
public static class SupervisionApi
{
    public static void MapSupervisionApi(this IEndpointRouteBuilder app)
    {
        var g = app.MapGroup("/api/v1/supervision").RequireAuthorization(AuthSetup.ApiPolicy).WithTags("supervision");

        g.MapGet("/pushes", async (string? state, HttpContext http, PushCommands pushes, CancellationToken ct) =>
                Results.Ok(await pushes.ListAsync(HttpActor.Of(http), state, ct)))
            .Produces<IReadOnlyList<PushView>>().ProducesProblem(400).ProducesProblem(403)
            .WithName("listSupervisionPushes")
            .WithSummary("The department's pushes, by state: to-claim, claimed, overdue (all when omitted)");

        g.MapPost("/pushes/{id:guid}/claim", async (Guid id, HttpContext http, PushCommands pushes, CancellationToken ct) =>
                Results.Ok(await pushes.ClaimAsync(HttpActor.Of(http), id, ct)))
            .Produces<PushView>().ProducesProblem(403).ProducesProblem(404).ProducesProblem(409)
            .WithName("claimSupervisionPush")
            .WithSummary("Claim a push for the department (records who and when)");

        g.MapPost("/pushes/{id:guid}/records", async (Guid id, RecordInput? body, HttpContext http, RecordCommands records, CancellationToken ct) =>
            {
                var r = await records.AddAsync(HttpActor.Of(http), id, body ?? new RecordInput(null, null, null, null, null), [], ct);
                return Results.Created((string?)null,
                    new RecordCreated(r.Id, r.PushId, RecordLabels.Api(r.Kind), r.CheckedOn, RecordLabels.Api(r.Result), r.RecordedAt));
            })
            .Produces<RecordCreated>(201).ProducesProblem(400).ProducesProblem(403).ProducesProblem(404).ProducesProblem(409)
            .WithName("addSupervisionRecord")
            .WithSummary("Record a supervision (routine or random inspection, rectification, case filed) on a claimed push and report it back");

        g.MapPost("/verifications/{id:guid}/result", async (Guid id, VerificationResultRequest? body, HttpContext http,
                VerificationCommands verifications, CancellationToken ct) =>
                Results.Ok(await verifications.RecordResultAsync(HttpActor.Of(http), id, body?.Result, body?.Note, ct)))
            .Produces<VerificationView>().ProducesProblem(400).ProducesProblem(403).ProducesProblem(404).ProducesProblem(409)
            .WithName("recordVerificationResult")
            .WithSummary("Record a commitment verification's result: truthful, or untruthful with a note (the bureau chief then revokes)");
    }
}
