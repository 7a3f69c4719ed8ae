using System.Globalization;
using System.Text.Json.Nodes;
using OneSeal.Organisation;
using OneSeal.Platform.Events;
using OneSeal.Platform.Http;
using OneSeal.Platform.Security;

namespace OneSeal.Exchange.Feed;

/// <summary>The pull feed's answer: CloudEvents 1.0 envelopes in seq order, and the cursor to pass as <c>after</c> next time.</summary>
public sealed record EventFeedResponse(IReadOnlyList<JsonObject> Events, string Next);

/// <summary>
/// <c>GET /api/v1/events?after=&amp;limit=</c>: the pull feed for systems that cannot receive webhooks (issue 13 §3).
/// Integration accounts read every event; a department's staff only the events of their own department.
/// </summary>
public static class EventFeedApi
{
    public static void MapEventFeedApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/events", async (string? after, string? limit, HttpContext http, EventFeed feed, IConfiguration config, CancellationToken ct) =>
            {
                var department = DepartmentOf(HttpActor.Of(http));
                var page = await feed.ReadAsync(Cursor(after), Limit(limit), department, ct);
                var source = CloudEvent.SourceOf(config);
                return TypedResults.Ok(new EventFeedResponse(
                    [.. page.Events.Select(e => CloudEvent.Envelope(e, source))], page.Next.ToString(CultureInfo.InvariantCulture)));
            })
            .RequireAuthorization(AuthSetup.ApiPolicy).WithTags("events")
            .WithName("listEvents")
            .WithSummary("Events after a cursor, in a stable order (the pull feed): CloudEvents 1.0 envelopes and the next cursor")
            .Produces<EventFeedResponse>().ProducesValidationProblem().ProducesProblem(401).ProducesProblem(403);
    }

    /// <summary>Null: every department (an integration account); else the only department the staff member may read.</summary>
    public static Guid? DepartmentOf(Actor actor)
    {
        // A department role granted the data scope "all" (a county-wide supervisor) reads every department's events.
        if (actor.Has(Roles.Integration) || actor.ReachesAll([Roles.DepartmentStaff])) return null;
        if (actor.Has(Roles.DepartmentStaff) && actor.WorkUnitId is { } unit) return unit;
        throw new ForbiddenException("role", "只有系统对接账号和主管部门工作人员可以读取事件。");
    }

    private static long Cursor(string? after)
    {
        if (string.IsNullOrEmpty(after)) return 0;
        return long.TryParse(after, NumberStyles.None, CultureInfo.InvariantCulture, out var v)
            ? v
            : throw new InvalidInputException("after", "cursor", "游标（after）应为上一次返回的 next，即不小于 0 的整数。");
    }

    private static int Limit(string? limit)
    {
        if (string.IsNullOrEmpty(limit)) return EventFeed.DefaultLimit;
        return int.TryParse(limit, NumberStyles.None, CultureInfo.InvariantCulture, out var v) && v is >= 1 and <= EventFeed.MaxLimit
            ? v
            : throw new InvalidInputException("limit", "range", $"每页条数（limit）应为 1 到 {EventFeed.MaxLimit} 之间的整数。");
    }
}
