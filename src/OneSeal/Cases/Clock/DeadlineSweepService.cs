using OneSeal.Platform.Jobs;

namespace OneSeal.Cases.Clock;

/// <summary>
/// Runs <see cref="DeadlineSweep"/> every <c>Deadlines:SweepSeconds</c> (default 60; 0 turns it off) on the one
/// instance holding the "deadline-sweep" lease.
/// </summary>
public sealed class DeadlineSweepService(IServiceScopeFactory scopes, TimeProvider clock, IConfiguration config, ILogger<DeadlineSweepService> log)
    : LeasedJobService(scopes, clock, config, log)
{
    public const string Name = "deadline-sweep";

    protected override string LeaseName => Name;
    protected override string IntervalSetting => "Deadlines:SweepSeconds";
    protected override int DefaultSeconds => 60;

    protected override async Task RunAsync(IServiceProvider services, DateTimeOffset now, CancellationToken ct)
    {
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var result = await services.GetRequiredService<DeadlineSweep>().RunOnceAsync(ct);
        OneSeal.Platform.Telemetry.OneSealMetrics.DeadlineSweep(System.Diagnostics.Stopwatch.GetElapsedTime(started));
        if (result != new DeadlineSweep.Result(0, 0, 0))
            log.LogInformation("Deadline sweep: {Result}", result);
    }
}
