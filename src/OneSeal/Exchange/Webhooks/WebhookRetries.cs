using System.Net;
using System.Net.Http.Headers;

namespace OneSeal.Exchange.Webhooks;

/// <summary>
/// When to try a failed delivery again: the receiver's <c>Retry-After</c> when it sends one, else growing back-off
/// (30 s … 8 h); never later than the end of the retry window, so the last attempt is made at 24 hours, and only a
/// failure at or after that gives up (<c>Webhooks:RetryHours</c>, default and minimum 24).
/// </summary>
public static class WebhookRetries
{
    private static readonly TimeSpan[] Backoff =
    [
        TimeSpan.FromSeconds(30), TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(2), TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(10),
        TimeSpan.FromMinutes(30), TimeSpan.FromHours(1), TimeSpan.FromHours(2), TimeSpan.FromHours(4), TimeSpan.FromHours(8),
    ];

    public static TimeSpan Window(IConfiguration config) => TimeSpan.FromHours(Math.Max(24, config.GetValue("Webhooks:RetryHours", 24)));

    /// <summary>The next attempt after failed attempt number <paramref name="attempts"/>, or null to give up.</summary>
    public static DateTimeOffset? Next(int attempts, DateTimeOffset retryFrom, DateTimeOffset now, TimeSpan window, TimeSpan? retryAfter)
    {
        var end = retryFrom + window;
        if (now >= end) return null;
        var wait = retryAfter ?? Backoff[Math.Clamp(attempts - 1, 0, Backoff.Length - 1)];
        var next = now + (wait < TimeSpan.FromSeconds(1) ? TimeSpan.FromSeconds(1) : wait);
        return next > end ? end : next;
    }

    /// <summary><c>Retry-After</c> as seconds or an HTTP date, when the receiver sent one.</summary>
    public static TimeSpan? RetryAfter(RetryConditionHeaderValue? header, DateTimeOffset now) => header switch
    {
        { Delta: { } delta } => delta,
        { Date: { } date } => date > now ? date - now : TimeSpan.Zero,
        _ => null,
    };

    /// <summary>A 2xx is done; 410 Gone stops the subscription; everything else (429, 5xx, other answers, timeouts) is retried.</summary>
    public static bool IsGone(HttpStatusCode status) => status == HttpStatusCode.Gone;
}
