using OneSeal.Platform.Database;
using OneSeal.Platform.Jobs;
using OneSeal.Platform.Time;

namespace OneSeal.Cases.Clock;

/// <summary>
/// Runs <see cref="DeadlineSweep"/> every <c>Deadlines:SweepSeconds</c> (default 60; 0 turns it off) on the one
/// instance holding the "deadline-sweep" lease.
/// </summary>
public sealed class DeadlineSweepService(IServiceScopeFactory scopes, TimeProvider clock, IConfiguration config, ILogger<DeadlineSweepService> log)
    : BackgroundService
{
    public const string LeaseName = "deadline-sweep";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var seconds = config.GetValue("Deadlines:SweepSeconds", 60);
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
                var result = await scope.ServiceProvider.GetRequiredService<DeadlineSweep>().RunOnceAsync(stoppingToken);
                if (result != new DeadlineSweep.Result(0, 0, 0))
                    log.LogInformation("Deadline sweep: {Result}", result);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                log.LogError(e, "Deadline sweep failed; it runs again at the next tick");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
