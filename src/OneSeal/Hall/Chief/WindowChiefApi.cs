using OneSeal.Cases;
using OneSeal.Cases.Api;
using OneSeal.Hall.StandIn;
using OneSeal.Platform.Http;
using OneSeal.Platform.Security;

namespace OneSeal.Hall.Chief;

public sealed record ReassignRequest(string? To, string? Reason);
public sealed record PreReviewCreated(Guid Id, Guid CaseId, IReadOnlyList<string> Items, string? Note);

/// <summary>
/// Issue 11 §4 and §7: the powers' grants (<c>/api/v1/admin/staff/{id}/powers</c>, security administrator), the powers on a
/// case (<c>/api/v1/cases/{id}/decide-at-window|pre-review|joint-review|reassign</c>), the departments' answers
/// (<c>/api/v1/joint-reviews</c>), and A/B posts (<c>/api/v1/windows/{id}/absence</c>, <c>/stand-in</c>).
/// </summary>
public static class WindowChiefApi
{
    public static void MapWindowChiefApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1").RequireAuthorization(AuthSetup.ApiPolicy);
        static int? Version(HttpContext http) => IfMatch.Read(http, "办件版本号");
        static CaseCreated Moved(Case c) => new(c.Id, c.CaseNumber, CaseStatusLabels.Api(c.Status));

        var staff = api.MapGroup("/admin/staff").WithTags("staff");
        staff.MapGet("/{id:guid}/powers", async (Guid id, HttpContext http, WindowChiefPowers powers, CancellationToken ct) =>
            TypedResults.Ok(await powers.ListAsync(HttpActor.Of(http), id, ct)));
        staff.MapPut("/{id:guid}/powers", async (Guid id, SetPowersRequest? body, HttpContext http, WindowChiefPowers powers, CancellationToken ct) =>
        {
            var actor = HttpActor.Of(http);
            await powers.SetAsync(actor, id, body ?? new SetPowersRequest(null), ct);
            return TypedResults.Ok(await powers.ListAsync(actor, id, ct));
        });

        var cases = api.MapGroup("/cases").WithTags("window chief");
        cases.MapPost("/{id:guid}/decide-at-window", async (Guid id, DecideRequest? body, HttpContext http, WindowChiefCommands chief, CancellationToken ct) =>
            TypedResults.Ok(Moved(await chief.DecideAsync(HttpActor.Of(http), id, body?.Approve, body?.Reason, Version(http), ct))));
        cases.MapPost("/{id:guid}/pre-review", async (Guid id, PreReviewRequest? body, HttpContext http, WindowChiefCommands chief, CancellationToken ct) =>
        {
            var review = await chief.PreReviewAsync(HttpActor.Of(http), id, body?.Items, body?.Note, Version(http), ct);
            return TypedResults.Created($"/api/v1/cases/{id}/pre-reviews", new PreReviewCreated(review.Id, id, review.Items, review.Note));
        });
        cases.MapGet("/{id:guid}/pre-reviews", async (Guid id, HttpContext http, PreReviewQueries q, CancellationToken ct) =>
            TypedResults.Ok(await q.ForCaseAsync(HttpActor.Of(http), id, ct)));
        cases.MapPost("/{id:guid}/joint-review", async (Guid id, JointReviewRequest? body, HttpContext http, WindowChiefCommands chief,
            JointReviewQueries q, CancellationToken ct) =>
        {
            var actor = HttpActor.Of(http);
            var made = await chief.RequestJointReviewAsync(actor, id, body?.Departments, body?.DueInDays, body?.Question, Version(http), ct);
            var all = await q.ForCaseAsync(actor, id, ct);
            return TypedResults.Created($"/api/v1/cases/{id}/joint-reviews", all.Where(v => made.Any(m => m.Id == v.Id)).ToList());
        });
        cases.MapGet("/{id:guid}/joint-reviews", async (Guid id, HttpContext http, JointReviewQueries q, CancellationToken ct) =>
            TypedResults.Ok(await q.ForCaseAsync(HttpActor.Of(http), id, ct)));
        cases.MapPost("/{id:guid}/reassign", async (Guid id, ReassignRequest? body, HttpContext http, WindowChiefCommands chief, CancellationToken ct) =>
            TypedResults.Ok(Moved(await chief.ReassignAsync(HttpActor.Of(http), id, body?.To, body?.Reason, Version(http), ct))));

        var joint = api.MapGroup("/joint-reviews").WithTags("window chief");
        // ?mine: the reader's department's requests (a window chief: those on the cases the role reaches); ?open=true: unanswered only.
        joint.MapGet("/", async (string? mine, string? open, HttpContext http, JointReviewQueries q, CancellationToken ct) =>
            TypedResults.Ok(await q.ListAsync(HttpActor.Of(http), open is "true" or "1", ct)));
        joint.MapPost("/{id:guid}/opinion", async (Guid id, OpinionRequest? body, HttpContext http, WindowChiefCommands chief, JointReviewQueries q,
            CancellationToken ct) =>
        {
            var actor = HttpActor.Of(http);
            var answered = await chief.AnswerAsync(actor, id, body?.Opinion, body?.Agree, ct);
            return TypedResults.Ok((await q.ListAsync(actor, false, ct)).First(v => v.Id == answered.Id));
        });

        var windows = api.MapGroup("/windows").WithTags("windows");
        windows.MapPost("/{id:guid}/absence", async (Guid id, AbsenceRequest? body, HttpContext http, WindowAbsences absences, CancellationToken ct) =>
            TypedResults.Created($"/api/v1/windows/{id}/stand-in", await absences.MarkAsync(HttpActor.Of(http), id, body ?? new AbsenceRequest(null, null), ct)));
        windows.MapGet("/{id:guid}/stand-in", async (Guid id, HttpContext http, WindowAbsences absences, CancellationToken ct) =>
            TypedResults.Ok(await absences.QueueAsync(HttpActor.Of(http), id, ct)));
    }
}
