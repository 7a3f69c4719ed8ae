using Microsoft.EntityFrameworkCore;
using OneSeal.Platform.Database;

namespace OneSeal.Exchange.Webhooks;

/// <summary>
/// One run of the webhook job: match new events to subscriptions (<see cref="WebhookMatcher"/>), then send every due
/// delivery that is the oldest open one of its subject for its subscription — so a subject's next event waits until the
/// previous one is delivered or given up. Each delivery is claimed with a row lease first, so instances running at the
/// same time never send the same one; each is sent in its own scope by <see cref="WebhookSender"/>.
/// </summary>
public sealed class WebhookDispatcher(OneSealDb db, WebhookMatcher matcher, IServiceScopeFactory scopes, IConfiguration config)
{
    public sealed record Run(int Matched, int Sent);

    public async Task<Run> RunOnceAsync(DateTimeOffset now, CancellationToken ct)
    {
        var matched = await matcher.MatchAsync(now, ct);
        var due = await DueAsync(now, ct);
        var sent = 0;
        await Parallel.ForEachAsync(due, new ParallelOptions
        {
            MaxDegreeOfParallelism = db.IsPostgres ? Math.Max(1, config.GetValue("Webhooks:Parallel", 4)) : 1,
            CancellationToken = ct,
        }, async (id, token) =>
        {
            await using var scope = scopes.CreateAsyncScope();
            if (await scope.ServiceProvider.GetRequiredService<WebhookSender>().SendAsync(id, now, token))
                Interlocked.Increment(ref sent);
        });
        return new Run(matched, sent);
    }

    private Task<List<Guid>> DueAsync(DateTimeOffset now, CancellationToken ct)
    {
        var deliveries = db.Set<WebhookDelivery>();
        return (from d in deliveries
                join s in db.Set<WebhookSubscription>() on d.SubscriptionId equals s.Id
                where s.Status == SubscriptionStatus.Active && d.Status == DeliveryStatus.Pending && d.NextAttemptAt <= now
                      && (d.LeaseUntil == null || d.LeaseUntil < now)
                      && !deliveries.Any(p => p.SubscriptionId == d.SubscriptionId && p.Subject == d.Subject
                                              && p.EventSeq < d.EventSeq && p.Status == DeliveryStatus.Pending)
                orderby d.NextAttemptAt, d.EventSeq
                select d.Id).Take(200).ToListAsync(ct);
    }
}
