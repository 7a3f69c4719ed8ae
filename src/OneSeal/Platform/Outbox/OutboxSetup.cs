using Microsoft.EntityFrameworkCore;
using OneSeal.Platform.Database;

namespace OneSeal.Platform.Outbox;

public static class OutboxSetup
{
    /// <summary>
    /// The transactional outbox: <see cref="OutboxOptions"/> from <c>Outbox:*</c>, the commit hook that wakes the local
    /// dispatcher, and the <see cref="OutboxDispatcher"/> as a hosted service (unless <c>Outbox:Enabled</c> is false).
    /// Capabilities register their <see cref="IOutboxHandler"/>s themselves. Calling it twice changes nothing.
    /// </summary>
    public static IServiceCollection AddOutbox(this IServiceCollection s, IConfiguration c)
    {
        if (s.Any(d => d.ServiceType == typeof(OutboxSignal))) return s;
        var o = new OutboxOptions();
        o.Enabled = c.GetValue<bool?>("Outbox:Enabled") ?? o.Enabled;
        o.InstanceName = c["Outbox:InstanceName"] is { Length: > 0 } name ? name : o.InstanceName;
        if (c.GetValue<double?>("Outbox:PollSeconds") is { } poll) o.PollInterval = TimeSpan.FromSeconds(poll);
        o.BatchSize = c.GetValue<int?>("Outbox:BatchSize") ?? o.BatchSize;
        o.MaxParallelism = c.GetValue<int?>("Outbox:MaxParallelism") ?? o.MaxParallelism;
        if (c.GetValue<double?>("Outbox:LeaseSeconds") is { } lease) o.Lease = TimeSpan.FromSeconds(lease);
        o.MaxAttempts = c.GetValue<int?>("Outbox:MaxAttempts") ?? o.MaxAttempts;
        if (c.GetValue<double?>("Outbox:RetryBaseSeconds") is { } retryBase) o.RetryBaseDelay = TimeSpan.FromSeconds(retryBase);
        if (c.GetValue<double?>("Outbox:RetryMaxSeconds") is { } retryMax) o.RetryMaxDelay = TimeSpan.FromSeconds(retryMax);
        if (c.GetValue<double?>("Outbox:RetentionDays") is { } days) o.Retention = TimeSpan.FromDays(days);
        o.Validate();

        s.AddSingleton(o);
        s.AddSingleton<OutboxSignal>();
        s.AddSingleton<OutboxWakeOnSave>();
        s.AddSingleton<OutboxWakeOnCommit>();
        s.ConfigureDbContext<OneSealDb>((sp, b) =>
            b.AddInterceptors(sp.GetRequiredService<OutboxWakeOnSave>(), sp.GetRequiredService<OutboxWakeOnCommit>()));
        s.AddSingleton<OutboxDispatcher>();
        if (o.Enabled) s.AddHostedService(sp => sp.GetRequiredService<OutboxDispatcher>());
        return s;
    }
}
