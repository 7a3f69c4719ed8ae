using OneSeal.Platform.Database;
using OneSeal.Platform.Time;

namespace OneSeal.Platform.Outbox;

/// <summary>
/// Keeps a claimed batch's leases alive while its handlers run (a heartbeat every <see cref="OutboxOptions.LeaseRenewal"/>),
/// so the lease itself can be short and a crashed instance's messages are taken over within it rather than after minutes.
/// Renewals and the final write of each message (fail, release) go through one gate: the final write then always sees
/// the lease value the row carries, and a renewal never extends a message that is already finished.
/// </summary>
internal sealed class OutboxLeaseKeeper : IAsyncDisposable
{
    private readonly IServiceScopeFactory _scopes;
    private readonly OutboxOptions _options;
    private readonly TimeProvider _clock;
    private readonly ILogger _log;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly Dictionary<long, OutboxMessage> _held;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _heartbeat;

    public OutboxLeaseKeeper(IReadOnlyList<OutboxMessage> batch, IServiceScopeFactory scopes, OutboxOptions options, TimeProvider clock, ILogger log)
    {
        _held = batch.ToDictionary(m => m.Id);
        _scopes = scopes;
        _options = options;
        _clock = clock;
        _log = log;
        _heartbeat = BeatAsync(_stop.Token);
    }

    /// <summary>Stops renewing <paramref name="m"/> and runs its final write under the gate.</summary>
    public async Task<T> FinishAsync<T>(OutboxMessage m, Func<Task<T>> write)
    {
        await _gate.WaitAsync();
        try
        {
            _held.Remove(m.Id);
            return await write();
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task BeatAsync(CancellationToken ct)
    {
        try
        {
            // The next beat is timed before this one renews, so a slow renewal does not push the beats apart.
            var beat = Task.Delay(_options.LeaseRenewal, _clock, ct);
            while (true)
            {
                await beat;
                beat = Task.Delay(_options.LeaseRenewal, _clock, ct);
                await RenewAsync(ct);
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
        }
    }

    private async Task RenewAsync(CancellationToken ct)
    {
        await _gate.WaitAsync(ct);
        try
        {
            if (_held.Count == 0) return;
            await using var scope = _scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<OneSealDb>();
            var until = _clock.Now() + _options.Lease;
            foreach (var m in _held.Values.ToList())
            {
                if (await OutboxStore.RenewAsync(db, m, _options.InstanceName, until, ct)) m.LockedUntil = until;
                else _held.Remove(m.Id); // no longer ours: its final write will find the lease gone and change nothing
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The database may be briefly away; the next beat tries again well before the lease runs out.
            _log.LogWarning(e, "Outbox {Instance}: could not renew the leases of a running batch", _options.InstanceName);
        }
        finally
        {
            _gate.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _heartbeat;
        _stop.Dispose();
        _gate.Dispose();
    }
}
