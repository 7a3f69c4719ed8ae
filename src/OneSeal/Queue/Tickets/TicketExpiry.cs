using Microsoft.EntityFrameworkCore;
using OneSeal.Platform.Audit;
using OneSeal.Platform.Database;
using OneSeal.Platform.Jobs;
using OneSeal.Platform.Time;

namespace OneSeal.Queue.Tickets;

/// <summary>
/// At closing time (the end of the last opening period) the tickets still waiting expire (已失效): the hall closes,
/// and a number taken today is not called tomorrow. Earlier days' waiting tickets too (the app was down at closing).
/// One audit line per hall and run.
/// </summary>
public sealed class TicketExpiry(OneSealDb db, QueueOptions options, QueueAnnouncer announcer)
{
    public const int Batch = 2000;

    public async Task<int> RunAsync(DateTimeOffset now, CancellationToken ct)
    {
        var today = LegalDates.ToLegalDate(now);
        var closed = now >= options.ClosingOf(today);
        var halls = await db.InTransactionAsync(async () =>
        {
            var stale = await db.Set<Ticket>().Where(t => t.State == TicketState.Waiting && (t.Day < today || (closed && t.Day == today)))
                .OrderBy(t => t.TakenAt).Take(Batch).ToListAsync(ct);
            foreach (var t in stale)
            {
                t.State = TicketState.Expired;
                t.FinishedAt = now;
            }
            foreach (var hall in stale.GroupBy(t => t.HallId))
                db.Audit(null, "queue.expire", "hall", hall.Key.ToString(),
                    $"闭厅未叫号作废 {hall.Count()} 个：{string.Join("、", hall.Select(t => t.Number).Take(20))}{(hall.Count() > 20 ? " …" : "")}", now);
            await db.CommitAsync(ct);
            return stale.Select(t => t.HallId).Distinct().ToList();
        }, ct);
        foreach (var hall in halls) await announcer.ChangedAsync(hall);
        return halls.Count;
    }
}

/// <summary>Runs <see cref="TicketExpiry"/> every <c>Queue:ExpirySweepSeconds</c> (default 60; 0 turns it off) on the lease holder.</summary>
public sealed class TicketExpiryService(IServiceScopeFactory scopes, TimeProvider clock, IConfiguration config, ILogger<TicketExpiryService> log)
    : LeasedJobService(scopes, clock, config, log)
{
    protected override string LeaseName => "queue-ticket-expiry";
    protected override string IntervalSetting => "Queue:ExpirySweepSeconds";
    protected override int DefaultSeconds => 60;

    protected override Task RunAsync(IServiceProvider services, DateTimeOffset now, CancellationToken ct) =>
        services.GetRequiredService<TicketExpiry>().RunAsync(now, ct);
}
