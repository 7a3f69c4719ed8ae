using System.Threading.RateLimiting;
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

    private static ValueTask RejectAsync(OnRejectedContext context, CancellationToken ct) =>
        Http.TooManyRequests.WriteAsync(context.HttpContext, Message, "too-many-sign-ins", 60, "/account/login", "返回登录", ct);
}
