using OneSeal.Platform.Security;

namespace OneSeal.Organisation.Applicants;

public static class AgentsApi
{
    public static void MapAgentsApi(this IEndpointRouteBuilder app)
    {
        var g = app.MapGroup("/api/v1/my/agents").RequireAuthorization(AuthSetup.ApiPolicy).WithTags("accounts");

        g.MapGet("/", async (HttpContext http, Agents agents, CancellationToken ct) => Results.Ok(await agents.ListAsync(HttpActor.Of(http), ct))).WithName("listMyAgents")
            .Produces<MyAgentsView>().ProducesProblem(403)
            .WithSummary("List my enterprise's agents");

        g.MapPost("/", async (GrantAgentRequest? body, HttpContext http, Agents agents, CancellationToken ct) =>
                Results.Created((string?)null, await agents.GrantAsync(HttpActor.Of(http), body, ct))).WithName("addMyAgent")
            .Produces<AgentGrantView>(201).ProducesValidationProblem().ProducesProblem(403).ProducesProblem(409)
            .WithSummary("Authorise an agent for my enterprise");

        g.MapDelete("/{id:guid}", async (Guid id, HttpContext http, Agents agents, CancellationToken ct) =>
            {
                await agents.RevokeAsync(HttpActor.Of(http), id, ct);
                return Results.NoContent();
            }).WithName("removeMyAgent")
            .Produces(204).ProducesProblem(403).ProducesProblem(404)
            .WithSummary("Withdraw an agent's authorisation");
    }
}
