using OneSeal.Platform.Security;

namespace OneSeal.Catalog.Reform;

/// <summary><c>GET /api/v1/catalog/worklists?department=</c> (admin) and <c>GET /api/v1/catalog/stats</c> (admin, monitor, chief).</summary>
public static class ReformApi
{
    public static void MapReformApi(this IEndpointRouteBuilder app)
    {
        var g = app.MapGroup("/api/v1/catalog").RequireAuthorization(AuthSetup.ApiPolicy).WithTags("catalog");

        g.MapGet("/worklists", async (string? department, HttpContext http, CatalogWorklists worklists, CancellationToken ct) =>
        {
            ReformAccess.EnsureWorklists(HttpActor.Of(http));
            var w = await worklists.BuildAsync(department, ct);
            return TypedResults.Ok(new
            {
                today = w.Today.ToString("yyyy-MM-dd"), department = w.Department,
                lists = w.All.ToDictionary(l => l.Key, l => new
                {
                    count = l.Count,
                    byDepartment = l.ByDepartment.Select(d => new { departmentCode = d.DepartmentCode, department = d.Department, count = d.Count }),
                    items = l.Rows.Select(r => new
                    {
                        r.Code, r.Name, r.DepartmentCode, r.Department, kind = ItemLabels.Api(r.Kind),
                        r.StatutoryDays, r.PromisedDays, r.Visits, r.OnlineDepth, r.MaterialCode, r.MaterialName,
                    }),
                }),
            });
        }).WithName("getCatalogWorklists").WithSummary("Get the catalog administrator's worklists");

        g.MapGet("/stats", async (HttpContext http, ReformStatsQuery query, CancellationToken ct) =>
        {
            ReformAccess.EnsureStats(HttpActor.Of(http));
            var s = await query.RunAsync(ct);
            return TypedResults.Ok(new { today = s.Today.ToString("yyyy-MM-dd"), overall = Dto(s.Overall), departments = s.Departments.Select(Dto) });
        }).WithName("getCatalogStats").WithSummary("Get the catalog's reform statistics");
    }

    private static object Dto(ReformFigures f) => new
    {
        departmentCode = f.DepartmentCode, department = f.Department, items = f.Items, transferred = f.Transferred,
        byKind = new { immediate = f.Immediate, promised = f.Promised, joint = f.Joint, reportUp = f.ReportUp },
        immediateShare = Round(f.ImmediateShare), zeroVisit = f.ZeroVisit, zeroVisitShare = Round(f.ZeroVisitShare),
        limitedItems = f.LimitedItems, statutoryDaysSum = f.StatutoryDaysSum, promisedDaysSum = f.PromisedDaysSum,
        avgStatutoryDays = Round(f.AvgStatutoryDays), avgPromisedDays = Round(f.AvgPromisedDays), compression = Round(f.Compression),
        materialsFirst = f.MaterialsFirst, materialsNow = f.MaterialsNow, materialReduction = Round(f.MaterialReduction),
    };

    /// <summary>Shares as fractions to four places (0.3529 = 35.29%), so clients need not trim float noise.</summary>
    private static double? Round(double? x) => x is { } v ? Math.Round(v, 4) : null;
}
