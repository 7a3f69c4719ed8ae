using Microsoft.AspNetCore.Mvc;

namespace OneSeal.Platform.Http;

/// <summary>A rate limiter's refusal: 429 with Retry-After; problem+json naming the rule on the API, a short Chinese page with a way back otherwise.</summary>
public static class TooManyRequests
{
    public static async ValueTask WriteAsync(HttpContext http, string message, string rule, int retryAfterSeconds, string backHref, string backLabel, CancellationToken ct)
    {
        http.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        http.Response.Headers.RetryAfter = retryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (http.Request.Path.StartsWithSegments("/api"))
        {
            await http.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
            {
                HttpContext = http,
                ProblemDetails = new ProblemDetails
                {
                    Status = 429, Title = message, Detail = message, Type = "https://oneseal.example/problems/" + rule,
                    Extensions = { ["rule"] = rule },
                },
            });
            return;
        }
        http.Response.ContentType = "text/html; charset=utf-8";
        await http.Response.WriteAsync(
            $"<!DOCTYPE html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><title>{message}</title></head>" +
            $"<body><h1>{message}</h1><p><a href=\"{backHref}\">{backLabel}</a></p></body></html>", ct);
    }
}
