using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace OneSeal.Platform.Http;

/// <summary>
/// RFC 9457 problem+json for every API error: <see cref="DomainException"/>s keep their status and
/// name the field and rule; malformed JSON is a 400 naming the body.
/// </summary>
public static class Problems
{
    public static IServiceCollection AddOneSealProblems(this IServiceCollection services)
    {
        services.AddProblemDetails(o => o.CustomizeProblemDetails = c =>
            c.ProblemDetails.Extensions["traceId"] = c.HttpContext.TraceIdentifier);
        services.AddExceptionHandler<DomainExceptionHandler>();
        return services;
    }

    /// <summary>
    /// The API (<c>/api/…</c>, <c>/openapi/…</c>) answers errors with problem+json; everything else is read by a person in a
    /// browser and gets the HTML error page in the site's layout (<c>Pages/Error.cshtml</c>): its own status, the rule's
    /// Chinese message where one said no, and for a 500 the trace id to quote (the same id the log carries).
    /// </summary>
    public static void UseOneSealProblems(this WebApplication app)
    {
        app.UseWhen(IsApi, api =>
        {
            api.UseExceptionHandler();
            api.UseStatusCodePages();
        });
        app.UseWhen(http => !IsApi(http), pages =>
        {
            pages.UseExceptionHandler(new ExceptionHandlerOptions
            {
                ExceptionHandlingPath = ErrorPath + "500",
                StatusCodeSelector = e => e switch
                {
                    DomainException d => d.StatusCode,
                    BadHttpRequestException b => b.StatusCode,
                    _ when ServiceBusyException.IsBusy(e) => StatusCodes.Status503ServiceUnavailable,
                    _ => StatusCodes.Status500InternalServerError,
                },
            });
            pages.UseStatusCodePagesWithReExecute(ErrorPath + "{0}");
        });
    }

    public const string ErrorPath = "/error/";

    public static bool IsApi(HttpContext http) =>
        http.Request.Path.StartsWithSegments("/api") || http.Request.Path.StartsWithSegments("/openapi");

    public static ProblemDetails From(DomainException e)
    {
        var problem = e switch
        {
            InvalidInputException i => new ValidationProblemDetails(i.Errors.ToDictionary()),
            InvalidInputsException m => new ValidationProblemDetails(m.Errors.ToDictionary()),
            TooLargeException t => new ValidationProblemDetails(new Dictionary<string, string[]> { [t.Field] = [t.Message] }),
            _ => new ProblemDetails(),
        };
        problem.Status = e.StatusCode;
        problem.Title = e.Message;
        problem.Detail = e.Message;
        problem.Type = $"https://oneseal.example/problems/{e.Rule}";
        problem.Extensions["rule"] = e.Rule;
        if (e is InvalidInputsException { Rules: { } rules }) problem.Extensions["rules"] = rules;
        return problem;
    }
}

internal sealed class DomainExceptionHandler(IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext http, Exception exception, CancellationToken ct)
    {
        // Pages show their errors as HTML (Pages/Error.cshtml); this handler writes problem+json for the API only.
        if (!Problems.IsApi(http)) return false;
        var mapped = exception switch
        {
            DomainException d => d,
            BadHttpRequestException { InnerException: TextRuleException t } => new InvalidInputException(JsonTextRules.FieldOf(t), t.Rule,
                $"{JsonTextRules.FieldOf(t)}：{t.Message}"),
            BadHttpRequestException { StatusCode: 413 } => new TooLargeException(http.Request.HasFormContentType ? "file" : "body", "请求体超过服务器允许的大小上限。"),
            BadHttpRequestException b when b.InnerException is System.Text.Json.JsonException || b.Message.Contains("JSON", StringComparison.OrdinalIgnoreCase)
                => new InvalidInputException("body", "malformed-json", "请求体不是有效的 JSON：" + (b.InnerException?.Message ?? b.Message)),
            BadHttpRequestException b => new InvalidInputException("body", "bad-request", b.Message),
            // A malformed multipart body fails while the form is read, wherever that happens.
            InvalidDataException or IOException when http.Request.HasFormContentType && !http.RequestAborted.IsCancellationRequested
                => new InvalidInputException("body", "malformed-form", "表单（multipart/form-data）格式不正确：" + exception.Message),
            Microsoft.EntityFrameworkCore.DbUpdateConcurrencyException => new ConflictException("stale-version", "该办件已被他人更新，请刷新后重试。"),
            _ when ServiceBusyException.IsBusy(exception) => new ServiceBusyException(),
            _ => null,
        };
        if (mapped is null) return false;
        http.Response.StatusCode = mapped.StatusCode;
        if (mapped is ServiceBusyException) http.Response.Headers.RetryAfter = ServiceBusyException.RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = http, ProblemDetails = Problems.From(mapped), Exception = exception });
    }
}
