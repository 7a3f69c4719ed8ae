using System.Collections.Concurrent;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OneSeal.Platform.Database;
using OneSeal.Platform.Outbox;
using OneSeal.Tests.Infrastructure;

namespace OneSeal.Tests.Outbox;

/// <summary>
/// One "app instance" for outbox tests: its own service provider (database, outbox, test handlers) on a shared database,
/// with its own <c>Outbox:InstanceName</c>. Two of these on one database are two instances behind a load balancer.
/// </summary>
public sealed class OutboxTestHost : IAsyncDisposable
{
    private readonly ServiceProvider _services;
    private bool _started;

    public OutboxTestHost(TestDatabase database, string instance, TimeProvider clock, HandlerLog log, IDictionary<string, string?>? settings = null)
    {
        var values = new Dictionary<string, string?>
        {
            ["Database:Provider"] = database.Provider.ToString(),
            ["ConnectionStrings:Default"] = database.ConnectionString,
            ["Outbox:InstanceName"] = instance,
            ["Outbox:PollSeconds"] = "0.05",
        };
        foreach (var (k, v) in settings ?? new Dictionary<string, string?>()) values[k] = v;
        var config = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        var s = new ServiceCollection();
        s.AddLogging(b => b.SetMinimumLevel(LogLevel.Warning));
        s.AddSingleton(clock);
        s.AddSingleton(log);
        s.AddOneSealDatabase(config);
        s.AddOutbox(config);
        s.AddScoped<IOutboxHandler, RecordingHandler>();
        s.AddScoped<IOutboxHandler, FlakyHandler>();
        s.AddScoped<IOutboxHandler, StubbornHandler>();
        _services = s.BuildServiceProvider();
        Instance = instance;
    }

    public string Instance { get; }
    public IServiceProvider Services => _services;
    public OutboxDispatcher Dispatcher => _services.GetRequiredService<OutboxDispatcher>();

    /// <summary>Runs the dispatcher as the host would (background loop).</summary>
    public async Task StartAsync()
    {
        _started = true;
        await Dispatcher.StartAsync(CancellationToken.None);
    }

    public async Task<T> InDb<T>(Func<OneSealDb, Task<T>> work)
    {
        await using var scope = _services.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<OneSealDb>());
    }

    public Task InDb(Func<OneSealDb, Task> work) => InDb(async db => { await work(db); return true; });

    public async ValueTask DisposeAsync()
    {
        if (_started) await Dispatcher.StopAsync(CancellationToken.None);
        await _services.DisposeAsync();
    }
}

public sealed record TestPayload(string Key, int Fail = 0);

/// <summary>What the test handlers did, shared by every instance of a test.</summary>
public sealed class HandlerLog
{
    public ConcurrentDictionary<string, int> Handled { get; } = new();
    public ConcurrentDictionary<string, int> Failed { get; } = new();
    public ConcurrentDictionary<string, string> HandledBy { get; } = new();
    public ConcurrentQueue<string> GaveUp { get; } = new();
    /// <summary>Work each handler pretends to do, so two instances really overlap.</summary>
    public TimeSpan Work { get; set; } = TimeSpan.Zero;
    /// <summary>When set, <c>test.record</c> handlers note the key in <see cref="Started"/> and wait for it to complete.</summary>
    public TaskCompletionSource? Hold { get; set; }
    public ConcurrentQueue<string> Started { get; } = new();
}

/// <summary><c>test.record</c>: counts each message it handles.</summary>
internal sealed class RecordingHandler(HandlerLog log, OutboxOptions options) : IOutboxHandler
{
    public const string TopicName = "test.record";
    public string Topic => TopicName;

    public async Task HandleAsync(OutboxMessage m, CancellationToken ct)
    {
        if (log.Work > TimeSpan.Zero) await Task.Delay(log.Work, ct);
        var key = m.Read<TestPayload>().Key;
        log.Started.Enqueue(key);
        if (log.Hold is { } hold) await hold.Task.WaitAsync(ct);
        log.Handled.AddOrUpdate(key, 1, (_, n) => n + 1);
        log.HandledBy[key] = options.InstanceName;
    }
}

/// <summary><c>test.flaky</c>: fails the first <see cref="TestPayload.Fail"/> attempts of a message, then succeeds.</summary>
internal sealed class FlakyHandler(HandlerLog log) : IOutboxHandler
{
    public const string TopicName = "test.flaky";
    public string Topic => TopicName;

    public Task HandleAsync(OutboxMessage m, CancellationToken ct)
    {
        var payload = m.Read<TestPayload>();
        var failures = log.Failed.GetOrAdd(payload.Key, 0);
        if (failures < payload.Fail)
        {
            log.Failed[payload.Key] = failures + 1;
            throw new InvalidOperationException($"flaky failure {failures + 1} of {payload.Key}");
        }
        log.Handled.AddOrUpdate(payload.Key, 1, (_, n) => n + 1);
        return Task.CompletedTask;
    }

    public Task GiveUpAsync(OutboxMessage m, string error, CancellationToken ct)
    {
        log.GaveUp.Enqueue(m.Read<TestPayload>().Key + "|" + error);
        return Task.CompletedTask;
    }
}

/// <summary><c>test.stubborn</c>: like <see cref="FlakyHandler"/>, but its work must happen however many attempts it takes.</summary>
internal sealed class StubbornHandler(HandlerLog log) : IOutboxHandler
{
    public const string TopicName = "test.stubborn";
    public string Topic => TopicName;
    public bool RetriesUntilDone => true;

    public Task HandleAsync(OutboxMessage m, CancellationToken ct) => new FlakyHandler(log).HandleAsync(m, ct);

    public Task GiveUpAsync(OutboxMessage m, string error, CancellationToken ct) => new FlakyHandler(log).GiveUpAsync(m, error, ct);
}
