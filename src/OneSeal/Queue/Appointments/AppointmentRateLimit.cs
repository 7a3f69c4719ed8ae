using System.Threading.RateLimiting;
using OneSeal.Platform.Http;
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

    public Func<OnRejectedContext, CancellationToken, ValueTask>? OnRejected => (context, ct) =>
        TooManyRequests.WriteAsync(context.HttpContext, Message, "too-many-appointment-requests", 600, "/appointments", "返回预约", ct);
}
