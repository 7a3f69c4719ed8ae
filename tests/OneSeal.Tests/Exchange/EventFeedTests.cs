using System.Net;
using Microsoft.EntityFrameworkCore;
using OneSeal.Organisation;
using OneSeal.Platform.Database;
using OneSeal.Platform.Events;
using OneSeal.Tests.Api;
using OneSeal.Tests.Infrastructure;
using static OneSeal.Tests.Exchange.ExchangeTestKit;

namespace OneSeal.Tests.Exchange;

/// <summary>
/// Issue 13 §3, <c>GET /api/v1/events?after=&amp;limit=</c>: CloudEvents envelopes in seq order with a cursor that pages
/// through everything once; integration accounts read all, a department's staff only their department's events.
/// </summary>
public abstract class EventFeedTests(OneSealFactory app) : CaseApiTestBase(app)
{
    /// <summary>Records <paramref name="count"/> events of <paramref name="department"/>'s organisation code, each in its own transaction.</summary>
    private Task<List<string>> RecordAsync(int count, string department, string type = EventTypes.SupervisionPushed) => InDb(async db =>
    {
        var departmentId = await db.Set<Agency>().Where(a => a.Code == department).Select(a => a.Id).SingleAsync();
        var subjects = new List<string>();
        for (var i = 0; i < count; i++)
        {
            var subject = Unique("feed-");
            await db.InTransactionAsync(async () =>
            {
                EventLog.Record(db, type, subject, new { n = i, department }, DateTimeOffset.UtcNow, departmentId, "QS-XK-003", "pushed");
                await db.CommitAsync(default);
            }, default);
            subjects.Add(subject);
        }
        return subjects;
    });

    [Fact]
    public async Task Pages_through_every_event_once_in_seq_order_as_CloudEvents_envelopes()
    {
        var mine = await RecordAsync(5, "SCJGJ");
        var exchange = await As("exchange");
        var all = await ReadAllAsync(exchange, limit: 2);
        var seqs = all.Select(e => long.Parse(e.GetProperty("sequence").GetString()!)).ToList();
        seqs.ShouldBe(seqs.Order().ToList(), "stable order by seq");
        seqs.Distinct().Count().ShouldBe(seqs.Count, "no event twice");
        all.Select(e => e.GetProperty("subject").GetString()!).Where(mine.Contains).ShouldBe(mine);
        var count = await InDb(db => db.Set<EventRecord>().CountAsync());
        all.Count.ShouldBe(count, "every event of the log, none skipped");

        var one = all.Single(e => e.GetProperty("subject").GetString() == mine[0]);
        one.GetProperty("specversion").GetString().ShouldBe("1.0");
        one.GetProperty("type").GetString().ShouldBe(EventTypes.SupervisionPushed);
        one.GetProperty("source").GetString().ShouldBe("urn:oneseal");
        Guid.TryParse(one.GetProperty("id").GetString(), out _).ShouldBeTrue();
        one.GetProperty("data").GetProperty("department").GetString().ShouldBe("SCJGJ");

        // From the last cursor: nothing new until something is recorded, then just that.
        var (_, end) = await ReadFeedAsync(exchange, "0", 1000);
        while (true)
        {
            var (more, next) = await ReadFeedAsync(exchange, end, 1000);
            if (more.Count == 0) break;
            end = next;
        }
        var later = await RecordAsync(1, "MZJ");
        var (fresh, after) = await ReadFeedAsync(exchange, end);
        fresh.Select(e => e.GetProperty("subject").GetString()!).ShouldBe(later);
        long.Parse(after).ShouldBeGreaterThan(long.Parse(end));
    }

    [Fact]
    public async Task A_departments_staff_read_only_their_departments_events()
    {
        var market = await RecordAsync(3, "SCJGJ");
        var civil = await RecordAsync(3, "MZJ");
        var seen = (await ReadAllAsync(await As("dept"), limit: 1)).Select(e => e.GetProperty("subject").GetString()!).ToList();
        market.ShouldBeSubsetOf(seen);
        seen.ShouldNotContain(s => civil.Contains(s), "another department's events stay hidden");
        var marketId = await InDb(db => db.Set<Agency>().Where(a => a.Code == "SCJGJ").Select(a => a.Id).SingleAsync());
        var theirs = await InDb(db => db.Set<EventRecord>().Where(e => e.DepartmentId == marketId).CountAsync());
        seen.Count.ShouldBe(theirs);
    }

    [Theory]
    [InlineData("applicant")]
    [InlineData("clerk")]
    [InlineData("admin")]
    public async Task Accounts_that_are_neither_integration_nor_department_staff_are_refused(string username)
    {
        using var response = await (await As(username)).GetAsync("/api/v1/events");
        await ShouldBeProblemAsync(response, HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Without_a_token_the_feed_answers_401()
    {
        using var response = await Anonymous().GetAsync("/api/v1/events");
        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Theory]
    [InlineData("after=-1", "after")]
    [InlineData("after=abc", "after")]
    [InlineData("after=99999999999999999999999", "after")]
    [InlineData("limit=0", "limit")]
    [InlineData("limit=1001", "limit")]
    [InlineData("limit=ten", "limit")]
    [InlineData("limit=%00", "limit")]
    public async Task Bad_cursor_or_limit_is_a_problem_naming_the_field(string query, string field)
    {
        using var response = await (await As("exchange")).GetAsync("/api/v1/events?" + query);
        await ShouldBeProblemAsync(response, HttpStatusCode.BadRequest, field: field);
    }

    [Fact]
    public async Task The_limit_defaults_to_100_and_allows_1000()
    {
        await RecordAsync(101 - Math.Min(101, await InDb(db => db.Set<EventRecord>().CountAsync())), "SCJGJ");
        var exchange = await As("exchange");
        (await ReadFeedAsync(exchange, "0", 100)).Events.Count.ShouldBe(100);
        using var response = await exchange.GetAsync("/api/v1/events");
        await ShouldBeAsync(response, HttpStatusCode.OK);
        var body = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        body.GetProperty("events").GetArrayLength().ShouldBe(100);
        (await ReadFeedAsync(exchange, "0", 1000)).Events.Count.ShouldBeGreaterThan(100);
    }
}

[Trait("Provider", "Sqlite")]
public sealed class EventFeedTests_Sqlite(SqliteApp app) : EventFeedTests(app), IClassFixture<SqliteApp>;

[Trait("Provider", "Postgres")]
public sealed class EventFeedTests_Postgres(PostgresApp app) : EventFeedTests(app), IClassFixture<PostgresApp>;
