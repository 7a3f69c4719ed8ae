using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;

namespace OneSeal.Platform.Security;

/// <summary>
/// Sign-in attempts (login form posts, token and refresh requests) per client address and minute, so one address
/// cannot try passwords across many accounts. <c>SignIn:PermitsPerMinute</c> (default 20: a service hall behind one
/// address signs in a few dozen staff a day, not a minute). Beyond it: 429, problem+json on the API, a short
/// Chinese page otherwise. Behind a reverse proxy the client address needs forwarded headers.
/// </summary>
public static class SignInRateLimit
{
    public const string Policy = "sign-in";

    public static IServiceCollection AddSignInRateLimit(this IServiceCollection services, IConfiguration config)
    {
        var permits = config.GetValue("SignIn:PermitsPerMinute", 20);
        services.AddRateLimiter(o =>
        {
            o.AddPolicy(Policy, http => HttpMethods.IsPost(http.Request.Method)
                ? RateLimitPartition.GetFixedWindowLimiter(http.Connection.RemoteIpAddress?.ToString() ?? "",
                    _ => new FixedWindowRateLimiterOptions { PermitLimit = permits, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 })
                : RateLimitPartition.GetNoLimiter("(reading the form)"));
            o.OnRejected = RejectAsync;
        });
        return services;
    }

    private const string Message = "登录尝试过于频繁，请一分钟后再试。";

    private static async ValueTask RejectAsync(OnRejectedContext context, CancellationToken ct)
    {
        var http = context.HttpContext;
        http.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        http.Response.Headers.RetryAfter = "60";
        if (http.Request.Path.StartsWithSegments("/api"))
        {
            await http.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
            {
                HttpContext = http,
                ProblemDetails = new ProblemDetails
                {
                    Status = 429, Title = Message, Detail = Message, Type = "https://oneseal.example/problems/too-many-sign-ins",
                    Extensions = { ["rule"] = "too-many-sign-ins" },
                },
            });
            return;
        }
        http.Response.ContentType = "text/html; charset=utf-8";
        await http.Response.WriteAsync(
            $"<!DOCTYPE html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><title>{Message}</title></head>" +
            $"<body><h1>{Message}</h1><p><a href=\"/account/login\">返回登录</a></p></body></html>", ct);
    }
}
