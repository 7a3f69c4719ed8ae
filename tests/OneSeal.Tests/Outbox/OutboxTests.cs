using Microsoft.EntityFrameworkCore;
using OneSeal.Platform.Database;
using OneSeal.Platform.Outbox;
using OneSeal.Platform.Time;
using Microsoft.Extensions.DependencyInjection;
using OneSeal.Tests.Infrastructure;
using TransactionalOutbox = OneSeal.Platform.Outbox.Outbox;

namespace OneSeal.Tests.Outbox;

/// <summary>The transactional outbox on a migrated database of each provider, with one or two "app instances" on it.</summary>
public abstract class OutboxTests(DatabaseProvider provider) : IAsyncLifetime
{
    private TestDatabase _database = null!;
    private readonly List<OutboxTestHost> _hosts = [];

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync(provider);
        await _database.MigrateAsync();
    }

    public async Task DisposeAsync()
    {
        foreach (var host in _hosts) await host.DisposeAsync();
        await _database.DisposeAsync();
    }

    private OutboxTestHost Host(string instance, TimeProvider clock, HandlerLog log, IDictionary<string, string?>? settings = null)
    {
        var host = new OutboxTestHost(_database, instance, clock, log, settings);
        _hosts.Add(host);
        return host;
    }

    private static Task EnqueueAndCommitAsync(OutboxTestHost host, string topic, params TestPayload[] payloads) => host.InDb(async db =>
    {
        var now = Instants.Now(host.Services.GetRequiredService<TimeProvider>());
        foreach (var p in payloads) TransactionalOutbox.Enqueue(db, topic, p, now);
        await db.CommitAsync(default);
    });

    private static Task<OutboxMessage> MessageAsync(OutboxTestHost host, string key) =>
        host.InDb(db => db.Set<OutboxMessage>().AsNoTracking().SingleAsync(m => m.Payload.Contains("\"" + key + "\"")));

    private static async Task WaitUntilAsync(Func<bool> done, TimeSpan timeout, string what)
    {
        var until = DateTime.UtcNow + timeout;
        while (!done())
        {
            if (DateTime.UtcNow > until) throw new TimeoutException($"Timed out waiting until {what}.");
            await Task.Delay(20);
        }
    }

    [Fact]
    public async Task Enqueued_and_committed_is_handled_exactly_once()
    {
        var clock = new FakeTimeProvider();
        var log = new HandlerLog();
        var host = Host("a", clock, log);
        await EnqueueAndCommitAsync(host, RecordingHandler.TopicName, new TestPayload("one"));

        var before = await MessageAsync(host, "one");
        before.ProcessedAt.ShouldBeNull();
        before.AvailableAt.ShouldBe(Instants.Now(clock));
        before.Payload.ShouldBe("{\"key\":\"one\",\"fail\":0}");

        (await host.Dispatcher.DispatchOnceAsync(default)).ShouldBe(1);
        (await host.Dispatcher.DispatchOnceAsync(default)).ShouldBe(0);
        clock.Advance(TimeSpan.FromHours(2)); // past any lease: a processed message is never claimed again
        (await host.Dispatcher.DispatchOnceAsync(default)).ShouldBe(0);

        log.Handled["one"].ShouldBe(1);
        var after = await MessageAsync(host, "one");
        after.ProcessedAt.ShouldNotBeNull();
        after.Attempts.ShouldBe(0);
        after.LockedBy.ShouldBe("a");
        after.LockedUntil.ShouldBeNull();
    }

    [Fact]
    public async Task Outbox_lag_is_measured_per_topic_from_enqueueing_to_the_handlers_success()
    {
        using var metrics = new MetricCapture();
        var clock = new FakeTimeProvider();
        var host = Host("a", clock, new HandlerLog());
        await EnqueueAndCommitAsync(host, RecordingHandler.TopicName, new TestPayload("lagging"));
        clock.Advance(TimeSpan.FromSeconds(93.5));

        (await host.Dispatcher.DispatchOnceAsync(default)).ShouldBe(1);

        metrics.Of("oneseal.outbox.lag").ShouldContain(m => m.Value == 93.5 && m.Tag("topic") == RecordingHandler.TopicName);
    }

    [Fact]
    public async Task A_rolled_back_transaction_enqueues_nothing()
    {
        var log = new HandlerLog();
        var host = Host("a", TimeProvider.System, log);
        await host.InDb(async db =>
        {
            await using var tx = await db.Database.BeginTransactionAsync();
            TransactionalOutbox.Enqueue(db, RecordingHandler.TopicName, new TestPayload("rolled-back"), Instants.Now(TimeProvider.System));
            await db.SaveChangesAsync();
            (await db.Set<OutboxMessage>().CountAsync()).ShouldBe(1); // visible inside the transaction only
            await tx.RollbackAsync();
        });
        // A unit of work that fails before commit writes nothing either.
        await Should.ThrowAsync<InvalidOperationException>(() => host.InDb(async db =>
        {
            TransactionalOutbox.Enqueue(db, RecordingHandler.TopicName, new TestPayload("never-committed"), Instants.Now(TimeProvider.System));
            await Task.Yield();
            throw new InvalidOperationException("the business rule said no");
        }));

        (await host.Dispatcher.DispatchOnceAsync(default)).ShouldBe(0);
        (await host.InDb(db => db.Set<OutboxMessage>().CountAsync())).ShouldBe(0);
        log.Handled.ShouldBeEmpty();
    }

    [Fact]
    public async Task A_local_commit_wakes_the_running_dispatcher_without_waiting_for_the_poll()
    {
        var log = new HandlerLog();
        var host = Host("a", TimeProvider.System, log, new Dictionary<string, string?> { ["Outbox:PollSeconds"] = "600" });
        await host.StartAsync();
        await Task.Delay(300); // the loop has looked once and now waits (up to 10 minutes)

        await EnqueueAndCommitAsync(host, RecordingHandler.TopicName, new TestPayload("wake"));
        await WaitUntilAsync(() => log.Handled.ContainsKey("wake"), TimeSpan.FromSeconds(15), "the commit woke the dispatcher");

        // Also when the save happens inside an explicit transaction: woken on commit.
        await host.InDb(async db =>
        {
            await using var tx = await db.Database.BeginTransactionAsync();
            TransactionalOutbox.Enqueue(db, RecordingHandler.TopicName, new TestPayload("wake-tx"), Instants.Now(TimeProvider.System));
            await db.SaveChangesAsync();
            await tx.CommitAsync();
        });
        await WaitUntilAsync(() => log.Handled.ContainsKey("wake-tx"), TimeSpan.FromSeconds(15), "the transaction's commit woke the dispatcher");
        log.Handled["wake"].ShouldBe(1);
    }

    [Fact]
    public async Task Two_instances_on_one_database_handle_each_of_200_messages_exactly_once()
    {
        var log = new HandlerLog { Work = TimeSpan.FromMilliseconds(10) };
        var settings = new Dictionary<string, string?> { ["Outbox:BatchSize"] = "7", ["Outbox:MaxParallelism"] = "3", ["Outbox:PollSeconds"] = "0.01" };
        var a = Host("instance-a", TimeProvider.System, log, settings);
        var b = Host("instance-b", TimeProvider.System, log, settings);
        var keys = Enumerable.Range(1, 200).Select(i => $"m{i:D3}").ToArray();
        await EnqueueAndCommitAsync(a, RecordingHandler.TopicName, keys.Select(k => new TestPayload(k)).ToArray());

        await Task.WhenAll(a.StartAsync(), b.StartAsync());
        await WaitUntilAsync(() => log.Handled.Count == keys.Length, TimeSpan.FromSeconds(90), "all 200 were handled");
        await Task.Delay(300); // anything handled twice would show up now

        foreach (var key in keys) log.Handled[key].ShouldBe(1, $"message {key}");
        log.Handled.Count.ShouldBe(200);
        var byInstance = log.HandledBy.Values.GroupBy(v => v).ToDictionary(g => g.Key, g => g.Count());
        byInstance.Keys.ShouldBe(["instance-a", "instance-b"], ignoreOrder: true);

        var rows = await a.InDb(db => db.Set<OutboxMessage>().AsNoTracking().ToListAsync());
        rows.Count.ShouldBe(200);
        rows.ShouldAllBe(m => m.ProcessedAt != null && m.Attempts == 0);
        // The database agrees with the handlers about who did each one.
        foreach (var m in rows) m.LockedBy.ShouldBe(log.HandledBy[m.Read<TestPayload>().Key]);
    }

    [Fact]
    public async Task Concurrent_claims_from_two_instances_never_overlap()
    {
        var clock = TimeProvider.System;
        var log = new HandlerLog();
        var a = Host("claim-a", clock, log);
        var b = Host("claim-b", clock, log);
        await EnqueueAndCommitAsync(a, RecordingHandler.TopicName, Enumerable.Range(1, 200).Select(i => new TestPayload($"c{i}")).ToArray());

        async Task<List<long>> ClaimAllAsync(OutboxTestHost host)
        {
            var mine = new List<long>();
            while (true)
            {
                var now = Instants.Now(clock);
                var batch = await host.InDb(db => OutboxStore.ClaimAsync(db, host.Instance, now, now + TimeSpan.FromMinutes(5), 5, 10, default));
                if (batch.Count == 0) return mine;
                batch.ShouldAllBe(m => m.LockedBy == host.Instance);
                mine.AddRange(batch.Select(m => m.Id));
            }
        }

        var results = await Task.WhenAll(Task.Run(() => ClaimAllAsync(a)), Task.Run(() => ClaimAllAsync(b)));
        results[0].Intersect(results[1]).ShouldBeEmpty();
        (results[0].Count + results[1].Count).ShouldBe(200);
        results[0].Distinct().Count().ShouldBe(results[0].Count);
    }

    [Fact]
    public async Task Failures_back_off_exponentially_then_succeed()
    {
        var clock = new FakeTimeProvider();
        var log = new HandlerLog();
        var host = Host("a", clock, log, new Dictionary<string, string?> { ["Outbox:RetryBaseSeconds"] = "10", ["Outbox:MaxAttempts"] = "5" });
        await EnqueueAndCommitAsync(host, FlakyHandler.TopicName, new TestPayload("flaky", Fail: 2));
        var start = Instants.Now(clock);

        (await host.Dispatcher.DispatchOnceAsync(default)).ShouldBe(1);
        var first = await MessageAsync(host, "flaky");
        first.Attempts.ShouldBe(1);
        first.LastError.ShouldBe("InvalidOperationException: flaky failure 1 of flaky");
        first.AvailableAt.ShouldBe(start + TimeSpan.FromSeconds(10));
        first.LockedUntil.ShouldBeNull();
        first.ProcessedAt.ShouldBeNull();

        (await host.Dispatcher.DispatchOnceAsync(default)).ShouldBe(0); // backing off
        clock.Advance(TimeSpan.FromSeconds(9));
        (await host.Dispatcher.DispatchOnceAsync(default)).ShouldBe(0);
        clock.Advance(TimeSpan.FromSeconds(1));
        (await host.Dispatcher.DispatchOnceAsync(default)).ShouldBe(1);
        var second = await MessageAsync(host, "flaky");
        second.Attempts.ShouldBe(2);
        second.AvailableAt.ShouldBe(start + TimeSpan.FromSeconds(10) + TimeSpan.FromSeconds(20)); // doubled

        clock.Advance(TimeSpan.FromSeconds(19));
        (await host.Dispatcher.DispatchOnceAsync(default)).ShouldBe(0);
        clock.Advance(TimeSpan.FromSeconds(1));
        (await host.Dispatcher.DispatchOnceAsync(default)).ShouldBe(1);
        var done = await MessageAsync(host, "flaky");
        done.ProcessedAt.ShouldBe(Instants.Now(clock));
        done.Attempts.ShouldBe(2);
        log.Handled["flaky"].ShouldBe(1);
        log.GaveUp.ShouldBeEmpty();
    }

    [Fact]
    public async Task After_the_last_attempt_a_message_stays_as_a_visible_dead_letter()
    {
        var clock = new FakeTimeProvider();
        var log = new HandlerLog();
        var host = Host("a", clock, log, new Dictionary<string, string?> { ["Outbox:RetryBaseSeconds"] = "1", ["Outbox:MaxAttempts"] = "3" });
        await EnqueueAndCommitAsync(host, FlakyHandler.TopicName, new TestPayload("doomed", Fail: 100));

        for (var attempt = 1; attempt <= 3; attempt++)
        {
            (await host.Dispatcher.DispatchOnceAsync(default)).ShouldBe(1, $"attempt {attempt}");
            clock.Advance(TimeSpan.FromMinutes(1));
        }
        clock.Advance(TimeSpan.FromDays(2));
        (await host.Dispatcher.DispatchOnceAsync(default)).ShouldBe(0);

        var dead = await MessageAsync(host, "doomed");
        dead.ProcessedAt.ShouldBeNull();
        dead.Attempts.ShouldBe(3);
        dead.LastError.ShouldBe("InvalidOperationException: flaky failure 3 of doomed");
        log.Failed["doomed"].ShouldBe(3);
        log.GaveUp.ShouldHaveSingleItem().ShouldStartWith("doomed|InvalidOperationException");
        (await host.InDb(db => db.Set<OutboxMessage>().CountAsync(m => m.ProcessedAt == null && m.Attempts >= 3))).ShouldBe(1);
    }

    [Fact]
    public async Task A_message_without_a_handler_fails_like_any_other()
    {
        var clock = new FakeTimeProvider();
        var host = Host("a", clock, new HandlerLog());
        await EnqueueAndCommitAsync(host, "test.nobody", new TestPayload("orphan"));
        (await host.Dispatcher.DispatchOnceAsync(default)).ShouldBe(1);
        var m = await MessageAsync(host, "orphan");
        m.Attempts.ShouldBe(1);
        m.LastError.ShouldBe("InvalidOperationException: No outbox handler for topic 'test.nobody'.");
    }

    [Fact]
    public async Task A_claim_whose_instance_died_is_taken_over_when_the_lease_runs_out()
    {
        var clock = new FakeTimeProvider();
        var log = new HandlerLog();
        var settings = new Dictionary<string, string?> { ["Outbox:LeaseSeconds"] = "60" };
        var dead = Host("dead", clock, log, settings);
        var alive = Host("alive", clock, log, settings);
        await EnqueueAndCommitAsync(dead, RecordingHandler.TopicName, new TestPayload("orphaned"));

        var now = Instants.Now(clock);
        (await dead.InDb(db => OutboxStore.ClaimAsync(db, "dead", now, now + TimeSpan.FromSeconds(60), 10, 10, default))).Count.ShouldBe(1);
        // "dead" stops here, without handling or releasing it.

        (await alive.Dispatcher.DispatchOnceAsync(default)).ShouldBe(0);
        clock.Advance(TimeSpan.FromSeconds(60));
        (await alive.Dispatcher.DispatchOnceAsync(default)).ShouldBe(0); // the lease holds up to and including its instant
        clock.Advance(TimeSpan.FromSeconds(1));
        (await alive.Dispatcher.DispatchOnceAsync(default)).ShouldBe(1);
        log.Handled["orphaned"].ShouldBe(1);
        (await MessageAsync(alive, "orphaned")).LockedBy.ShouldBe("alive");
    }

    [Fact]
    public async Task Processed_messages_are_purged_after_the_retention_and_dead_letters_are_kept()
    {
        var clock = new FakeTimeProvider();
        var log = new HandlerLog();
        var host = Host("a", clock, log, new Dictionary<string, string?> { ["Outbox:MaxAttempts"] = "1" });
        await EnqueueAndCommitAsync(host, RecordingHandler.TopicName, new TestPayload("old"));
        await EnqueueAndCommitAsync(host, FlakyHandler.TopicName, new TestPayload("dead", Fail: 1));
        (await host.Dispatcher.DispatchOnceAsync(default)).ShouldBe(2);

        clock.Advance(TimeSpan.FromDays(31));
        var purged = await host.InDb(db => OutboxStore.PurgeAsync(db, Instants.Now(clock) - TimeSpan.FromDays(30), default));
        purged.ShouldBe(1);
        (await host.InDb(db => db.Set<OutboxMessage>().AsNoTracking().Select(m => m.Topic).ToListAsync())).ShouldBe([FlakyHandler.TopicName]);
    }

    [Fact]
    public async Task Defect21_a_crashed_instances_work_is_taken_over_within_a_minute_with_the_default_lease()
    {
        new OutboxOptions().Lease.ShouldBeLessThanOrEqualTo(TimeSpan.FromSeconds(30));
        var clock = new FakeTimeProvider();
        var log = new HandlerLog();
        var dead = Host("dead", clock, log);
        var alive = Host("alive", clock, log);
        await EnqueueAndCommitAsync(dead, RecordingHandler.TopicName, new TestPayload("crashed"));

        // "dead" claims with its default lease, then is killed (kill -9): no handling, no release, no renewal.
        var now = Instants.Now(clock);
        var lease = dead.Dispatcher.Options.Lease;
        (await dead.InDb(db => OutboxStore.ClaimAsync(db, "dead", now, now + lease, 10, 10, default))).Count.ShouldBe(1);

        var takenOverAfter = TimeSpan.Zero;
        while (await alive.Dispatcher.DispatchOnceAsync(default) == 0)
        {
            clock.Advance(TimeSpan.FromSeconds(1));
            takenOverAfter += TimeSpan.FromSeconds(1);
            takenOverAfter.ShouldBeLessThan(TimeSpan.FromMinutes(1), "the crashed instance's message was not taken over within a minute");
        }
        takenOverAfter.ShouldBe(TimeSpan.FromSeconds(31)); // the lease holds up to and including its instant
        log.Handled["crashed"].ShouldBe(1);
    }

    [Fact]
    public async Task Defect21_a_handler_running_longer_than_the_lease_keeps_its_claim_by_renewing_it()
    {
        var clock = new FakeTimeProvider();
        var log = new HandlerLog { Hold = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously) };
        var busy = Host("busy", clock, log);
        var other = Host("other", clock, log);
        await EnqueueAndCommitAsync(busy, RecordingHandler.TopicName, new TestPayload("slow"));

        var run = busy.Dispatcher.DispatchOnceAsync(default);
        await WaitUntilAsync(() => log.Started.Contains("slow"), TimeSpan.FromSeconds(30), "the handler started");
        // Two minutes of work, four times the 30 s lease: every 10 s the running batch renews its claim.
        for (var beat = 1; beat <= 12; beat++)
        {
            clock.Advance(TimeSpan.FromSeconds(10));
            var expected = Instants.Now(clock) + TimeSpan.FromSeconds(30);
            var until = DateTime.UtcNow + TimeSpan.FromSeconds(30);
            while ((await MessageAsync(busy, "slow")).LockedUntil != expected)
            {
                if (DateTime.UtcNow > until) throw new TimeoutException($"beat {beat}: the lease was not renewed to {expected:O}");
                await Task.Delay(20);
            }
            (await other.Dispatcher.DispatchOnceAsync(default)).ShouldBe(0, $"beat {beat}: another instance took a message still being worked on");
        }

        log.Hold.SetResult();
        (await run).ShouldBe(1);
        log.Handled["slow"].ShouldBe(1);
        (await MessageAsync(busy, "slow")).ProcessedAt.ShouldNotBeNull();
    }

    [Fact]
    public async Task Defect21_work_that_must_happen_is_retried_with_back_off_past_the_maximum_and_never_dead_lettered()
    {
        var clock = new FakeTimeProvider();
        var log = new HandlerLog();
        var host = Host("a", clock, log, new Dictionary<string, string?>
        {
            ["Outbox:RetryBaseSeconds"] = "1", ["Outbox:RetryMaxSeconds"] = "60", ["Outbox:MaxAttempts"] = "3",
        });
        await EnqueueAndCommitAsync(host, StubbornHandler.TopicName, new TestPayload("render", Fail: 8));

        for (var attempt = 1; attempt <= 8; attempt++)
        {
            (await host.Dispatcher.DispatchOnceAsync(default)).ShouldBe(1, $"attempt {attempt}");
            var m = await MessageAsync(host, "render");
            m.Attempts.ShouldBe(attempt);
            m.AvailableAt.ShouldBe(Instants.Now(clock) + TimeSpan.FromSeconds(Math.Min(60, Math.Pow(2, attempt - 1))));
            clock.Advance(TimeSpan.FromSeconds(60));
        }
        (await host.Dispatcher.DispatchOnceAsync(default)).ShouldBe(1);
        log.Handled["render"].ShouldBe(1);
        (await MessageAsync(host, "render")).ProcessedAt.ShouldNotBeNull();
        log.GaveUp.ShouldBeEmpty();
    }

    [Fact]
    public void Back_off_doubles_up_to_the_maximum()
    {
        var o = new OutboxOptions { RetryBaseDelay = TimeSpan.FromSeconds(5), RetryMaxDelay = TimeSpan.FromMinutes(1) };
        o.BackOff(1).ShouldBe(TimeSpan.FromSeconds(5));
        o.BackOff(2).ShouldBe(TimeSpan.FromSeconds(10));
        o.BackOff(4).ShouldBe(TimeSpan.FromSeconds(40));
        o.BackOff(5).ShouldBe(TimeSpan.FromMinutes(1));
        o.BackOff(500).ShouldBe(TimeSpan.FromMinutes(1));
    }
}

[Trait("Provider", "Sqlite")]
public sealed class OutboxTests_Sqlite() : OutboxTests(DatabaseProvider.Sqlite);

[Trait("Provider", "Postgres")]
public sealed class OutboxTests_Postgres() : OutboxTests(DatabaseProvider.Postgres);
