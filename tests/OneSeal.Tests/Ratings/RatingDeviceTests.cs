using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OneSeal.Hall;
using OneSeal.Platform.Audit;
using OneSeal.Platform.Database;
using OneSeal.Queue.Tickets;
using OneSeal.Ratings;
using OneSeal.Tests.Api;
using OneSeal.Tests.Infrastructure;

namespace OneSeal.Tests.Ratings;

/// <summary>
/// Issue 12 §5, 评价器: the window chief pairs a tablet to a window with a one-time code; when the window finishes a
/// visitor the device asks for one of the five levels (GB/T 39734 offline indicators) and stores it once, bound to the
/// ticket, window, staff and cases served. Nobody rates for the applicant: a staff session is refused and audited.
/// </summary>
public abstract class RatingDeviceTests(OneSealFactory app) : CaseApiTestBase(app)
{
    private FakeTimeProvider Clock => App.Time!;
    private ServedTicketsStub Served => (ServedTicketsStub)App.Services.GetRequiredService<IServedTickets>();

    private async Task<Window> WindowAsync(string number) =>
        await InDb(db => db.Set<Window>().AsNoTracking().FirstAsync(w => w.Number == number && w.ClosedAt == null));

    private async Task<string> PairAsync(string number)
    {
        Served.Clear();
        var window = await WindowAsync(number);
        using var start = await (await As("winchief")).PostAsync($"/api/v1/windows/{window.Id}/rating-device", null);
        await ShouldBeAsync(start, HttpStatusCode.OK);
        var code = (await start.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString()!;
        using var pair = await Anonymous().PostAsJsonAsync("/api/v1/ratings/devices/pair", new { code });
        await ShouldBeAsync(pair, HttpStatusCode.OK);
        var paired = await pair.Content.ReadFromJsonAsync<JsonElement>();
        paired.GetProperty("windowNumber").GetString().ShouldBe(number);
        return paired.GetProperty("secret").GetString()!;
    }

    private HttpClient Device(string secret)
    {
        var client = Anonymous();
        client.DefaultRequestHeaders.Add(RatingDevices.Header, secret);
        return client;
    }

    private async Task<ServedTicket> FinishedAsync(string window, string number, params Guid[] cases)
    {
        var w = await WindowAsync(window);
        var now = Clock.GetUtcNow();
        var t = new ServedTicket(Guid.NewGuid(), number, w.HallId, w.Id, await AccountIdAsync("clerk"), now.AddMinutes(-6), now, cases);
        Served.Add(t);
        return t;
    }

    [Fact]
    public async Task The_device_asks_for_the_ticket_just_finished_and_stores_one_rating_bound_to_ticket_window_staff_and_cases()
    {
        var secret = await PairAsync("A01");
        using var device = Device(secret);
        var idle = await device.GetFromJsonAsync<JsonElement>("/api/v1/ratings/device");
        idle.GetProperty("windowNumber").GetString().ShouldBe("A01");

        var caseId = Guid.NewGuid();
        var ticket = await FinishedAsync("A01", "A023", caseId);
        var state = await device.GetFromJsonAsync<JsonElement>("/api/v1/ratings/device");
        var pending = state.GetProperty("pending");
        (pending.GetProperty("ticketNumber").GetString(), pending.GetProperty("staffName").GetString()).ShouldBe(("A023", "李窗口"));
        pending.GetProperty("indicators").EnumerateArray().Select(i => i.GetProperty("name").GetString())
            .ShouldBe(["总体评价", "办事效率", "服务水平", "服务态度"]);

        var before = await InScope<RatingQueries, StaffRatingSummary>(q => q.StaffThisMonthAsync(ticket.StaffId!.Value, default));
        using var rate = await device.PostAsJsonAsync("/api/v1/ratings", new { ticketId = ticket.TicketId, level = 4, scores = new { attitude = 5 } });
        await ShouldBeAsync(rate, HttpStatusCode.Created);
        (await rate.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("levelName").GetString().ShouldBe("满意");

        var stored = await InDb(db => db.Set<Rating>().Include(r => r.Scores).Include(r => r.Cases).AsNoTracking().SingleAsync(r => r.TicketId == ticket.TicketId));
        (stored.Channel, stored.Level, stored.WindowId, stored.StaffId, stored.SetVersion)
            .ShouldBe((RatingChannel.WindowDevice, RatingLevel.Satisfied, ticket.WindowId, ticket.StaffId, "GB/T 39734-2020"));
        stored.Scores.ToDictionary(s => s.IndicatorCode, s => s.Level).ShouldBe(new Dictionary<string, RatingLevel>
        {
            ["overall"] = RatingLevel.Satisfied, ["efficiency"] = RatingLevel.Satisfied, ["service"] = RatingLevel.Satisfied, ["attitude"] = RatingLevel.VerySatisfied,
        }, ignoreOrder: true);
        stored.Cases.Select(c => c.CaseId).ShouldBe([caseId]);
        (await InDb(db => db.Set<AuditEntry>().AnyAsync(a => a.Action == "rating.create" && a.EntityId == ticket.TicketId.ToString() && a.Detail!.Contains("A023 号 满意"))))
            .ShouldBeTrue();

        using var again = await device.PostAsJsonAsync("/api/v1/ratings", new { ticketId = ticket.TicketId, level = 1 });
        await ShouldBeProblemAsync(again, HttpStatusCode.Conflict, rule: "already-rated");
        (await device.GetFromJsonAsync<JsonElement>("/api/v1/ratings/device")).GetProperty("pending").ValueKind.ShouldBe(JsonValueKind.Null);

        var summary = await InScope<RatingQueries, StaffRatingSummary>(q => q.StaffThisMonthAsync(ticket.StaffId!.Value, default));
        (summary.Count, summary.Good).ShouldBe((before.Count + 1, before.Good + 1), "the staff's ratings this month count it as good");
    }

    [Fact]
    public async Task No_staff_account_can_rate_even_with_the_device_secret_and_the_attempt_is_audited()
    {
        var secret = await PairAsync("A01");
        var ticket = await FinishedAsync("A01", "A031");
        var clerk = await As("clerk");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/ratings") { Content = JsonContent.Create(new { ticketId = ticket.TicketId, level = 5 }) };
        request.Headers.Add(RatingDevices.Header, secret);
        using var response = await clerk.SendAsync(request);
        await ShouldBeProblemAsync(response, HttpStatusCode.Forbidden, rule: "staff-cannot-rate");

        (await InDb(db => db.Set<Rating>().AnyAsync(r => r.TicketId == ticket.TicketId))).ShouldBeFalse();
        (await InDb(db => db.Set<AuditEntry>().AnyAsync(a => a.Action == "rating.refused" && a.EntityId == ticket.TicketId.ToString()))).ShouldBeTrue();
    }

    [Fact]
    public async Task A_device_rates_only_its_own_windows_tickets_within_thirty_minutes_and_only_when_paired()
    {
        var secret = await PairAsync("A01");
        using var device = Device(secret);
        var elsewhere = await FinishedAsync("A02", "A040");
        using (var other = await device.PostAsJsonAsync("/api/v1/ratings", new { ticketId = elsewhere.TicketId, level = 5 }))
            await ShouldBeProblemAsync(other, HttpStatusCode.Forbidden, rule: "other-window");
        using (var unknown = await device.PostAsJsonAsync("/api/v1/ratings", new { ticketId = Guid.NewGuid(), level = 5 }))
            await ShouldBeProblemAsync(unknown, HttpStatusCode.Conflict, rule: "ticket-not-finished");

        var late = await FinishedAsync("A01", "A041");
        Clock.Advance(TimeSpan.FromMinutes(31));
        using (var closed = await device.PostAsJsonAsync("/api/v1/ratings", new { ticketId = late.TicketId, level = 5 }))
            await ShouldBeProblemAsync(closed, HttpStatusCode.Conflict, rule: "rating-closed");

        using var stranger = Device("not-a-device");
        using (var unpaired = await stranger.PostAsJsonAsync("/api/v1/ratings", new { ticketId = late.TicketId, level = 5 }))
            await ShouldBeProblemAsync(unpaired, HttpStatusCode.Forbidden, rule: "device-not-paired");

        // Pairing again replaces the device: the old secret stops working.
        await PairAsync("A01");
        using var old = await device.GetAsync("/api/v1/ratings/device");
        await ShouldBeProblemAsync(old, HttpStatusCode.Forbidden, rule: "device-not-paired");
    }

    [Fact]
    public async Task Bad_ratings_carry_their_tags_and_bad_input_names_the_field_and_stores_nothing()
    {
        var secret = await PairAsync("A01");
        using var device = Device(secret);
        var ticket = await FinishedAsync("A01", "A052");

        foreach (var (body, field) in new (object, string)[]
        {
            (new { ticketId = ticket.TicketId, level = 9 }, "level"),
            (new { ticketId = ticket.TicketId }, "level"),
            (new { level = 5 }, "ticketId"),
            (new { ticketId = ticket.TicketId, level = 5, tags = new[] { "attitude" } }, "tags"),
            (new { ticketId = ticket.TicketId, level = 1, tags = new[] { "no-such-tag" } }, "tags"),
            (new { ticketId = ticket.TicketId, level = 2, scores = new { speed = 3 } }, "scores.speed"),
            (new { ticketId = ticket.TicketId, level = 2, comment = new string('差', 501) }, "comment"),
        })
        {
            using var bad = await device.PostAsJsonAsync("/api/v1/ratings", body);
            await ShouldBeProblemAsync(bad, HttpStatusCode.BadRequest, field: field);
        }
        using (var nul = await device.PostAsync("/api/v1/ratings", new StringContent($"{{\"ticketId\":\"{ticket.TicketId}\",\"level\":1,\"comment\":\"a\\u0000b\"}}", System.Text.Encoding.UTF8, "application/json")))
            await ShouldBeProblemAsync(nul, HttpStatusCode.BadRequest);
        (await InDb(db => db.Set<Rating>().AnyAsync(r => r.TicketId == ticket.TicketId))).ShouldBeFalse();

        using var rate = await device.PostAsJsonAsync("/api/v1/ratings", new { ticketId = ticket.TicketId, level = 1, tags = new[] { "long-wait", "attitude" }, comment = "排队太久" });
        await ShouldBeAsync(rate, HttpStatusCode.Created);
        var stored = await InDb(db => db.Set<Rating>().AsNoTracking().SingleAsync(r => r.TicketId == ticket.TicketId));
        (stored.Level, stored.Tags, stored.Comment).ShouldBe((RatingLevel.VeryDissatisfied, "long-wait,attitude", "排队太久"));
    }

    [Fact]
    public async Task Only_a_window_chief_makes_a_pairing_code_and_a_code_works_once()
    {
        var window = await WindowAsync("A01");
        using (var clerk = await (await As("clerk")).PostAsync($"/api/v1/windows/{window.Id}/rating-device", null))
            await ShouldBeProblemAsync(clerk, HttpStatusCode.Forbidden, rule: "window-chief-only");
        using var start = await (await As("winchief")).PostAsync($"/api/v1/windows/{window.Id}/rating-device", null);
        var code = (await start.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString()!;
        using (var first = await Anonymous().PostAsJsonAsync("/api/v1/ratings/devices/pair", new { code }))
            await ShouldBeAsync(first, HttpStatusCode.OK);
        using (var second = await Anonymous().PostAsJsonAsync("/api/v1/ratings/devices/pair", new { code }))
            await ShouldBeProblemAsync(second, HttpStatusCode.BadRequest, field: "code");
        using (var malformed = await Anonymous().PostAsJsonAsync("/api/v1/ratings/devices/pair", new { code = "12ab" }))
            await ShouldBeProblemAsync(malformed, HttpStatusCode.BadRequest, field: "code");
    }

    private async Task<TResult> InScope<TService, TResult>(Func<TService, Task<TResult>> work) where TService : notnull
    {
        await using var scope = App.Services.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<TService>());
    }
}

/// <summary>Finished tickets the test puts there (the queue's own tests cover how tickets get finished).</summary>
public sealed class ServedTicketsStub : IServedTickets
{
    private readonly ConcurrentDictionary<Guid, ServedTicket> _tickets = new();

    public void Add(ServedTicket t) => _tickets[t.TicketId] = t;

    public void Clear() => _tickets.Clear();

    public Task<ServedTicket?> FindAsync(Guid ticketId, CancellationToken ct) => Task.FromResult(_tickets.GetValueOrDefault(ticketId));

    public Task<ServedTicket?> LastFinishedAsync(Guid windowId, DateTimeOffset since, CancellationToken ct) =>
        Task.FromResult(_tickets.Values.Where(t => t.WindowId == windowId && t.FinishedAt >= since).OrderByDescending(t => t.FinishedAt).FirstOrDefault());
}

internal static class RatingApps
{
    public static OneSealFactoryOptions Options() => new()
    {
        Time = new FakeTimeProvider(),
        Services = s => s.AddSingleton<IServedTickets, ServedTicketsStub>(),
    };
}

public sealed class RatingSqliteApp() : OneSealFactory(DatabaseProvider.Sqlite, RatingApps.Options());

public sealed class RatingPostgresApp() : OneSealFactory(DatabaseProvider.Postgres, RatingApps.Options());

[Trait("Provider", "Sqlite")]
public sealed class RatingDeviceTests_Sqlite(RatingSqliteApp app) : RatingDeviceTests(app), IClassFixture<RatingSqliteApp>;

[Trait("Provider", "Postgres")]
public sealed class RatingDeviceTests_Postgres(RatingPostgresApp app) : RatingDeviceTests(app), IClassFixture<RatingPostgresApp>;
