using OneSeal.Platform.Security;
using OneSeal.Platform.Spreadsheets;

namespace OneSeal.Queue.Stats;

/// <summary><c>GET /api/v1/queue/stats?from=&amp;to=</c> and its xlsx export: window chiefs, leaders and monitors.</summary>
public static class QueueStatsApi
{
    public static void MapQueueStatsApi(this IEndpointRouteBuilder app)
    {
        var g = app.MapGroup("/api/v1/queue/stats").RequireAuthorization(AuthSetup.ApiPolicy).WithTags("queue");
        g.MapGet("/", async (string? from, string? to, HttpContext http, QueueStats stats, CancellationToken ct) =>
            TypedResults.Ok(await stats.ForAsync(HttpActor.Of(http), from, to, ct))).WithName("getQueueStats")
            .WithSummary("Get queue statistics");
        g.MapGet("/export", async (string? from, string? to, HttpContext http, QueueStats stats, CancellationToken ct) =>
        {
            var v = await stats.ForAsync(HttpActor.Of(http), from, to, ct);
            return Microsoft.AspNetCore.Http.Results.File(QueueStatsExport.Write(v), XlsxBook.ContentType, $"排队统计-{v.From:yyyyMMdd}-{v.To:yyyyMMdd}.xlsx");
        }).WithName("exportQueueStats").WithSummary("Export queue statistics as Excel");
    }
}
