using OneSeal.Platform.Database;
using OneSeal.Platform.Telemetry;
using OneSeal.Platform.Time;

namespace OneSeal.Platform.Outbox;

/// <summary>
/// Carries out outbox messages in the background: claims a batch under a lease (safe with several app instances on one
/// database, see <see cref="OutboxStore.ClaimAsync"/>), runs each message's <see cref="IOutboxHandler"/> in a fresh DI
/// scope, and marks it processed — or, when the handler throws, counts the attempt and retries with exponential
/// back-off until <see cref="OutboxOptions.MaxAttempts"/>, after which the message stays as a dead letter.
/// Polls every <see cref="OutboxOptions.PollInterval"/>; a local commit that enqueued wakes it at once.
/// </summary>
public sealed class OutboxDispatcher(
    IServiceScopeFactory scopes, OutboxOptions options, OutboxSignal signal, TimeProvider clock, ILogger<OutboxDispatcher> log)
    : BackgroundService
{
    private static readonly TimeSpan PurgeEvery = TimeSpan.FromHours(1);
    private DateTimeOffset _lastPurge = DateTimeOffset.MinValue;
    private IReadOnlyCollection<string>? _untilDone;

    public OutboxOptions Options => options;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        log.LogInformation("Outbox dispatcher {Instance} started (poll {Poll}, batch {Batch}, lease {Lease})",
            options.InstanceName, options.PollInterval, options.BatchSize, options.Lease);
        while (!stoppingToken.IsCancellationRequested)
        {
            var wake = signal.Next;
            var claimed = 0;
            try
            {
                claimed = await DispatchOnceAsync(stoppingToken);
                await PurgeIfDueAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception e)
            {
                // The database may be briefly unreachable; never let that stop the host. Try again at the next poll.
                log.LogError(e, "Outbox dispatcher {Instance}: polling failed", options.InstanceName);
            }
            if (claimed >= options.BatchSize) continue; // probably more waiting
            try
            {
                await OutboxSignal.WaitAsync(wake, options.PollInterval, clock, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }
    }

    /// <summary>Claims one batch and handles it. Returns how many messages were claimed (0: nothing due).</summary>
    public async Task<int> DispatchOnceAsync(CancellationToken ct)
    {
        var now = clock.Now();
        List<OutboxMessage> batch;
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<OneSealDb>();
            _untilDone ??= scope.ServiceProvider.GetServices<IOutboxHandler>().Where(h => h.RetriesUntilDone).Select(h => h.Topic).Distinct().ToList();
            batch = await OutboxStore.ClaimAsync(db, options.InstanceName, now, now + options.Lease, options.BatchSize, options.MaxAttempts, ct, _untilDone);
        }
        if (batch.Count == 0) return 0;
        await using var leases = new OutboxLeaseKeeper(batch, scopes, options, clock, log);
        var started = new System.Collections.Concurrent.ConcurrentDictionary<long, bool>();
        try
        {
            await Parallel.ForEachAsync(batch, new ParallelOptions { MaxDegreeOfParallelism = options.MaxParallelism, CancellationToken = ct },
                async (message, token) =>
                {
                    started[message.Id] = true;
                    await HandleAsync(message, leases, token);
                });
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // Stopping: give back what we claimed but never started, so another instance need not wait for the lease.
            foreach (var m in batch.Where(m => !started.ContainsKey(m.Id)))
                await leases.FinishAsync(m, () => InScopeAsync(db => OutboxStore.ReleaseAsync(db, m, options.InstanceName, CancellationToken.None), "release", m));
            throw;
        }
        return batch.Count;
    }

    private async Task HandleAsync(OutboxMessage m, OutboxLeaseKeeper leases, CancellationToken ct)
    {
        IOutboxHandler? handler = null;
        try
        {
            await using (var scope = scopes.CreateAsyncScope())
            {
                var handlers = scope.ServiceProvider.GetServices<IOutboxHandler>().Where(h => h.Topic == m.Topic).ToList();
                if (handlers.Count != 1)
                    throw new InvalidOperationException(handlers.Count == 0
                        ? $"No outbox handler for topic '{m.Topic}'."
                        : $"{handlers.Count} outbox handlers for topic '{m.Topic}'; there must be exactly one.");
                handler = handlers[0];
                await handler.HandleAsync(m, ct);
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            await leases.FinishAsync(m, () => InScopeAsync(db => OutboxStore.ReleaseAsync(db, m, options.InstanceName, CancellationToken.None), "release", m));
            return;
        }
        catch (Exception e)
        {
            await FailedAsync(m, handler, e, leases);
            return;
        }

        // The work is done; if this write is lost the message runs again after the lease (handlers are idempotent).
        var done = clock.Now();
        OneSealMetrics.OutboxLag(m.Topic, done - m.CreatedAt);
        await leases.FinishAsync(m, () => InScopeAsync(db => OutboxStore.CompleteAsync(db, m.Id, done, CancellationToken.None), "complete", m));
    }

    private async Task FailedAsync(OutboxMessage m, IOutboxHandler? handler, Exception e, OutboxLeaseKeeper leases)
    {
        var attempts = m.Attempts + 1;
        var error = $"{e.GetType().Name}: {e.Message}";
        var now = clock.Now();
        var givingUp = attempts >= options.MaxAttempts && handler?.RetriesUntilDone != true;
        var retryAt = givingUp ? now : now + options.BackOff(attempts);
        var recorded = await leases.FinishAsync(m, () =>
            InScopeAsync(db => OutboxStore.FailAsync(db, m, options.InstanceName, error, retryAt, CancellationToken.None), "record failure of", m));
        if (!givingUp)
        {
            log.LogWarning(e, "Outbox message {Id} ({Topic}) failed attempt {Attempt} of {Max}; next attempt at {RetryAt:O}",
                m.Id, m.Topic, attempts, options.MaxAttempts, retryAt);
            return;
        }

        log.LogError(e, "Outbox message {Id} ({Topic}) failed {Attempts} times and is now a dead letter", m.Id, m.Topic, attempts);
        if (handler is null || recorded != 1) return;
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var fresh = scope.ServiceProvider.GetServices<IOutboxHandler>().First(h => h.GetType() == handler.GetType());
            await fresh.GiveUpAsync(m, error, CancellationToken.None);
        }
        catch (Exception giveUpError)
        {
            log.LogError(giveUpError, "Outbox handler for {Topic} failed while giving up message {Id}", m.Topic, m.Id);
        }
    }

    private async Task PurgeIfDueAsync(CancellationToken ct)
    {
        var now = clock.Now();
        if (now - _lastPurge < PurgeEvery) return;
        _lastPurge = now;
        await using var scope = scopes.CreateAsyncScope();
        var deleted = await OutboxStore.PurgeAsync(scope.ServiceProvider.GetRequiredService<OneSealDb>(), now - options.Retention, ct);
        if (deleted > 0) log.LogInformation("Outbox: deleted {Count} messages processed before {Before:O}", deleted, now - options.Retention);
    }

    private async Task<int> InScopeAsync(Func<OneSealDb, Task<int>> work, string what, OutboxMessage m)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            return await work(scope.ServiceProvider.GetRequiredService<OneSealDb>());
        }
        catch (Exception e)
        {
            log.LogError(e, "Outbox: could not {What} message {Id} ({Topic}); it will be claimed again when its lease ends", what, m.Id, m.Topic);
            return 0;
        }
    }
}
