using System.Diagnostics;
using Microsoft.AspNetCore.Routing.Patterns;
using Serilog;
using Serilog.Context;

namespace OneSeal.Platform.Telemetry;

/// <summary>
/// Every line written during a request carries <c>RequestId</c> (and the trace id, from the current activity); one summary
/// line per request (method, path without query string, status, time). A request on a case (a route with
/// <c>cases/{id}</c>: API, hall, office, my-case pages, notices) carries <c>CaseId</c> on its lines, its summary and its trace.
/// </summary>
public static class RequestLogging
{
    /// <summary>First in the pipeline, so the summary line times and sees everything.</summary>
    public static void UseOneSealRequestLogging(this WebApplication app)
    {
        app.Use(async (http, next) =>
        {
            using (LogContext.PushProperty("RequestId", http.TraceIdentifier))
                await next(http);
        });
        app.UseSerilogRequestLogging(o =>
        {
            o.Logger = app.Services.GetRequiredService<Serilog.ILogger>();
            o.GetLevel = (http, _, e) => e is not null || http.Response.StatusCode >= 500 ? Serilog.Events.LogEventLevel.Error
                : http.Request.Path == "/health" ? Serilog.Events.LogEventLevel.Verbose : Serilog.Events.LogEventLevel.Information;
        });
    }

    /// <summary>After routing, which is what knows the case id.</summary>
    public static void UseCaseLogContext(this WebApplication app) =>
        app.Use(async (http, next) =>
        {
            if (CaseIdOf(http) is not { } caseId)
            {
                await next(http);
                return;
            }
            http.RequestServices.GetRequiredService<IDiagnosticContext>().Set("CaseId", caseId);
            Activity.Current?.SetTag("oneseal.case_id", caseId);
            using (LogContext.PushProperty("CaseId", caseId))
                await next(http);
        });

    private static string? CaseIdOf(HttpContext http) =>
        http.GetEndpoint() is RouteEndpoint { RoutePattern: var pattern } && ActsOnCase(pattern)
            && http.GetRouteValue("id") is { } id ? id.ToString() : null;

    private static bool ActsOnCase(RoutePattern pattern) =>
        pattern.RawText?.Contains("cases/{id", StringComparison.OrdinalIgnoreCase) == true;
}
