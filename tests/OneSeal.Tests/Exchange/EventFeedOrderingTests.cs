using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OneSeal.Platform.Database;
using OneSeal.Platform.Events;
using OneSeal.Tests.Infrastructure;
using static OneSeal.Tests.Exchange.ExchangeTestKit;

namespace OneSeal.Tests.Exchange;

/// <summary>
/// PostgreSQL hands out identity values at INSERT and shows rows at COMMIT, so a later seq can be visible before an
/// earlier one. Two real concurrent transactions: the feed never lets a reader's cursor pass an event still in flight,
/// and passes a gap left by a rolled-back transaction once nothing is in flight (ADR 0015). SQLite has one writer at a
/// time and no such gap.
/// </summary>
[Trait("Provider", "Postgres")]
public sealed class EventFeedOrderingTests_Postgres(PostgresApp app) : ApiTestBase(app), IClassFixture<PostgresApp>
{
    private async Task<string> EndAsync(HttpClient client)
    {
        var cursor = "0";
        while (true)
        {
            var (events, next) = await ReadFeedAsync(client, cursor, 1000);
            if (events.Count == 0) return next;
            cursor = next;
        }
    }

    private static EventRecord Record(OneSealDb db, string subject) =>
        EventLog.Record(db, EventTypes.SupervisionPushed, subject, new { subject }, DateTimeOffset.UtcNow, null, "QS-XK-003", "pushed");

    private static List<string> Subjects(List<System.Text.Json.JsonElement> events) => events.Select(e => e.GetProperty("subject").GetString()!).ToList();

    [Fact]
    public async Task An_event_that_commits_after_a_later_one_is_not_skipped()
    {
        using var exchange = await ClientFor("exchange");
        var cursor = await EndAsync(exchange);
        await using var s1 = App.Services.CreateAsyncScope();
        await using var s2 = App.Services.CreateAsyncScope();
        var db1 = s1.ServiceProvider.GetRequiredService<OneSealDb>();
        var db2 = s2.ServiceProvider.GetRequiredService<OneSealDb>();

        await using var t1 = await db1.Database.BeginTransactionAsync();
        var first = Record(db1, Unique("first-"));
        await db1.SaveChangesAsync();
        await using (var t2 = await db2.Database.BeginTransactionAsync())
        {
            Record(db2, Unique("second-"));
            await db2.SaveChangesAsync();
            await t2.CommitAsync();
        }
        var second = await db2.Set<EventRecord>().AsNoTracking().OrderByDescending(e => e.Seq).FirstAsync();
        second.Seq.ShouldBeGreaterThan(first.Seq, "the second transaction took the later seq and committed first");

        // The first is still in flight: the feed stops before its seq, so the reader keeps its cursor.
        var (held, next) = await ReadFeedAsync(exchange, cursor);
        held.ShouldBeEmpty();
        next.ShouldBe(cursor);

        await t1.CommitAsync();
        var (both, after) = await ReadFeedAsync(exchange, cursor);
        Subjects(both).ShouldBe([first.Subject, second.Subject]);
        after.ShouldBe(second.Seq.ToString());
    }

    [Fact]
    public async Task A_gap_left_by_a_rolled_back_transaction_is_passed_once_nothing_is_in_flight()
    {
        using var exchange = await ClientFor("exchange");
        var cursor = await EndAsync(exchange);
        await using var s1 = App.Services.CreateAsyncScope();
        await using var s2 = App.Services.CreateAsyncScope();
        var db1 = s1.ServiceProvider.GetRequiredService<OneSealDb>();
        var db2 = s2.ServiceProvider.GetRequiredService<OneSealDb>();

        var t1 = await db1.Database.BeginTransactionAsync();
        var lost = Record(db1, Unique("lost-"));
        await db1.SaveChangesAsync();
        string kept;
        await using (var t2 = await db2.Database.BeginTransactionAsync())
        {
            kept = Record(db2, Unique("kept-")).Subject;
            await db2.SaveChangesAsync();
            await t2.CommitAsync();
        }
        (await ReadFeedAsync(exchange, cursor)).Events.ShouldBeEmpty("the gap may still fill while the first is open");

        await t1.RollbackAsync();
        await t1.DisposeAsync();
        var (events, _) = await ReadFeedAsync(exchange, cursor);
        Subjects(events).ShouldBe([kept]);
        Subjects(events).ShouldNotContain(lost.Subject);
    }
}
