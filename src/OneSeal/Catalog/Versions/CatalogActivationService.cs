using OneSeal.Platform.Database;
using OneSeal.Platform.Jobs;
using OneSeal.Platform.Time;

namespace OneSeal.Catalog.Versions;

/// <summary>
/// Brings the catalog up to date as versions published for a later date take effect (a transfer batch's date, a
/// publication dated ahead): every <c>Catalog:ActivationSeconds</c> (default 300; 0 turns it off), on the one instance
/// holding the "catalog-activation" lease. Reads are exact without it (<see cref="ItemVersions.InForce"/>); it keeps
/// statuses and the search index current.
/// </summary>
public sealed class CatalogActivationService(IServiceScopeFactory scopes, TimeProvider clock, IConfiguration config, ILogger<CatalogActivationService> log)
    : BackgroundService
{
    private const string Lease = "catalog-activation";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var seconds = config.GetValue("Catalog:ActivationSeconds", 300);
        if (seconds <= 0) return;
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(seconds), clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<OneSealDb>();
                var now = clock.Now();
                if (!await db.TryClaimAsync(Lease, now, now.AddSeconds(seconds * 3), stoppingToken)) continue;
                var changed = await CatalogActivation.ActivateAsync(db, LegalDates.Today(clock), stoppingToken);
                await db.SaveChangesAsync(stoppingToken);
                if (changed > 0) log.LogInformation("Catalog activation: {Changed} versions took effect or were superseded", changed);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                log.LogError(e, "Catalog activation failed; it runs again at the next tick");
            }
        }
    }
}
