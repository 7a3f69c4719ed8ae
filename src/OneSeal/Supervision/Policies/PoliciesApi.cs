using OneSeal.Platform.Http;
using OneSeal.Platform.Security;

namespace OneSeal.Supervision.Policies;

/// <summary><c>/api/v1/policies</c>: departments publish policy documents to the bureau; a section chief signs for them (issue 13 §2).</summary>
public static class PoliciesApi
{
    public static void MapPoliciesApi(IEndpointRouteBuilder app)
    {
        var g = app.MapGroup("/api/v1/policies").RequireAuthorization(AuthSetup.ApiPolicy).WithTags("policies");

        g.MapPost("/", async (PolicyInput? body, HttpContext http, PolicyCommands policies, CancellationToken ct) =>
            {
                if (body is null) throw new InvalidInputException("body", "required", "请求体不能为空。");
                var created = await policies.PublishAsync(HttpActor.Of(http), body, [], ct);
                return TypedResults.Created($"/api/v1/policies/{created.Id}", created);
            }).WithName("publishPolicy").WithSummary("Publish a policy document or standard to the bureau (department staff)")
            .ProducesValidationProblem().ProducesProblem(403).ProducesProblem(409);

        g.MapGet("/", async (string? state, HttpContext http, PolicyQueries q, CancellationToken ct) =>
                TypedResults.Ok(await q.ListAsync(HttpActor.Of(http), state, ct)))
            .WithName("listPolicies").WithSummary("List policy documents: a department's own, or all for a section chief")
            .ProducesProblem(400).ProducesProblem(403);

        g.MapGet("/{id:guid}", async (Guid id, HttpContext http, PolicyQueries q, CancellationToken ct) =>
                TypedResults.Ok(await q.GetAsync(HttpActor.Of(http), id, ct)))
            .WithName("getPolicy").WithSummary("Get a policy document").ProducesProblem(403).ProducesProblem(404);

        g.MapPost("/{id:guid}/acknowledge", async (Guid id, HttpContext http, PolicyCommands policies, PolicyQueries q, CancellationToken ct) =>
                TypedResults.Ok(await policies.AcknowledgeAsync(HttpActor.Of(http), id, q, ct)))
            .WithName("acknowledgePolicy").WithSummary("Sign for a policy document on the bureau's behalf (section chief)")
            .ProducesProblem(403).ProducesProblem(404).ProducesProblem(409);

        g.MapPost("/{id:guid}/attachments", async (Guid id, IFormFile? file, HttpContext http, PolicyCommands policies, CancellationToken ct) =>
            {
                if (file is null) throw new InvalidInputException("file", "required", "请选择要上传的附件（file）。");
                var added = await policies.AttachAsync(HttpActor.Of(http), id, new PolicyUpload(file.FileName, file.Length, file.OpenReadStream), ct);
                return TypedResults.Created($"/api/v1/policies/{id}/attachments/{added.Id}", added);
            }).WithName("attachPolicyFile").WithSummary("Attach a file (PDF, OFD or Word) to a policy document")
            .DisableAntiforgery().ProducesValidationProblem().ProducesProblem(403).ProducesProblem(404).ProducesProblem(413);

        g.MapGet("/{id:guid}/attachments/{attachmentId:guid}", async (Guid id, Guid attachmentId, HttpContext http, PolicyQueries q, CancellationToken ct) =>
            {
                var (file, content) = await q.AttachmentAsync(HttpActor.Of(http), id, attachmentId, ct);
                return Results.File(content, file.ContentType, file.FileName);
            }).WithName("downloadPolicyFile").WithSummary("Download a policy document's attachment")
            .Produces(StatusCodes.Status200OK, contentType: "application/pdf", additionalContentTypes: ["application/ofd", "application/msword",
                "application/vnd.openxmlformats-officedocument.wordprocessingml.document"])
            .ProducesProblem(403).ProducesProblem(404);
    }
}
