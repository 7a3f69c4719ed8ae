using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OneSeal.Hall;
using OneSeal.Platform.Audit;
using OneSeal.Platform.Database;
using OneSeal.Platform.Signals;
using OneSeal.Queue.Board;
using OneSeal.Queue.Tickets;
using OneSeal.Tests.Api;
using OneSeal.Tests.Infrastructure;

namespace OneSeal.Tests.Queue;

/// <summary>
/// Issue 12 §1–2: queue numbers (theme prefix + 3 digits per hall, day and prefix; Y appointments, L 绿色通道), the
/// hall's hours, expiry at closing, and calling at a window: the priority rule that cannot starve the normal queue,
/// recall limits, no-show, transfer keeping one's place, finish, the audit trail, seat checks, and (PostgreSQL) two
/// windows calling at once never getting the same ticket. Each test starts on a working day of its own (the fake clock
/// only moves forward), as numbers and seats are per day.
/// </summary>
public abstract class QueueTests(OneSealFactory app) : CaseApiTestBase(app)
{
    private const string Tickets = "/api/v1/queue/tickets";
    private FakeTimeProvider Clock => App.Time!;

    /// <summary>The next weekday after the clock's date, at <paramref name="hour"/>:00 Beijing time.</summary>
    private void NewDay(int hour = 9)
    {
        var day = DateOnly.FromDateTime(Clock.GetLocalNow().DateTime).AddDays(1);
        while (day.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday) day = day.AddDays(1);
        Clock.SetLocal(day.Year, day.Month, day.Day, hour);
    }

    private async Task<Guid> WindowIdAsync(string number) =>
        await InDb(db => db.Set<Window>().Where(w => w.Number == number && w.ClosedAt == null).Select(w => w.Id).SingleAsync());

    private async Task<(HttpClient Client, string Base)> SeatedAsync(string username, string window)
    {
        var client = await App.ClientFor(username);
        var id = await WindowIdAsync(window);
        using var seat = await client.PostAsync($"/api/v1/windows/{id}/sign-in", null);
        await ShouldBeAsync(seat, HttpStatusCode.OK);
        return (client, $"/api/v1/queue/windows/{id}");
    }

    private async Task<JsonElement> TakeAsync(object body)
    {
        using var r = await Anonymous().PostAsJsonAsync(Tickets, body);
        await ShouldBeAsync(r, HttpStatusCode.Created);
        return await r.Content.ReadFromJsonAsync<JsonElement>();
    }

    private static async Task<JsonElement> PostOkAsync(HttpClient client, string path, object? body = null)
    {
        using var r = body is null ? await client.PostAsync(path, null) : await client.PostAsJsonAsync(path, body);
        await ShouldBeAsync(r, HttpStatusCode.OK);
        return await r.Content.ReadFromJsonAsync<JsonElement>();
    }

    private static string? Current(JsonElement view) =>
        view.GetProperty("current").ValueKind == JsonValueKind.Null ? null : view.GetProperty("current").GetProperty("number").GetString();

    private Task<List<string>> TrailAsync(Guid ticketId) => InDb(db => db.Set<AuditEntry>()
        .Where(a => a.EntityType == "queue-ticket" && a.EntityId == ticketId.ToString()).OrderBy(a => a.Id).Select(a => a.Action).ToListAsync());

    [Fact]
    public async Task Numbers_run_per_prefix_and_day_and_the_ticket_shows_people_ahead_and_an_estimated_wait()
    {
        NewDay();
        var a1 = await TakeAsync(new { theme = "market" });
        var a2 = await TakeAsync(new { theme = "market", idNumber = Demo.CitizenId });
        var l1 = await TakeAsync(new { theme = "market", priority = true });
        var d1 = await TakeAsync(new { theme = "social" });
        (a1.GetProperty("number").GetString(), a2.GetProperty("number").GetString(), l1.GetProperty("number").GetString(), d1.GetProperty("number").GetString())
            .ShouldBe(("A001", "A002", "L001", "D001"));
        a2.ToString().ShouldNotContain(Demo.CitizenId);
        var row = await InDb(db => db.Set<Ticket>().AsNoTracking().SingleAsync(t => t.Id == a2.GetProperty("id").GetGuid()));
        (row.IdNumberHash.ShouldNotBeNull().Contains(Demo.CitizenId), row.IdNumberMasked).ShouldBe((false, "360999********1239"));

        // A002 waits behind A001 and the 绿色通道 ticket; 8 minutes each (the default before any ticket is finished), one window.
        var status = (await Anonymous().GetFromJsonAsync<JsonElement>($"{Tickets}/{a2.GetProperty("id").GetGuid()}"));
        (status.GetProperty("state").GetString(), status.GetProperty("peopleAhead").GetInt32(), status.GetProperty("estimatedWaitMinutes").GetInt32())
            .ShouldBe(("Waiting", 2, 16));
        (await TrailAsync(a1.GetProperty("id").GetGuid())).ShouldBe(["queue.ticket.take"]);

        using (var held = await Anonymous().PostAsJsonAsync(Tickets, new { theme = "market", idNumber = Demo.CitizenId }))
            await ShouldBeProblemAsync(held, HttpStatusCode.Conflict, rule: "ticket-held");

        // The next working day starts again at 001.
        NewDay();
        (await TakeAsync(new { theme = "market" })).GetProperty("number").GetString().ShouldBe("A001");
    }

    [Fact]
    public async Task Outside_the_hours_the_hall_refuses_tickets_naming_when_it_opens_and_waiting_tickets_expire_at_closing()
    {
        NewDay(17);
        var waiting = await TakeAsync(new { theme = "social" });
        Clock.Advance(TimeSpan.FromMinutes(31));
        using (var late = await Anonymous().PostAsJsonAsync(Tickets, new { theme = "social" }))
        {
            var problem = await ShouldBeProblemAsync(late, HttpStatusCode.Conflict, rule: "hall-closed");
            problem.GetProperty("detail").GetString()!.ShouldContain("08:30");
        }
        await using (var scope = App.Services.CreateAsyncScope())
            (await scope.ServiceProvider.GetRequiredService<TicketExpiry>().RunAsync(Clock.GetUtcNow(), CancellationToken.None)).ShouldBeGreaterThanOrEqualTo(1);
        var status = await Anonymous().GetFromJsonAsync<JsonElement>($"{Tickets}/{waiting.GetProperty("id").GetGuid()}");
        (status.GetProperty("state").GetString(), status.GetProperty("stateLabel").GetString()).ShouldBe(("Expired", "已失效"));
        (await InDb(db => db.Set<AuditEntry>().AnyAsync(a => a.Action == "queue.expire"))).ShouldBeTrue();

        // Saturday: closed all day; the message names Monday's opening.
        var saturday = DateOnly.FromDateTime(Clock.GetLocalNow().DateTime);
        while (saturday.DayOfWeek != DayOfWeek.Saturday) saturday = saturday.AddDays(1);
        Clock.SetLocal(saturday.Year, saturday.Month, saturday.Day, 10);
        using (var weekend = await Anonymous().PostAsJsonAsync(Tickets, new { theme = "social" }))
        {
            var problem = await ShouldBeProblemAsync(weekend, HttpStatusCode.Conflict, rule: "hall-closed");
            problem.GetProperty("detail").GetString()!.ShouldContain($"{saturday.AddDays(2).Month}月{saturday.AddDays(2).Day}日 08:30");
        }
    }

    [Fact]
    public async Task Priority_tickets_go_first_but_at_most_two_in_a_row_while_normal_tickets_wait()
    {
        NewDay();
        var (clerk, window) = await SeatedAsync("clerk", "A01");
        await TakeAsync(new { theme = "market" });
        await TakeAsync(new { theme = "social" });
        for (var i = 0; i < 4; i++) await TakeAsync(new { theme = "market", priority = true });
        var called = new List<string>();
        for (var i = 0; i < 6; i++)
        {
            called.Add(Current(await PostOkAsync(clerk, window + "/call-next"))!);
            await PostOkAsync(clerk, window + "/finish");
        }
        called.ShouldBe(["L001", "L002", "A001", "L003", "L004", "D001"]);
        using (var empty = await clerk.PostAsync(window + "/call-next", null))
            await ShouldBeProblemAsync(empty, HttpStatusCode.Conflict, rule: "queue-empty");
    }

    [Fact]
    public async Task Recalls_are_limited_in_number_and_spacing_and_no_show_comes_only_after_them()
    {
        NewDay();
        var (clerk, window) = await SeatedAsync("clerk", "A01");
        var ticket = (await TakeAsync(new { theme = "market" })).GetProperty("id").GetGuid();
        var signals = new List<string>();
        var bus = App.Services.GetRequiredService<ISignals>();
        using var subscription = bus.Subscribe(QueueSignals.Channel, s => { lock (signals) { if (s.Length > 0) signals.Add(s); } return Task.CompletedTask; });
        // On PostgreSQL the first subscription starts the listening connection: wait until it LISTENs.
        if (bus is PostgresSignals pg) await pg.ListeningAsync(QueueSignals.Channel, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10));
        await PostOkAsync(clerk, window + "/call-next");
        using (var r = await clerk.PostAsync(window + "/call-next", null))
            await ShouldBeProblemAsync(r, HttpStatusCode.Conflict, rule: "ticket-open");
        using (var r = await clerk.PostAsync(window + "/recall", null))
            await ShouldBeProblemAsync(r, HttpStatusCode.Conflict, rule: "recall-too-soon");
        using (var r = await clerk.PostAsync(window + "/no-show", null))
            await ShouldBeProblemAsync(r, HttpStatusCode.Conflict, rule: "no-show-too-soon");
        for (var i = 1; i <= 3; i++)
        {
            Clock.Advance(TimeSpan.FromSeconds(31));
            (await PostOkAsync(clerk, window + "/recall")).GetProperty("current").GetProperty("recalls").GetInt32().ShouldBe(i);
        }
        Clock.Advance(TimeSpan.FromSeconds(31));
        using (var r = await clerk.PostAsync(window + "/recall", null))
            await ShouldBeProblemAsync(r, HttpStatusCode.Conflict, rule: "max-recalls");
        Current(await PostOkAsync(clerk, window + "/no-show")).ShouldBeNull();
        (await Anonymous().GetFromJsonAsync<JsonElement>($"{Tickets}/{ticket}")).GetProperty("state").GetString().ShouldBe("NoShow");
        (await TrailAsync(ticket)).ShouldBe(["queue.ticket.take", "queue.call", "queue.recall", "queue.recall", "queue.recall", "queue.no-show"]);

        // The board heard the call and its recalls (after each commit), and reads them back.
        // Signals arrive after the commits, on PostgreSQL through NOTIFY: wait for the four calls (at most 10 s).
        for (var waited = 0; waited < 100 && CallCount() < 4; waited++) await Task.Delay(100);
        int CallCount() { lock (signals) return signals.Count(s => s.Contains("\"kind\":\"call\"", StringComparison.Ordinal)); }
        lock (signals)
        {
            var calls = signals.Select(s => JsonDocument.Parse(s).RootElement).Where(s => s.GetProperty("kind").GetString() == "call").ToList();
            calls.Count.ShouldBeGreaterThanOrEqualTo(4);
            calls[^1].GetProperty("call").GetProperty("windowNumber").GetString().ShouldBe("A01");
            calls[^1].GetProperty("call").GetProperty("recall").GetInt32().ShouldBe(3);
        }
        await using var scope = App.Services.CreateAsyncScope();
        var board = (await scope.ServiceProvider.GetRequiredService<IQueueBoard>().ReadAsync(null, CancellationToken.None)).ShouldNotBeNull();
        board.LastCalls[0].TicketId.ShouldBe(ticket);
        board.NoticeLine.ShouldBe(QueueOptions.DefaultNoticeLine);
    }

    [Fact]
    public async Task A_transfer_keeps_the_tickets_place_and_serve_then_finish_and_pause_work()
    {
        NewDay();
        var (clerk, a01) = await SeatedAsync("clerk", "A01");
        var (clerk2, a02) = await SeatedAsync("clerk2", "A02");
        var a1 = (await TakeAsync(new { theme = "market", idNumber = Demo.CitizenId })).GetProperty("id").GetGuid();
        Clock.Advance(TimeSpan.FromMinutes(5));
        await TakeAsync(new { theme = "construction" });
        await PostOkAsync(clerk, a01 + "/call-next");
        using (var r = await clerk.PostAsJsonAsync(a01 + "/transfer", new { to = "" }))
            await ShouldBeProblemAsync(r, HttpStatusCode.BadRequest, "to");
        using (var r = await clerk.PostAsJsonAsync(a01 + "/transfer", new { to = "no-such-theme" }))
            await ShouldBeProblemAsync(r, HttpStatusCode.BadRequest, "to");
        Current(await PostOkAsync(clerk, a01 + "/transfer", new { to = "construction" })).ShouldBeNull();

        // A02 takes construction: the transferred A001 was taken before B001, so it comes first.
        var view = await PostOkAsync(clerk2, a02 + "/call-next");
        (Current(view), view.GetProperty("current").GetProperty("transfers").GetInt32(), view.GetProperty("current").GetProperty("idNumberMasked").GetString())
            .ShouldBe(("A001", 1, "360999********1239"));
        (await PostOkAsync(clerk2, a02 + "/serve")).GetProperty("current").GetProperty("state").GetString().ShouldBe("Serving");
        Current(await PostOkAsync(clerk2, a02 + "/finish")).ShouldBeNull();
        (await TrailAsync(a1)).ShouldBe(["queue.ticket.take", "queue.call", "queue.transfer", "queue.call", "queue.serve", "queue.finish"]);

        // To a window by id: only that window calls it.
        var a01Id = await WindowIdAsync("A01");
        await PostOkAsync(clerk2, a02 + "/call-next");
        await PostOkAsync(clerk2, a02 + "/transfer", new { to = a01Id.ToString() });
        Current(await PostOkAsync(clerk, a01 + "/call-next")).ShouldBe("B001");
        await PostOkAsync(clerk, a01 + "/finish");

        (await PostOkAsync(clerk, a01 + "/pause")).GetProperty("paused").GetBoolean().ShouldBeTrue();
        await TakeAsync(new { theme = "market" });
        using (var r = await clerk.PostAsync(a01 + "/call-next", null))
            await ShouldBeProblemAsync(r, HttpStatusCode.Conflict, rule: "window-paused");
        (await PostOkAsync(clerk, a01 + "/resume")).GetProperty("paused").GetBoolean().ShouldBeFalse();
        Current(await PostOkAsync(clerk, a01 + "/call-next")).ShouldBe("A002");
        await PostOkAsync(clerk, a01 + "/finish");

        await using var scope = App.Services.CreateAsyncScope();
        var screen = (await scope.ServiceProvider.GetRequiredService<IQueueBoard>().WindowScreenAsync("A01", null, CancellationToken.None)).ShouldNotBeNull();
        (screen.CurrentTicket, screen.StaffName, screen.Paused).ShouldBe((null, "李窗口", false));
    }

    [Fact]
    public async Task Only_staff_seated_at_that_window_call_and_bad_input_names_the_field()
    {
        NewDay();
        var (clerk, a01) = await SeatedAsync("clerk", "A01");
        var a02 = $"/api/v1/queue/windows/{await WindowIdAsync("A02")}";
        using (var r = await clerk.PostAsync(a02 + "/call-next", null))
            await ShouldBeProblemAsync(r, HttpStatusCode.Forbidden, rule: "not-at-window");
        using (var r = await (await App.ClientFor("reviewer")).PostAsync(a01 + "/call-next", null))
            await ShouldBeProblemAsync(r, HttpStatusCode.Forbidden, rule: "not-at-window");
        using (var r = await (await As("applicant")).PostAsync(a01 + "/call-next", null))
            await ShouldBeProblemAsync(r, HttpStatusCode.Forbidden);
        using (var r = await Anonymous().PostAsync(a01 + "/call-next", null))
            r.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);

        var before = await InDb(db => db.Set<Ticket>().CountAsync());
        foreach (var (body, field) in new (object, string)[]
        {
            (new { }, "theme"), (new { theme = "no-such" }, "theme"), (new { theme = new string('x', 100_000) }, "theme"),
            (new { theme = "market", idNumber = "12345" }, "idNumber"), (new { theme = "market", idNumber = new string('9', 10_000) }, "idNumber"),
        })
        {
            using var r = await Anonymous().PostAsJsonAsync(Tickets, body);
            await ShouldBeProblemAsync(r, HttpStatusCode.BadRequest, field);
        }
        using (var r = await Anonymous().PostAsync(Tickets, new StringContent("{\"theme\":\"mar\\u0000ket\"}", System.Text.Encoding.UTF8, "application/json")))
            ((int)r.StatusCode).ShouldBe(400);
        using (var r = await Anonymous().PostAsync(Tickets, new StringContent("{\"theme\":", System.Text.Encoding.UTF8, "application/json")))
            ((int)r.StatusCode).ShouldBe(400);
        using (var r = await Anonymous().PostAsJsonAsync(Tickets, new { theme = "market", appointmentId = Guid.NewGuid() }))
            await ShouldBeProblemAsync(r, HttpStatusCode.NotFound);
        using (var r = await Anonymous().GetAsync($"{Tickets}/{Guid.NewGuid()}"))
            await ShouldBeProblemAsync(r, HttpStatusCode.NotFound);
        (await InDb(db => db.Set<Ticket>().CountAsync())).ShouldBe(before);
    }

    [Fact]
    public async Task Two_windows_calling_at_once_never_get_the_same_ticket()
    {
        if (Provider != DatabaseProvider.Postgres) return; // SQLite's IMMEDIATE transactions serialise every writer.
        NewDay();
        var a02Id = await WindowIdAsync("A02");
        await InDb(async db => { db.Add(new WindowTheme { WindowId = a02Id, ThemeCode = "market" }); await db.SaveChangesAsync(); });
        try
        {
            var (clerk, a01) = await SeatedAsync("clerk", "A01");
            var (clerk2, a02) = await SeatedAsync("clerk2", "A02");
            for (var round = 0; round < 30; round++)
            {
                await TakeAsync(new { theme = "market" });
                await TakeAsync(new { theme = "market" });
                var both = await Task.WhenAll(PostOkAsync(clerk, a01 + "/call-next"), PostOkAsync(clerk2, a02 + "/call-next"));
                var ids = both.Select(v => v.GetProperty("current").GetProperty("id").GetGuid()).ToList();
                ids.Distinct().Count().ShouldBe(2, $"round {round}");
                await Task.WhenAll(PostOkAsync(clerk, a01 + "/finish"), PostOkAsync(clerk2, a02 + "/finish"));
            }
            (await InDb(db => db.Set<Ticket>().CountAsync(t => t.State == TicketState.Finished && t.ThemeCode == "market" && t.Number.StartsWith("A0"))))
                .ShouldBeGreaterThanOrEqualTo(60);
        }
        finally
        {
            await InDb(async db => { await db.Set<WindowTheme>().Where(t => t.WindowId == a02Id && t.ThemeCode == "market").ExecuteDeleteAsync(); });
        }
    }

    [Fact]
    public async Task Statistics_give_waits_service_times_no_shows_and_idle_minutes_and_the_device_rates_the_finished_ticket()
    {
        NewDay();
        var day = DateOnly.FromDateTime(Clock.GetLocalNow().DateTime).ToString("yyyy-MM-dd");
        var (clerk, window) = await SeatedAsync("clerk", "A01");
        var first = (await TakeAsync(new { theme = "market" })).GetProperty("id").GetGuid();
        await TakeAsync(new { theme = "market" });
        await TakeAsync(new { theme = "market" });
        Clock.Advance(TimeSpan.FromMinutes(5));
        await PostOkAsync(clerk, window + "/call-next");                 // waited 5
        Clock.Advance(TimeSpan.FromMinutes(10));
        await PostOkAsync(clerk, window + "/finish");                    // served 10
        Clock.Advance(TimeSpan.FromMinutes(1));                           // idle 1 while two wait
        await PostOkAsync(clerk, window + "/call-next");                 // waited 16
        Clock.Advance(TimeSpan.FromMinutes(4));
        await PostOkAsync(clerk, window + "/finish");                    // served 4
        await PostOkAsync(clerk, window + "/call-next");                 // waited 20, no idle
        Clock.Advance(TimeSpan.FromSeconds(181));
        await PostOkAsync(clerk, window + "/no-show");

        var stats = await (await App.ClientFor("winchief")).GetFromJsonAsync<JsonElement>($"/api/v1/queue/stats?from={day}&to={day}");
        var market = stats.GetProperty("byTheme").EnumerateArray().Single(r => r.GetProperty("key").GetString() == "market");
        (market.GetProperty("taken").GetInt32(), market.GetProperty("served").GetInt32(), market.GetProperty("noShow").GetInt32()).ShouldBe((3, 2, 1));
        (market.GetProperty("avgWaitMinutes").GetDouble(), market.GetProperty("avgServiceMinutes").GetDouble()).ShouldBe((13.7, 7.0));
        market.GetProperty("noShowRate").GetDouble().ShouldBe(1.0 / 3, 0.001);
        var a01 = stats.GetProperty("byWindow").EnumerateArray().Single(r => r.GetProperty("label").GetString()!.StartsWith("A01", StringComparison.Ordinal));
        a01.GetProperty("idleMinutes").GetDouble().ShouldBe(1.0);
        stats.GetProperty("byStaff").EnumerateArray().Single().GetProperty("label").GetString().ShouldBe("李窗口");
        stats.GetProperty("byHour").EnumerateArray().Single().GetProperty("key").GetString().ShouldBe("09");

        using (var export = await (await App.ClientFor("winchief")).GetAsync($"/api/v1/queue/stats/export?from={day}&to={day}"))
        {
            await ShouldBeAsync(export, HttpStatusCode.OK);
            export.Content.Headers.ContentType!.MediaType.ShouldBe("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        }
        using (var browser = await OneSeal.Tests.Organisation.SignInTestKit.CookieBrowserAsync(App, "winchief"))
        {
            var page = System.Net.WebUtility.HtmlDecode(await browser.GetStringAsync($"/hall/queue-stats?from={day}&to={day}"));
            page.ShouldContain("data-figure=\"taken\">3<");
            page.ShouldContain("李窗口");
            using var sheet = await browser.GetAsync($"/hall/queue-stats/export?from={day}&to={day}");
            await ShouldBeAsync(sheet, HttpStatusCode.OK);
        }
        using (var clerkAsks = await clerk.GetAsync("/api/v1/queue/stats"))
            await ShouldBeProblemAsync(clerkAsks, HttpStatusCode.Forbidden, rule: "queue-stats");
        using (var tooLong = await (await App.ClientFor("monitor")).GetAsync("/api/v1/queue/stats?from=2026-01-01&to=2026-03-01"))
            await ShouldBeProblemAsync(tooLong, HttpStatusCode.BadRequest, field: "to");
        using (var bad = await (await App.ClientFor("monitor")).GetAsync("/api/v1/queue/stats?from=2026-13-01"))
            await ShouldBeProblemAsync(bad, HttpStatusCode.BadRequest, field: "from");

        // The rating device of A01 asks for the last finished ticket (the second) and rates it through the real queue.
        using var start = await (await App.ClientFor("winchief")).PostAsync($"/api/v1/windows/{await WindowIdAsync("A01")}/rating-device", null);
        var code = (await start.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString();
        using var pair = await Anonymous().PostAsJsonAsync("/api/v1/ratings/devices/pair", new { code });
        var secret = (await pair.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("secret").GetString()!;
        using var device = Anonymous();
        device.DefaultRequestHeaders.Add("X-Rating-Device", secret);
        var pending = (await device.GetFromJsonAsync<JsonElement>("/api/v1/ratings/device")).GetProperty("pending");
        pending.GetProperty("ticketNumber").GetString().ShouldBe("A002");
        using (var early = await device.PostAsJsonAsync("/api/v1/ratings", new { ticketId = first, level = 5 }))
            await ShouldBeAsync(early, HttpStatusCode.Created);
        using var rate = await device.PostAsJsonAsync("/api/v1/ratings", new { ticketId = pending.GetProperty("ticketId").GetGuid(), level = 2, tags = new[] { "long-wait" } });
        await ShouldBeAsync(rate, HttpStatusCode.Created);
        (await InDb(db => db.Set<OneSeal.Ratings.Rating>().CountAsync(r => r.WindowId != null && r.StaffId != null && r.CreatedAt >= Clock.GetUtcNow().AddHours(-1))))
            .ShouldBe(2);
    }

    [Fact]
    public async Task An_appointment_checked_in_for_a_ticket_is_called_before_an_earlier_normal_ticket_and_only_once()
    {
        NewDay();
        var day = DateOnly.FromDateTime(Clock.GetLocalNow().DateTime).ToString("yyyy-MM-dd");
        var (clerk, window) = await SeatedAsync("clerk", "A01");
        var normal = await TakeAsync(new { theme = "market" });
        var person = OneSeal.Tests.Queue.Appointments.AppointmentTests.NewIdNumber();
        using var booked = await Anonymous().PostAsJsonAsync("/api/v1/appointments",
            new { theme = "market", date = day, time = "09:30", name = "张预约", idNumber = person, phone = "13912340000" });
        await ShouldBeAsync(booked, HttpStatusCode.Created);
        var appointmentId = (await booked.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();

        Clock.Advance(TimeSpan.FromMinutes(10));
        var ticket = await TakeAsync(new { theme = "market", appointmentId });
        ticket.GetProperty("number").GetString().ShouldBe("Y001");
        using (var twice = await Anonymous().PostAsJsonAsync(Tickets, new { theme = "market", appointmentId }))
            await ShouldBeProblemAsync(twice, HttpStatusCode.Conflict, rule: "appointment-checked-in");

        var called = await PostOkAsync(clerk, window + "/call-next");
        Current(called).ShouldBe("Y001", $"the appointment goes before {normal.GetProperty("number").GetString()} taken earlier");
        await PostOkAsync(clerk, window + "/finish");
    }
}

public sealed class QueueSqliteApp() : OneSealFactory(DatabaseProvider.Sqlite, QueueTestHost.Options());

public sealed class QueuePostgresApp() : OneSealFactory(DatabaseProvider.Postgres, QueueTestHost.Options());

public static class QueueTestHost
{
    /// <summary>A fake clock; no background expiry sweep (tests run it); no per-address limit (every test client is one address).</summary>
    public static OneSealFactoryOptions Options(bool kestrel = false) => new()
    {
        Kestrel = kestrel,
        Time = new FakeTimeProvider(),
        Settings = new Dictionary<string, string?> { ["Queue:ExpirySweepSeconds"] = "0", ["Queue:TicketsPerMinute"] = "100000" },
    };
}

[Trait("Provider", "Sqlite")]
public sealed class QueueTests_Sqlite(QueueSqliteApp app) : QueueTests(app), IClassFixture<QueueSqliteApp>;

[Trait("Provider", "Postgres")]
public sealed class QueueTests_Postgres(QueuePostgresApp app) : QueueTests(app), IClassFixture<QueuePostgresApp>;
