using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;

namespace OneSeal.Queue.Appointments;

/// <summary>
/// Booking, cancelling and the public lookup per client address: <c>Queue:Appointments:RequestsPerAddressPer10Minutes</c>
/// writes (default 30) — a family books a few, a script hoarding places or guessing booking codes gets 429. Reading
/// slots is not limited. (Per phone number: <see cref="AppointmentOptions.BookingsPerPhonePerDay"/> in the booking.)
/// </summary>
public sealed class AppointmentRateLimit(AppointmentOptions options) : IRateLimiterPolicy<string>
{
    public const string Policy = "appointments";
    private const string Message = "预约操作过于频繁，请 10 分钟后再试。";

    public RateLimitPartition<string> GetPartition(HttpContext http) =>
        HttpMethods.IsGet(http.Request.Method) || HttpMethods.IsHead(http.Request.Method)
            ? RateLimitPartition.GetNoLimiter("(reading)")
            : RateLimitPartition.GetFixedWindowLimiter(http.Connection.RemoteIpAddress?.ToString() ?? "",
                _ => new FixedWindowRateLimiterOptions { PermitLimit = options.RequestsPerAddressPer10Minutes, Window = TimeSpan.FromMinutes(10), QueueLimit = 0 });

    public Func<OnRejectedContext, CancellationToken, ValueTask>? OnRejected => async (context, ct) =>
    {
        var http = context.HttpContext;
        http.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        http.Response.Headers.RetryAfter = "600";
        if (http.Request.Path.StartsWithSegments("/api"))
        {
            await http.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
            {
                HttpContext = http,
                ProblemDetails = new ProblemDetails
                {
                    Status = 429, Title = Message, Detail = Message, Type = "https://oneseal.example/problems/too-many-appointment-requests",
                    Extensions = { ["rule"] = "too-many-appointment-requests" },
                },
            });
            return;
        }
        http.Response.ContentType = "text/html; charset=utf-8";
        await http.Response.WriteAsync(
            $"<!DOCTYPE html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><title>{Message}</title></head>" +
            $"<body><h1>{Message}</h1><p><a href=\"/appointments\">返回预约</a></p></body></html>", ct);
    };
}
