using Microsoft.EntityFrameworkCore;
using OneSeal.Hall.Seats;
using OneSeal.Organisation;
using OneSeal.Platform.Database;
using OneSeal.Platform.Signals;
using OneSeal.Platform.Time;

namespace OneSeal.Hall.StandIn;

/// <summary>Who stands in for whom today: the B post's account → the absent A post.</summary>
public sealed record StandsInFor(Guid AbsentId, string AbsentName);

/// <summary>
/// Today's stand-ins (B seated at a window whose A post is absent), held once per instance instead of a three-table query
/// on every staff write. Why a whole-day roster rather than a lookup in the hall commands: “B（代 A）” must name every
/// line B writes whatever the command (case steps, fees, pick-ups …), and the roster is tiny (one row per absent A post)
/// and changes only when an absence is registered or withdrawn or a seat is taken or left, which is when it is dropped:
/// at once in this instance, and by a signal in the others. A lost signal is bounded by <see cref="MaxAge"/>.
/// </summary>
public sealed class StandInRoster : IDisposable
{
    public const string Channel = "stand-in";
    public static readonly TimeSpan MaxAge = TimeSpan.FromMinutes(1);

    private readonly TimeProvider _clock;
    private readonly ISignals _signals;
    private readonly IDisposable _subscription;
    private readonly SemaphoreSlim _loading = new(1, 1);
    private volatile Snapshot? _current;
    private long _version;

    private sealed record Snapshot(DateOnly Day, DateTimeOffset LoadedAt, IReadOnlyDictionary<Guid, StandsInFor> ByStandIn);

    public StandInRoster(TimeProvider clock, ISignals signals)
    {
        _clock = clock;
        _signals = signals;
        _subscription = signals.Subscribe(Channel, _ => { Invalidate(); return Task.CompletedTask; });
    }

    /// <summary>Whom <paramref name="accountId"/> stands in for today, or null; reads the database only when the roster is stale.</summary>
    public async Task<StandsInFor?> ForAsync(Guid accountId, OneSealDb db, CancellationToken ct)
    {
        var snapshot = Fresh(_current) ?? await LoadAsync(db, ct);
        return snapshot.ByStandIn.GetValueOrDefault(accountId);
    }

    /// <summary>Drops the roster here and in every other instance; call after the command that changed a seat or an absence commits.</summary>
    public async Task ChangedAsync(CancellationToken ct)
    {
        Invalidate();
        await _signals.PublishAsync(Channel, "changed", ct);
    }

    private void Invalidate()
    {
        Interlocked.Increment(ref _version);
        _current = null;
    }

    private Snapshot? Fresh(Snapshot? s) =>
        s is not null && s.Day == LegalDates.Today(_clock) && _clock.GetUtcNow() - s.LoadedAt < MaxAge ? s : null;

    private async Task<Snapshot> LoadAsync(OneSealDb db, CancellationToken ct)
    {
        await _loading.WaitAsync(ct);
        try
        {
            if (Fresh(_current) is { } loaded) return loaded;
            var version = Interlocked.Read(ref _version);
            var now = _clock.GetUtcNow();
            var today = LegalDates.ToLegalDate(now);
            var rows = await (
                from s in db.Set<WindowSeat>()
                join a in db.Set<WindowAbsence>() on new { s.WindowId, s.Day } equals new { a.WindowId, a.Day }
                join person in db.Set<Account>() on a.AccountId equals person.Id
                where s.Day == today && s.SignedOutAt == null && s.Post == SeatPost.B
                select new { s.AccountId, AbsentId = person.Id, person.DisplayName }).AsNoTracking().ToListAsync(ct);
            var snapshot = new Snapshot(today, now, rows.GroupBy(r => r.AccountId)
                .ToDictionary(g => g.Key, g => new StandsInFor(g.First().AbsentId, g.First().DisplayName)));
            // A change that committed while we read may be missing from the rows: use them for this request, keep none.
            if (Interlocked.Read(ref _version) == version) _current = snapshot;
            return snapshot;
        }
        finally
        {
            _loading.Release();
        }
    }

    public void Dispose()
    {
        _subscription.Dispose();
        _loading.Dispose();
    }
}
