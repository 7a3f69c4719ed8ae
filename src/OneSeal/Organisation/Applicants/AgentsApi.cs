using OneSeal.Platform.Security;

namespace OneSeal.Organisation.Applicants;

public static class AgentsApi
{
    public static void MapAgentsApi(this IEndpointRouteBuilder app)
    {
        var g = app.MapGroup("/api/v1/my/agents").RequireAuthorization(AuthSetup.ApiPolicy).WithTags("accounts");

        g.MapGet("/", async (HttpContext http, Agents agents, CancellationToken ct) => Results.Ok(await agents.ListAsync(HttpActor.Of(http), ct)))
            .Produces<MyAgentsView>().ProducesProblem(403)
            .WithSummary("企业账号：本企业的经办人授权；个人账号：本人可代为办理的企业");

        g.MapPost("/", async (GrantAgentRequest? body, HttpContext http, Agents agents, CancellationToken ct) =>
                Results.Created((string?)null, await agents.GrantAsync(HttpActor.Of(http), body, ct)))
            .Produces<AgentGrantView>(201).ProducesValidationProblem().ProducesProblem(403).ProducesProblem(409)
            .WithSummary("企业账号授权经办人（已注册并验证手机号码的个人账号，按手机号码或身份证号码查找），须填授权截止日期");

        g.MapDelete("/{id:guid}", async (Guid id, HttpContext http, Agents agents, CancellationToken ct) =>
            {
                await agents.RevokeAsync(HttpActor.Of(http), id, ct);
                return Results.NoContent();
            })
            .Produces(204).ProducesProblem(403).ProducesProblem(404)
            .WithSummary("企业账号撤销经办人授权");
    }
}
