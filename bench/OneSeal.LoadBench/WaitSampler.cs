using Npgsql;

namespace OneSeal.LoadBench;

/// <summary>
/// Samples <c>pg_stat_activity</c> every 50 ms while a measurement runs: for each of the app's busy connections, what
/// it is doing — running (CPU), waiting on a lock (a row lock, such as an audit stream head, shows as <c>Lock:transactionid</c>/<c>Lock:tuple</c>),
/// flushing WAL at commit (<c>IO:WALSync</c>/<c>LWLock:WALWrite</c>), or idle in a transaction waiting for the app's
/// next statement (<c>idle in transaction</c>: the app or the round trip is the bottleneck while the transaction is open).
/// One extra small query 20 times a second; negligible beside the load.
/// </summary>
public sealed class WaitSampler : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private readonly Dictionary<string, int> _counts = [];
    private int _samples;

    public WaitSampler(string connectionString) => _loop = Task.Run(() => LoopAsync(connectionString));

    private async Task LoopAsync(string connectionString)
    {
        await using var conn = new NpgsqlConnection(connectionString);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand("""
            SELECT CASE WHEN state = 'active' THEN coalesce(wait_event_type || ':' || wait_event, 'running (CPU)') ELSE state END
            FROM pg_stat_activity
            WHERE datname = current_database() AND pid <> pg_backend_pid() AND backend_type = 'client backend' AND state <> 'idle'
            """, conn);
        await cmd.PrepareAsync();
        try
        {
            while (!_stop.IsCancellationRequested)
            {
                var seen = new List<string>();
                await using (var r = await cmd.ExecuteReaderAsync(_stop.Token))
                    while (await r.ReadAsync(_stop.Token)) seen.Add(r.IsDBNull(0) ? "?" : r.GetString(0));
                lock (_counts)
                {
                    _samples++;
                    foreach (var s in seen) _counts[s] = _counts.GetValueOrDefault(s) + 1;
                }
                await Task.Delay(50, _stop.Token);
            }
        }
        catch (OperationCanceledException) { }
    }

    /// <summary>Busy connections by what they were doing, as a share of all busy-connection samples; and the mean number busy.</summary>
    public (IReadOnlyList<(string What, double Share)> Shares, double MeanBusy) Result()
    {
        lock (_counts)
        {
            var total = _counts.Values.Sum();
            var shares = _counts.OrderByDescending(kv => kv.Value).Select(kv => (kv.Key, total == 0 ? 0 : (double)kv.Value / total)).ToList();
            return (shares, _samples == 0 ? 0 : (double)total / _samples);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try { await _loop; }
        catch (OperationCanceledException) { }
        _stop.Dispose();
    }
}
