using Microsoft.Extensions.DependencyInjection;
using OneSeal.Platform.Database;

namespace OneSeal.Tests.Infrastructure;

public class FakeTimeProviderTests
{
    [Fact]
    public void Clock_moves_only_when_told()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 1, 5, 0, 0, 0, TimeSpan.Zero));
        clock.GetUtcNow().ShouldBe(new DateTimeOffset(2026, 1, 5, 0, 0, 0, TimeSpan.Zero));

        clock.Advance(TimeSpan.FromHours(1));
        clock.GetUtcNow().ShouldBe(new DateTimeOffset(2026, 1, 5, 1, 0, 0, TimeSpan.Zero));
        clock.GetLocalNow().ShouldBe(new DateTimeOffset(2026, 1, 5, 9, 0, 0, TimeSpan.FromHours(8)));

        clock.SetLocal(2026, 1, 5, 17, 30);
        clock.GetUtcNow().ShouldBe(new DateTimeOffset(2026, 1, 5, 9, 30, 0, TimeSpan.Zero));
        Should.Throw<ArgumentOutOfRangeException>(() => clock.SetUtcNow(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero)));
    }

    [Fact]
    public async Task Delays_and_periodic_timers_fire_as_the_clock_advances()
    {
        var clock = new FakeTimeProvider();
        var delay = Task.Delay(TimeSpan.FromMinutes(10), clock);
        var ticks = new List<DateTimeOffset>();
        using var timer = clock.CreateTimer(_ => ticks.Add(clock.GetUtcNow()), null, TimeSpan.FromMinutes(3), TimeSpan.FromMinutes(3));

        clock.Advance(TimeSpan.FromMinutes(9));
        delay.IsCompleted.ShouldBeFalse();
        ticks.Count.ShouldBe(3);
        ticks[0].ShouldBe(FakeTimeProvider.DefaultStart.AddMinutes(3));

        clock.Advance(TimeSpan.FromMinutes(1));
        await delay.WaitAsync(TimeSpan.FromSeconds(5));
        timer.Dispose();
        clock.Advance(TimeSpan.FromHours(1));
        ticks.Count.ShouldBe(3);
        clock.PendingTimers.ShouldBe(0);
    }

    [Fact]
    public void Elapsed_time_follows_the_fake_clock()
    {
        var clock = new FakeTimeProvider();
        var start = clock.GetTimestamp();
        clock.Advance(TimeSpan.FromSeconds(90));
        clock.GetElapsedTime(start).ShouldBe(TimeSpan.FromSeconds(90));
    }
}

/// <summary>An app whose clock is a <see cref="FakeTimeProvider"/>.</summary>
public sealed class FakeClockSqliteApp() : OneSealFactory(DatabaseProvider.Sqlite, new OneSealFactoryOptions { Time = new FakeTimeProvider() });

[Trait("Provider", "Sqlite")]
public sealed class FakeTimeInAppTests(FakeClockSqliteApp app) : IClassFixture<FakeClockSqliteApp>
{
    [Fact]
    public void The_app_resolves_the_fake_clock()
    {
        var time = app.Services.GetRequiredService<TimeProvider>();
        time.ShouldBeSameAs(app.Time);
        app.Time!.Advance(TimeSpan.FromDays(1));
        time.GetUtcNow().ShouldBe(app.Time.GetUtcNow());
    }
}
