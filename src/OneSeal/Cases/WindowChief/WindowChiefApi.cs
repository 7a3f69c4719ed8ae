using OneSeal.Cases;
using OneSeal.Cases.Api;
using OneSeal.Hall.StandIn;
using OneSeal.Platform.Http;
using OneSeal.Platform.Security;

namespace OneSeal.Cases.WindowChief;

public sealed record ReassignRequest(string? To, string? Reason);
public sealed record PreReviewCreated(Guid Id, Guid CaseId, IReadOnlyList<string> Items, string? Note);

/// <summary>
/// Issue 11 §4 and §7: the powers on a case (<c>/api/v1/cases/{id}/decide-at-window|pre-review|joint-review|reassign</c>),
/// the departments' answers (<c>/api/v1/joint-reviews</c>), and the stand-in queue (<c>/api/v1/windows/{id}/stand-in</c>).
/// Grants and absences: <see cref="Hall.Chief.HallChiefApi"/>.
/// </summary>
public static class WindowChiefApi
{
    public static void MapWindowChiefApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1").RequireAuthorization(AuthSetup.ApiPolicy);
        static int? Version(HttpContext http) => IfMatch.Read(http, "办件版本号");
        static CaseCreated Moved(Case c) => new(c.Id, c.CaseNumber, CaseStatusLabels.Api(c.Status));

        var cases = api.MapGroup("/cases").WithTags("window chief");
        cases.MapPost("/{id:guid}/decide-at-window", async (Guid id, DecideRequest? body, HttpContext http, WindowChiefCommands chief, CancellationToken ct) =>
            TypedResults.Ok(Moved(await chief.DecideAsync(HttpActor.Of(http), id, body?.Approve, body?.Reason, Version(http), ct)))).WithName("decideCaseAtWindow").WithSummary("Decide a case at the window (window chief)");
        cases.MapPost("/{id:guid}/pre-review", async (Guid id, PreReviewRequest? body, HttpContext http, WindowChiefCommands chief, CancellationToken ct) =>
        {
            var review = await chief.PreReviewAsync(HttpActor.Of(http), id, body?.Items, body?.Note, Version(http), ct);
            return TypedResults.Created($"/api/v1/cases/{id}/pre-reviews", new PreReviewCreated(review.Id, id, review.Items, review.Note));
        }).WithName("preReviewCase").WithSummary("Record a pre-review of a case");
        cases.MapGet("/{id:guid}/pre-reviews", async (Guid id, HttpContext http, PreReviewQueries q, CancellationToken ct) =>
            TypedResults.Ok(await q.ForCaseAsync(HttpActor.Of(http), id, ct))).WithName("listCasePreReviews").WithSummary("List a case's pre-reviews");
        cases.MapPost("/{id:guid}/joint-review", async (Guid id, JointReviewRequest? body, HttpContext http, WindowChiefCommands chief,
            JointReviewQueries q, CancellationToken ct) =>
        {
            var actor = HttpActor.Of(http);
            var made = await chief.RequestJointReviewAsync(actor, id, body?.Departments, body?.DueInDays, body?.Question, Version(http), ct);
            var all = await q.ForCaseAsync(actor, id, ct);
            return TypedResults.Created($"/api/v1/cases/{id}/joint-reviews", all.Where(v => made.Any(m => m.Id == v.Id)).ToList());
        }).WithName("startJointReview").WithSummary("Start a joint review of a case");
        cases.MapGet("/{id:guid}/joint-reviews", async (Guid id, HttpContext http, JointReviewQueries q, CancellationToken ct) =>
            TypedResults.Ok(await q.ForCaseAsync(HttpActor.Of(http), id, ct))).WithName("listCaseJointReviews").WithSummary("List a case's joint reviews");
        cases.MapPost("/{id:guid}/reassign", async (Guid id, ReassignRequest? body, HttpContext http, WindowChiefCommands chief, CancellationToken ct) =>
            TypedResults.Ok(Moved(await chief.ReassignAsync(HttpActor.Of(http), id, body?.To, body?.Reason, Version(http), ct)))).WithName("reassignCase").WithSummary("Reassign a case to another clerk");

        var joint = api.MapGroup("/joint-reviews").WithTags("window chief");
        // ?mine: the reader's department's requests (a window chief: those on the cases the role reaches); ?open=true: unanswered only.
        joint.MapGet("/", async (string? mine, string? open, HttpContext http, JointReviewQueries q, CancellationToken ct) =>
            TypedResults.Ok(await q.ListAsync(HttpActor.Of(http), open is "true" or "1", ct))).WithName("listJointReviews").WithSummary("List joint reviews (mine or open)");
        joint.MapPost("/{id:guid}/opinion", async (Guid id, OpinionRequest? body, HttpContext http, WindowChiefCommands chief, JointReviewQueries q,
            CancellationToken ct) =>
        {
            var actor = HttpActor.Of(http);
            var answered = await chief.AnswerAsync(actor, id, body?.Opinion, body?.Agree, ct);
            return TypedResults.Ok((await q.ListAsync(actor, false, ct)).First(v => v.Id == answered.Id));
        }).WithName("giveJointReviewOpinion").WithSummary("Give an opinion in a joint review");

        // The absent A post's queue for the B post standing in (§7).
        app.MapGroup("/api/v1/windows").RequireAuthorization(AuthSetup.ApiPolicy).WithTags("windows")
            .MapGet("/{id:guid}/stand-in", async (Guid id, HttpContext http, StandInCases standIn, CancellationToken ct) =>
                TypedResults.Ok(await standIn.QueueAsync(HttpActor.Of(http), id, ct)))
            .WithName("listStandInCases").WithSummary("List the absent A post's queue for the standing-in B post");
    }
}
