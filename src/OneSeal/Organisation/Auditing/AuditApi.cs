using OneSeal.Platform.Audit;
using OneSeal.Platform.Http;
using OneSeal.Platform.Security;

namespace OneSeal.Organisation.Auditing;

/// <summary>The verification as the API returns it: the finding in Chinese and English, when and by whom.</summary>
public sealed record AuditVerificationView(long Id, DateTimeOffset At, string Source, string ActorName, bool Intact, long Entries,
    long Anchors, long? FirstBrokenId, string? Problem, string? ProblemZh, long ElapsedMs)
{
    public static AuditVerificationView From(AuditVerificationRun r) =>
        new(r.Id, r.At, r.Source, r.ActorName, r.Intact, r.Entries, r.Anchors, r.FirstBrokenId, r.Problem, r.ProblemZh, r.ElapsedMs);
}

/// <summary><c>GET /api/v1/audit</c> (search) and <c>POST /api/v1/audit/verify</c>: the audit administrator's, nobody else's.</summary>
public static class AuditApi
{
    public static IEndpointRouteBuilder MapAuditApi(this IEndpointRouteBuilder app)
    {
        var g = app.MapGroup("/api/v1/audit").RequireAuthorization(AuthSetup.ApiPolicy).WithTags("audit");

        g.MapGet("/", async (string? actor, string? entity, string? action, string? from, string? to, int? page, HttpContext http,
                AuditSearch search, CancellationToken ct) =>
                await search.SearchAsync(new AuditQuery(actor, entity, action, from, to, page), ActorOf(http), ct)).WithName("searchAudit")
            .WithSummary("Search the audit trail");

        g.MapPost("/verify", async (HttpContext http, AuditCheck check, CancellationToken ct) =>
            {
                var me = ActorOf(http);
                AuditSearch.Require(me);
                return AuditVerificationView.From(await check.RunAsync(AuditVerificationRun.FromApi, me, ct));
            }).WithName("verifyAudit")
            .WithSummary("Verify the audit trail's hash chain");

        return app;
    }

    private static Actor ActorOf(HttpContext http) => Actor.From(http.User) ?? throw new ForbiddenException("no-actor", "无法识别当前用户");
}
