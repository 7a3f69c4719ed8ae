using System.Threading.RateLimiting;
using OneSeal.Platform.Http;

namespace OneSeal.Queue.Tickets;

/// <summary>429: too many tickets from one client address in a minute.</summary>
public sealed class TooManyTicketsException() : DomainException("取号过于频繁，请稍后再试。")
{
    public override int StatusCode => 429;
    public override string Rule => "too-many-tickets";
}

/// <summary>
/// Tickets are taken without an account (kiosk, phones), so each client address may take at most
/// <see cref="QueueOptions.TicketsPerMinute"/> a minute: a kiosk serves a visitor every few seconds at most, while a
/// script hoarding numbers is stopped. (Kept apart from the sign-in limiter, whose refusal speaks of sign-in.)
/// </summary>
public sealed class TicketRateLimit(QueueOptions options) : IDisposable
{
    private readonly PartitionedRateLimiter<string> limiter = PartitionedRateLimiter.Create<string, string>(address =>
        RateLimitPartition.GetFixedWindowLimiter(address, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = options.TicketsPerMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0,
        }));

    public void Check(HttpContext http)
    {
        using var lease = limiter.AttemptAcquire(http.Connection.RemoteIpAddress?.ToString() ?? "");
        if (!lease.IsAcquired) throw new TooManyTicketsException();
    }

    public void Dispose() => limiter.Dispose();
}
