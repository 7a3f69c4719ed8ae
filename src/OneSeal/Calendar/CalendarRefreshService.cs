using Microsoft.EntityFrameworkCore;
using OneSeal.Platform.Database;

namespace OneSeal.Calendar;

/// <summary>
/// Another instance may have changed the calendar: every <c>Calendar:RefreshSeconds</c> (default 30) this instance
/// compares the newest year stamp and reloads its in-memory clock when it moved.
/// </summary>
public sealed class CalendarRefreshService(IServiceScopeFactory scopes, WorkingDayClock clock, TimeProvider time, IConfiguration config, ILogger<CalendarRefreshService> log)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var seconds = config.GetValue("Calendar:RefreshSeconds", 30);
        if (seconds <= 0) return;
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(seconds), time);
        DateTimeOffset? seen = null;
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<OneSealDb>();
                var stamps = await db.Set<CalendarYear>().Select(y => y.UpdatedAt).ToListAsync(stoppingToken);
                var latest = stamps.Count == 0 ? (DateTimeOffset?)null : stamps.Max();
                if (seen is not null && latest != seen) await clock.ReloadAsync(db, stoppingToken);
                seen = latest;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                log.LogWarning(e, "Calendar refresh failed; trying again at the next tick");
            }
        }
    }
}
