namespace OneSeal.Tests.Infrastructure;

/// <summary>
/// A <see cref="TimeProvider"/> whose clock moves only when a test says so
/// (Microsoft.Extensions.TimeProvider.Testing is not available here).
/// Timers made through it (<c>Task.Delay(d, tp)</c>, <c>new PeriodicTimer(p, tp)</c>,
/// <c>new CancellationTokenSource(d, tp)</c>, <c>tp.CreateTimer</c>) fire during <see cref="Advance"/> /
/// <see cref="SetUtcNow"/>, in due order, with the clock set to each one's due time.
/// The local time zone is China Standard Time (UTC+8) unless given.
/// Put it into an app under test with <c>new OneSealFactoryOptions { Time = clock }</c>.
/// </summary>
public sealed class FakeTimeProvider : TimeProvider
{
    /// <summary>2026-03-02 09:30 Beijing time (a Monday, a working day).</summary>
    public static readonly DateTimeOffset DefaultStart = new(2026, 3, 2, 1, 30, 0, TimeSpan.Zero);

    private readonly Lock _gate = new();
    private readonly List<FakeTimer> _timers = [];
    private readonly TimeZoneInfo _zone;
    private DateTimeOffset _now;
    private long _sequence;

    public FakeTimeProvider() : this(DefaultStart) { }

    public FakeTimeProvider(DateTimeOffset startUtc, TimeZoneInfo? localTimeZone = null)
    {
        _now = startUtc.ToUniversalTime();
        _zone = localTimeZone ?? ChinaStandardTime;
    }

    public static TimeZoneInfo ChinaStandardTime { get; } = FindChinaStandardTime();

    public override TimeZoneInfo LocalTimeZone => _zone;

    public override DateTimeOffset GetUtcNow()
    {
        lock (_gate) return _now;
    }

    /// <summary>Ticks of the fake clock, so elapsed-time measurements follow it too.</summary>
    public override long GetTimestamp()
    {
        lock (_gate) return _now.UtcTicks;
    }

    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    /// <summary>Moves the clock forward by <paramref name="delta"/> (≥ 0), firing the timers that fall due.</summary>
    public void Advance(TimeSpan delta)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(delta, TimeSpan.Zero);
        DateTimeOffset target;
        lock (_gate) target = _now + delta;
        MoveTo(target);
    }

    /// <summary>Sets the clock; it can only move forward (timers rely on that).</summary>
    public void SetUtcNow(DateTimeOffset value)
    {
        lock (_gate)
        {
            if (value < _now) throw new ArgumentOutOfRangeException(nameof(value), $"The fake clock cannot go back from {_now:O} to {value:O}.");
        }
        MoveTo(value.ToUniversalTime());
    }

    /// <summary>Sets the clock to a Beijing wall-clock time (UTC+8), e.g. <c>SetLocal(2026, 3, 2, 17, 59)</c>.</summary>
    public void SetLocal(int year, int month, int day, int hour = 0, int minute = 0, int second = 0) =>
        SetUtcNow(new DateTimeOffset(year, month, day, hour, minute, second, _zone.BaseUtcOffset));

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        ArgumentNullException.ThrowIfNull(callback);
        var timer = new FakeTimer(this, callback, state);
        timer.Change(dueTime, period);
        return timer;
    }

    /// <summary>Number of armed timers (useful to wait until a background loop is waiting on the clock).</summary>
    public int PendingTimers
    {
        get { lock (_gate) return _timers.Count; }
    }

    private void MoveTo(DateTimeOffset target)
    {
        while (true)
        {
            FakeTimer? next;
            lock (_gate)
            {
                next = _timers.Where(t => t.DueAt <= target).OrderBy(t => t.DueAt).ThenBy(t => t.Sequence).FirstOrDefault();
                if (next is null)
                {
                    if (target > _now) _now = target;
                    return;
                }
                if (next.DueAt > _now) _now = next.DueAt;
                if (next.Period > TimeSpan.Zero && next.Period != Timeout.InfiniteTimeSpan)
                {
                    next.DueAt += next.Period;
                    next.Sequence = ++_sequence;
                }
                else
                    _timers.Remove(next);
            }
            next.Fire();
        }
    }

    private void Schedule(FakeTimer timer, TimeSpan dueTime, TimeSpan period)
    {
        lock (_gate)
        {
            _timers.Remove(timer);
            if (dueTime == Timeout.InfiniteTimeSpan) return;
            timer.DueAt = _now + dueTime;
            timer.Period = period;
            timer.Sequence = ++_sequence;
            _timers.Add(timer);
        }
        if (dueTime == TimeSpan.Zero) MoveTo(GetUtcNow());
    }

    private void Unschedule(FakeTimer timer)
    {
        lock (_gate) _timers.Remove(timer);
    }

    private static TimeZoneInfo FindChinaStandardTime()
    {
        try { return TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai"); }
        catch (TimeZoneNotFoundException) { }
        catch (InvalidTimeZoneException) { }
        return TimeZoneInfo.CreateCustomTimeZone("Asia/Shanghai", TimeSpan.FromHours(8), "China Standard Time", "China Standard Time");
    }

    private sealed class FakeTimer(FakeTimeProvider owner, TimerCallback callback, object? state) : ITimer
    {
        private bool _disposed;
        public DateTimeOffset DueAt { get; set; }
        public TimeSpan Period { get; set; }
        public long Sequence { get; set; }

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            if (_disposed) return false;
            if (dueTime < TimeSpan.Zero && dueTime != Timeout.InfiniteTimeSpan) throw new ArgumentOutOfRangeException(nameof(dueTime));
            if (period < TimeSpan.Zero && period != Timeout.InfiniteTimeSpan) throw new ArgumentOutOfRangeException(nameof(period));
            owner.Schedule(this, dueTime, period);
            return true;
        }

        public void Fire()
        {
            if (!_disposed) callback(state);
        }

        public void Dispose()
        {
            _disposed = true;
            owner.Unschedule(this);
        }

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
