using OneSeal.Platform.Spreadsheets;
using Microsoft.AspNetCore.Mvc;
using OneSeal.Platform.Security;
using OneSeal.Platform.Time;

namespace OneSeal.Catalog.Exchange;

/// <summary><c>GET /api/v1/catalog/export</c> (admin, chief, monitor) and <c>POST /api/v1/catalog/import</c> (admin).</summary>
public static class CatalogExchangeApi
{
    public static void MapCatalogExchangeApi(this IEndpointRouteBuilder app)
    {
        var g = app.MapGroup("/api/v1/catalog").RequireAuthorization(AuthSetup.ApiPolicy).WithTags("catalog");

        g.MapGet("/export", async (bool? drafts, HttpContext http, CatalogExport export, TimeProvider clock, CancellationToken ct) =>
        {
            var file = await export.ToTempFileAsync(HttpActor.Of(http), drafts == true, ct);
            return Results.File(file, CatalogExport.ContentType, FileName(clock, drafts == true));
        }).WithName("exportCatalog").WithSummary("Export the catalog");

        g.MapPost("/import", async (HttpContext http, CatalogImport import, CancellationToken ct) =>
        {
            var actor = HttpActor.Of(http);
            CatalogImport.EnsureAdmin(actor);
            await using var file = await ImportUpload.ReadAsync(http.Request, import.MaxBytes, ct);
            try
            {
                var result = await import.RunAsync(actor, file, null, ct);
                return Results.Ok(new { items = result.Items, created = result.Created, updated = result.Updated, unchanged = result.Unchanged });
            }
            catch (ImportRejectedException e)
            {
                return Results.Problem(Problem(e, http));
            }
        }).WithName("importCatalog").WithSummary("Import catalog items").DisableAntiforgery();
    }

    public static string FileName(TimeProvider clock, bool drafts) =>
        $"catalog-{(drafts ? "drafts-" : "")}{LegalDates.Today(clock):yyyyMMdd}.xlsx";

    /// <summary>The 400 of a rejected import: <c>errors</c> is a list of cells (sheet, row, column, header, field, rule, message).</summary>
    public static ProblemDetails Problem(ImportRejectedException e, HttpContext http)
    {
        var problem = new ProblemDetails
        {
            Status = e.StatusCode, Title = e.Message, Detail = e.Message, Type = $"https://oneseal.example/problems/{e.Rule}",
        };
        problem.Extensions["rule"] = e.Rule;
        problem.Extensions["errorCount"] = e.Errors.Count;
        problem.Extensions["errors"] = e.Errors.Take(CatalogImport.MaxErrorsListed).ToList();
        problem.Extensions["traceId"] = http.TraceIdentifier;
        return problem;
    }
}
