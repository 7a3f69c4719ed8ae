using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using OneSeal.Platform.Database;
using OneSeal.Platform.Signals;
using OneSeal.Queue.Board;
using OneSeal.Tests.Infrastructure;

namespace OneSeal.Tests.Queue.Board;

/// <summary>
/// A board whose snapshot and window screens the test sets (the real <see cref="IQueueBoard"/> is the tickets' part).
/// It carries ticket ids, staff ids and numbers on purpose, so the tests can check none of them leaves the server.
/// </summary>
public sealed class TestQueueBoard : IQueueBoard
{
    public static readonly Guid HallId = Guid.Parse("7d5a1f52-0000-4000-8000-00000000b0a1");
    public static readonly Guid StaffId = Guid.Parse("7d5a1f52-0000-4000-8000-00000000b0a2");

    private volatile BoardSnapshot _snapshot = new(HallId, "县政务服务中心一楼大厅",
        [Call("A021", "A01", "综合受理一号窗口")], [new BoardWaiting("market", "市场准入", 7), new BoardWaiting("social", "社会事务", 3)],
        "请取号后在等候区就座，留意叫号。", DateTimeOffset.UtcNow);

    public int Reads;

    public BoardSnapshot Snapshot { get => _snapshot; set => _snapshot = value; }

    public WindowScreen? Screen { get; set; } = new(Guid.NewGuid(), "A01", "综合受理一号窗口", "A021", StaffId, "王小明", "GH0451", false, false);

    public static BoardCall Call(string ticket, string window, string windowName, int recall = 0) =>
        new(Guid.NewGuid(), ticket, window, windowName, DateTimeOffset.UtcNow, recall);

    public Task<BoardSnapshot?> ReadAsync(Guid? hallId, CancellationToken ct)
    {
        Interlocked.Increment(ref Reads);
        return Task.FromResult(hallId is null || hallId == HallId ? _snapshot : null);
    }

    public Task<WindowScreen?> WindowScreenAsync(string windowNumber, Guid? hallId, CancellationToken ct) =>
        Task.FromResult(Screen is { } s && s.WindowNumber == windowNumber && (hallId is null || hallId == HallId) ? s : null);

    /// <summary>Publishes a call as the calling code does after its commit: <c>{"kind":"call","hallId":…,"call":{…}}</c>.</summary>
    public static Task PublishCallAsync(ISignals signals, BoardCall call) =>
        signals.PublishAsync(QueueSignals.Channel, JsonSerializer.Serialize(new { kind = "call", hallId = HallId, call }, JsonSerializerOptions.Web), default);

    public static Task PublishChangedAsync(ISignals signals) =>
        signals.PublishAsync(QueueSignals.Channel, JsonSerializer.Serialize(new { kind = "changed", hallId = HallId }, JsonSerializerOptions.Web), default);

    /// <summary>Options for a host whose board is this one (one instance per host).</summary>
    public static OneSealFactoryOptions Options(bool kestrel = false) => new()
    {
        Kestrel = kestrel,
        Services = s =>
        {
            s.RemoveAll<IQueueBoard>();
            s.AddSingleton<TestQueueBoard>();
            s.AddSingleton<IQueueBoard>(sp => sp.GetRequiredService<TestQueueBoard>());
        },
    };
}

public sealed class BoardSqliteApp() : OneSealFactory(DatabaseProvider.Sqlite, TestQueueBoard.Options());
public sealed class BoardPostgresApp() : OneSealFactory(DatabaseProvider.Postgres, TestQueueBoard.Options());
public sealed class BoardPostgresKestrelApp() : OneSealFactory(DatabaseProvider.Postgres, TestQueueBoard.Options(kestrel: true));
