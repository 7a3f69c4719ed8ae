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
    : LeasedJobService(scopes, clock, config, log)
{
    protected override string LeaseName => "catalog-activation";
    protected override string IntervalSetting => "Catalog:ActivationSeconds";
    protected override int DefaultSeconds => 300;

    protected override async Task RunAsync(IServiceProvider services, DateTimeOffset now, CancellationToken ct)
    {
        var db = services.GetRequiredService<OneSealDb>();
        var changed = await CatalogActivation.ActivateAsync(db, LegalDates.ToLegalDate(now), now, ct);
        if (changed == 0) return;
        await db.CommitAsync(ct);
        log.LogInformation("Catalog activation: {Changed} versions took effect or were superseded", changed);
    }
}
