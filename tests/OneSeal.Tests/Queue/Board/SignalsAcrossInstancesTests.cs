using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using OneSeal.Platform.Database;
using OneSeal.Platform.Signals;
using OneSeal.Tests.Infrastructure;
using Xunit.Abstractions;

namespace OneSeal.Tests.Queue.Board;

/// <summary>Two app instances on one PostgreSQL database, as behind a load balancer.</summary>
public sealed class TwoPostgresInstances : IAsyncLifetime
{
    public OneSealFactory First { get; } = new(DatabaseProvider.Postgres);
    public OneSealFactory Second { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await First.InitializeAsync();
        Second = new OneSealFactory(DatabaseProvider.Postgres, new OneSealFactoryOptions { SameDatabaseAs = First });
        await Second.InitializeAsync();
    }

    public async Task DisposeAsync()
    {
        await Second.DisposeAsync();
        await First.DisposeAsync();
    }
}

/// <summary>Signals on PostgreSQL: LISTEN/NOTIFY between instances, and the listening connection coming back after it was killed.</summary>
[Trait("Provider", "Postgres")]
public sealed class SignalsAcrossInstancesTests(TwoPostgresInstances apps, ITestOutputHelper output) : IClassFixture<TwoPostgresInstances>
{
    private static readonly TimeSpan Generous = TimeSpan.FromSeconds(5);

    private static PostgresSignals SignalsOf(OneSealFactory app) => (PostgresSignals)app.Services.GetRequiredService<ISignals>();

    private sealed class Inbox
    {
        private readonly BlockingCollection<string> _items = [];
        public Func<string, Task> Handler => p => { _items.Add(p); return Task.CompletedTask; };

        public string Next(TimeSpan timeout) =>
            _items.TryTake(out var item, timeout) ? item : throw new TimeoutException($"no signal within {timeout.TotalSeconds} s");

        /// <summary>The next signal that is not the empty "re-read" one.</summary>
        public string NextReal(TimeSpan timeout)
        {
            while (true) if (Next(timeout) is { Length: > 0 } real) return real;
        }
    }

    [Fact]
    public async Task A_signal_published_on_one_instance_reaches_subscribers_on_both_in_order()
    {
        var onSecond = new Inbox();
        var onFirst = new Inbox();
        var channel = "t" + Guid.NewGuid().ToString("N")[..8];
        using var s2 = SignalsOf(apps.Second).Subscribe(channel, onSecond.Handler);
        using var s1 = SignalsOf(apps.First).Subscribe(channel, onFirst.Handler);
        await SignalsOf(apps.Second).ListeningAsync(channel, default).WaitAsync(Generous);
        await SignalsOf(apps.First).ListeningAsync(channel, default).WaitAsync(Generous);

        var clock = Stopwatch.StartNew();
        await SignalsOf(apps.First).PublishAsync(channel, "第一", default);
        onSecond.NextReal(Generous).ShouldBe("第一");
        output.WriteLine($"first instance → second instance: {clock.Elapsed.TotalMilliseconds:0.0} ms");
        onFirst.NextReal(Generous).ShouldBe("第一", "the publishing instance's own subscribers hear it too");

        for (var i = 0; i < 20; i++) await SignalsOf(apps.Second).PublishAsync(channel, $"n{i}", default);
        for (var i = 0; i < 20; i++) onFirst.NextReal(Generous).ShouldBe($"n{i}");
    }

    [Fact]
    public async Task A_killed_listening_connection_comes_back_and_later_signals_arrive()
    {
        var inbox = new Inbox();
        var channel = "t" + Guid.NewGuid().ToString("N")[..8];
        var second = SignalsOf(apps.Second);
        using var sub = second.Subscribe(channel, inbox.Handler);
        await second.ListeningAsync(channel, default).WaitAsync(Generous);

        await using (var admin = new NpgsqlConnection(apps.First.Database.ConnectionString))
        {
            await admin.OpenAsync();
            await using var kill = new NpgsqlCommand("SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE application_name = @name", admin);
            kill.Parameters.AddWithValue("name", second.ListenerName!);
            ((long)(await kill.ExecuteScalarAsync())!).ShouldBe(1L, "the second instance's one listening connection");
        }
        var clock = Stopwatch.StartNew();
        // The subscriber is told it may have missed signals (empty payload) once the listener is back.
        inbox.Next(TimeSpan.FromSeconds(15)).ShouldBe("");
        output.WriteLine($"listening again after {clock.Elapsed.TotalMilliseconds:0} ms");
        await second.ListeningAsync(channel, default).WaitAsync(Generous);

        await SignalsOf(apps.First).PublishAsync(channel, "after", default);
        inbox.NextReal(Generous).ShouldBe("after");
    }

    [Fact]
    public async Task A_payload_over_the_limit_is_refused_before_it_reaches_the_database()
    {
        await Should.ThrowAsync<ArgumentException>(() => SignalsOf(apps.First).PublishAsync("queue", new string('x', SignalChannels.MaxPayloadBytes + 1), default));
    }
}
