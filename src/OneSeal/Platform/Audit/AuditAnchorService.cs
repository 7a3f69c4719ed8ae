using OneSeal.Platform.Database;
using OneSeal.Platform.Jobs;

namespace OneSeal.Platform.Audit;

/// <summary>Anchors the audit streams every <c>Audit:AnchorSeconds</c> (default 60; 0 turns it off) on the one instance holding the "audit-anchor" lease.</summary>
public sealed class AuditAnchorService(IServiceScopeFactory scopes, TimeProvider clock, IConfiguration config, ILogger<AuditAnchorService> log)
    : LeasedJobService(scopes, clock, config, log)
{
    protected override string LeaseName => "audit-anchor";
    protected override string IntervalSetting => "Audit:AnchorSeconds";
    protected override int DefaultSeconds => 60;

    protected override async Task RunAsync(IServiceProvider services, DateTimeOffset now, CancellationToken ct)
    {
        var heads = await AuditAnchoring.AnchorAsync(services.GetRequiredService<OneSealDb>(), services.GetRequiredService<AuditKeys>(), now, ct);
        if (heads > 0) log.LogDebug("Audit anchor: {Heads} stream heads", heads);
    }
}
