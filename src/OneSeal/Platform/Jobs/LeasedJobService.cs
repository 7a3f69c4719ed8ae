using OneSeal.Platform.Database;
using OneSeal.Platform.Time;

namespace OneSeal.Platform.Jobs;

/// <summary>
/// A periodic job that runs on the one instance holding its lease: every <see cref="IntervalSetting"/> seconds (0 turns
/// it off), in a fresh DI scope. The lease lasts three intervals, so a crashed holder is replaced after that.
/// </summary>
public abstract class LeasedJobService(IServiceScopeFactory scopes, TimeProvider clock, IConfiguration config, ILogger log) : BackgroundService
{
    protected abstract string LeaseName { get; }
    protected abstract string IntervalSetting { get; }
    protected abstract int DefaultSeconds { get; }

    /// <summary>One run, by the lease holder.</summary>
    protected abstract Task RunAsync(IServiceProvider services, DateTimeOffset now, CancellationToken ct);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var seconds = config.GetValue(IntervalSetting, DefaultSeconds);
        if (seconds <= 0) return;
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(seconds), clock);
        do
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<OneSealDb>();
                var now = clock.Now();
                if (!await db.TryClaimAsync(LeaseName, now, now.AddSeconds(seconds * 3), stoppingToken)) continue;
                await RunAsync(scope.ServiceProvider, now, stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                log.LogError(e, "Job {Job} failed; it runs again at the next tick", LeaseName);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
