using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OneSeal.Hall;
using OneSeal.Organisation;
using OneSeal.Organisation.Accounts;
using OneSeal.Organisation.DemoData;
using OneSeal.Platform.Database;
using OneSeal.Queue.Tickets;

namespace OneSeal.LoadBench.Queue;

/// <summary>
/// A hall's day, compressed (issue 12's load): <c>visitors</c> people take tickets through <c>POST /api/v1/queue/tickets</c>
/// at an even rate over <c>seconds</c>, spread over the demo themes; <c>windows</c> comprehensive windows (each staffed by a
/// clerk of its own, signed in through the API, taking two themes) call them through <c>call-next</c>, hold each visitor
/// for a service time that lets the hall keep pace with arrivals, and <c>finish</c>; <c>streams</c> board browsers hold
/// <c>GET /api/v1/queue/board/stream</c> open. Reports tickets and calls per second, p50/p99 of taking a ticket and of
/// call-next, the wait in the queue, and for every call and stream the time from sending the call to the stream receiving
/// it. Seed 002's hall sees 3,000 visitors a day at 164 windows; the default is ten times that day at 100 windows, its
/// nine opening hours pressed into twenty minutes (25 visitors a second, about 27 times the day's average rate). The first
/// tenth of the run is left out of the percentiles (JIT, pools, caches); a 503 (database busy) is retried as pages do.
/// </summary>
public static class HallDayBench
{
    private const string WindowPrefix = "H";
    private const double WarmUpShare = 0.1;

    public static async Task<int> RunAsync(string connectionString, int visitors, int windows, int streams, int seconds)
    {
        var (host, baseUrl) = await QueueBenchKit.StartAsync(connectionString);
        await using var _ = host;
        var handler = new SocketsHttpHandler { MaxConnectionsPerServer = streams + windows + 80, PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5) };
        using var http = new HttpClient(handler, disposeHandler: true) { BaseAddress = new Uri(baseUrl), Timeout = TimeSpan.FromMinutes(2) };

        var (themes, staffed) = await StaffWindowsAsync(host, windows);
        foreach (var w in staffed)
        {
            using var seat = await Send(http, HttpMethod.Post, $"/api/v1/windows/{w.Id}/sign-in", w.Token);
            if (!seat.IsSuccessStatusCode) { Out.Line($"hall day: sign-in at {w.Number} answered {(int)seat.StatusCode}"); return 1; }
        }
        using var stop = new CancellationTokenSource();
        if (await QueueBenchKit.OpenStreamsAsync(host, http, streams, stop.Token) is not { } board) return 1;
        var rate = visitors / (double)seconds;
        // Each window's share of the day is visitors / windows people in `seconds`; serving a little faster keeps the queue short.
        var serviceMs = seconds * 1000.0 * windows / visitors * 0.8;
        Out.Line($"hall day: {visitors} visitors over {seconds} s ({rate:0.0}/s) at {windows} windows ({themes.Count} themes, two per window), " +
                 $"service {serviceMs:0} ms on average, {streams} board streams open on {baseUrl}");

        var run = new DayRun { WarmUpUntil = Stopwatch.GetTimestamp() + (long)(Stopwatch.Frequency * seconds * WarmUpShare) };
        var commandsBefore = host.Commands.Count;
        host.Commands.ResetStats();
        var clock = Stopwatch.StartNew();
        var takers = TakeTicketsAsync(http, themes, visitors, rate, run);
        var callers = staffed.Select(w => Task.Run(() => ServeAsync(http, w, serviceMs, run))).ToList();
        await takers;
        var takingSeconds = clock.Elapsed.TotalSeconds;
        run.AllTaken = true;
        await Task.WhenAll(callers);
        var daySeconds = clock.Elapsed.TotalSeconds;

        // The streams' last deliveries, then what each call reached.
        var settle = Stopwatch.StartNew();
        while (run.Calls.Keys.Any(n => board.ReceivedCount(n) < streams) && settle.Elapsed < TimeSpan.FromSeconds(5)) await Task.Delay(50);
        var delays = new List<double>(run.Calls.Count * streams);
        var missed = 0;
        foreach (var (number, started) in run.Calls)
        {
            var arrivals = board.Arrivals(number).Where(t => t != 0).ToList();
            missed += streams - arrivals.Count;
            if (started >= run.WarmUpUntil) delays.AddRange(arrivals.Select(t => Stopwatch.GetElapsedTime(started, t).TotalMilliseconds));
        }
        await stop.CancelAsync();
        await board.StopAsync();
        var commands = host.Commands.Count - commandsBefore;
        var shapes = host.Commands.Stats().Take(6).ToList();
        var finished = await FinishedAsync(host);
        await host.App.StopAsync();

        var p = (IEnumerable<double> x, double q) => Pdf.PdfBench.Percentile(x.ToList(), q);
        var takeMs = run.TakeMs.ToList();
        var callMs = run.CallMs.ToList();
        Out.Line($"hall day: {commands} database commands, {commands / (double)Math.Max(1, run.Taken):0.0} per visitor (ticket, call, finish, board reads, idle looks); by total time:");
        foreach (var (shape, count, total) in shapes) Out.Line($"  {count,8} × {total.TotalMilliseconds / Math.Max(1, count),6:0.00} ms  {(shape.Length > 150 ? shape[..150] : shape)}");
        Out.Line($"hall day: the first {WarmUpShare:P0} of the day (JIT, pools, caches) is left out of the percentiles; {run.Busy} requests answered 503 busy and were retried");
        var waits = run.Calls.Keys.Where(run.TakenAt.ContainsKey).Select(n => Stopwatch.GetElapsedTime(run.TakenAt[n], run.Calls[n]).TotalSeconds).ToList();
        Out.Line($"hall day: {run.Taken} tickets in {takingSeconds:0.0} s ({run.Taken / takingSeconds:0.0}/s, {run.TakeFailures} refused or failed), " +
                 $"take p50 {p(takeMs, 0.50):0.0} ms, p99 {p(takeMs, 0.99):0.0} ms");
        Out.Line($"hall day: {run.Calls.Count} calls in {daySeconds:0.0} s ({run.Calls.Count / daySeconds:0.0}/s; {run.EmptyCalls} answered 'queue empty', " +
                 $"{run.CallFailures} failed), call-next p50 {p(callMs, 0.50):0.0} ms, p99 {p(callMs, 0.99):0.0} ms; finish p99 {p(run.FinishMs, 0.99):0.0} ms; " +
                 $"wait in the queue p50 {p(waits, 0.50):0.0} s, p99 {p(waits, 0.99):0.0} s; {finished} tickets finished in the database");
        Out.Line($"hall day: board fan-out {delays.Count} deliveries ({run.Calls.Count} calls × {streams} streams), missed {missed}; " +
                 $"call → stream p50 {p(delays, 0.50):0.0} ms, p99 {p(delays, 0.99):0.0} ms, max {(delays.Count > 0 ? delays.Max() : 0):0.0} ms");
        Out.Line($"RESULT hall_visitors={visitors} hall_windows={windows} hall_streams={streams} hall_tickets_per_s={run.Taken / takingSeconds:0.0} " +
                 $"hall_take_p99_ms={p(takeMs, 0.99):0.0} hall_calls_per_s={run.Calls.Count / daySeconds:0.0} hall_call_next_p99_ms={p(callMs, 0.99):0.0} " +
                 $"hall_board_p99_ms={p(delays, 0.99):0.0} hall_board_missed={missed} hall_finished={finished}");
        var complete = run.Taken == visitors && finished == visitors && run.CallFailures == 0 && missed == 0;
        if (!complete) Out.Line($"hall day: INCOMPLETE — {visitors} visitors, {run.Taken} tickets, {finished} finished, {run.CallFailures} failed calls, {missed} missed deliveries");
        return complete ? 0 : 1;
    }

    private sealed class DayRun
    {
        public volatile bool AllTaken;
        public long WarmUpUntil;
        public int Taken, TakeFailures, EmptyCalls, CallFailures, Busy;
        public readonly ConcurrentBag<double> TakeMs = [], CallMs = [], FinishMs = [];
        public readonly ConcurrentDictionary<string, long> TakenAt = new(StringComparer.Ordinal), Calls = new(StringComparer.Ordinal);
    }

    private sealed record StaffedWindow(Guid Id, string Number, string Token);

    /// <summary>Visitors arrive at an even rate (at most 64 requests in flight: a late server makes them queue, not vanish).</summary>
    private static async Task TakeTicketsAsync(HttpClient http, IReadOnlyList<string> themes, int visitors, double rate, DayRun run)
    {
        using var inFlight = new SemaphoreSlim(64);
        var clock = Stopwatch.StartNew();
        var pending = new List<Task>(visitors);
        for (var k = 0; k < visitors; k++)
        {
            var due = TimeSpan.FromSeconds(k / rate) - clock.Elapsed;
            if (due > TimeSpan.FromMilliseconds(2)) await Task.Delay(due);
            await inFlight.WaitAsync();
            var theme = themes[k % themes.Count];
            pending.Add(Task.Run(async () =>
            {
                try
                {
                    var started = Stopwatch.GetTimestamp();
                    using var r = await WithRetryAsync(run, () => http.PostAsync("/api/v1/queue/tickets", QueueBenchKit.Json($"{{\"theme\":\"{theme}\",\"channel\":\"kiosk\"}}")));
                    if (!r.IsSuccessStatusCode) { Interlocked.Increment(ref run.TakeFailures); return; }
                    var number = JsonDocument.Parse(await r.Content.ReadAsStringAsync()).RootElement.GetProperty("number").GetString()!;
                    run.TakenAt[number] = Stopwatch.GetTimestamp();
                    if (started >= run.WarmUpUntil) run.TakeMs.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                    Interlocked.Increment(ref run.Taken);
                }
                catch (HttpRequestException) { Interlocked.Increment(ref run.TakeFailures); }
                finally { inFlight.Release(); }
            }));
        }
        await Task.WhenAll(pending);
    }

    /// <summary>One window: call, serve (a random service time around the mean), finish; when the queue is empty, look again shortly.</summary>
    private static async Task ServeAsync(HttpClient http, StaffedWindow w, double serviceMs, DayRun run)
    {
        var random = new Random(w.Number.GetHashCode(StringComparison.Ordinal));
        while (true)
        {
            var started = Stopwatch.GetTimestamp();
            using var call = await WithRetryAsync(run, () => Send(http, HttpMethod.Post, $"/api/v1/queue/windows/{w.Id}/call-next", w.Token));
            var callMs = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            if (call.StatusCode == HttpStatusCode.Conflict && (await call.Content.ReadAsStringAsync()).Contains("queue-empty", StringComparison.Ordinal))
            {
                Interlocked.Increment(ref run.EmptyCalls);
                if (run.AllTaken) return;
                // The clerk sees "nobody waiting" on the panel and looks again a little later.
                await Task.Delay(TimeSpan.FromMilliseconds(1000 + random.Next(500)));
                continue;
            }
            if (!call.IsSuccessStatusCode)
            {
                Interlocked.Increment(ref run.CallFailures);
                Out.Line($"hall day: call-next at {w.Number} answered {(int)call.StatusCode}: {await call.Content.ReadAsStringAsync()}");
                return;
            }
            var number = JsonDocument.Parse(await call.Content.ReadAsStringAsync()).RootElement.GetProperty("current").GetProperty("number").GetString()!;
            run.Calls[number] = started;
            if (started >= run.WarmUpUntil) run.CallMs.Add(callMs);
            await Task.Delay(TimeSpan.FromMilliseconds(serviceMs * (0.5 + random.NextDouble())));
            var finishing = Stopwatch.GetTimestamp();
            using var finish = await WithRetryAsync(run, () => Send(http, HttpMethod.Post, $"/api/v1/queue/windows/{w.Id}/finish", w.Token));
            if (started >= run.WarmUpUntil) run.FinishMs.Add(Stopwatch.GetElapsedTime(finishing).TotalMilliseconds);
            if (!finish.IsSuccessStatusCode)
            {
                Interlocked.Increment(ref run.CallFailures);
                Out.Line($"hall day: finish at {w.Number} answered {(int)finish.StatusCode}");
                return;
            }
        }
    }

    /// <summary>A 503 (database busy, nothing written) is tried again after its Retry-After, as the pages do.</summary>
    private static async Task<HttpResponseMessage> WithRetryAsync(DayRun run, Func<Task<HttpResponseMessage>> send)
    {
        for (var attempt = 1; ; attempt++)
        {
            var response = await send();
            if (response.StatusCode != HttpStatusCode.ServiceUnavailable || attempt == 5) return response;
            Interlocked.Increment(ref run.Busy);
            var wait = response.Headers.RetryAfter?.Delta ?? TimeSpan.FromSeconds(2);
            response.Dispose();
            await Task.Delay(wait);
        }
    }

    private static Task<HttpResponseMessage> Send(HttpClient http, HttpMethod method, string path, string token)
    {
        var request = new HttpRequestMessage(method, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return http.SendAsync(request);
    }

    /// <summary>
    /// The benchmark's staff and windows, written straight to the database (setting up a hall is not what is measured):
    /// <paramref name="count"/> clerks of the demo clerk's organisation, each the A post of a comprehensive window H001…
    /// taking two of the demo themes, and a bearer token for each.
    /// </summary>
    private static async Task<(List<string> Themes, List<StaffedWindow> Windows)> StaffWindowsAsync(BenchHost host, int count)
    {
        await using var scope = host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<OneSealDb>();
        var clock = scope.ServiceProvider.GetRequiredService<TimeProvider>();
        var hall = await db.Set<Agency>().Where(a => a.Code == OrganisationSeed.HallCode).Select(a => a.Id).SingleAsync();
        var organisation = await db.Set<Account>().Where(a => a.Username == "clerk").Select(a => a.OrganisationId).SingleAsync();
        var themes = await db.Set<HallTheme>().Where(t => t.TicketPrefix != null).OrderBy(t => t.Code).Select(t => t.Code).ToListAsync();
        var accounts = new List<(Account Account, Window Window)>();
        for (var i = 1; i <= count; i++)
        {
            var account = new Account
            {
                Id = Guid.NewGuid(), Username = $"hallbench{i:000}", DisplayName = $"压测窗口人员{i:000}", Kind = Platform.Security.AccountKind.Staff,
                PasswordHash = "!", OrganisationId = organisation, StaffNumber = $"HB{i:0000}", CreatedAt = clock.GetUtcNow(),
                Roles = [new AccountRole { Role = Roles.Clerk }],
            };
            var id = Guid.NewGuid();
            var window = new Window
            {
                Id = id, Number = $"{WindowPrefix}{i:000}", Name = $"压测综合受理{i:000}号窗口", HallId = hall, Zone = "压测区", Kind = WindowKind.Comprehensive,
                APostId = account.Id, CreatedAt = clock.GetUtcNow(),
                Themes = [new WindowTheme { WindowId = id, ThemeCode = themes[i % themes.Count] }, new WindowTheme { WindowId = id, ThemeCode = themes[(i + 1) % themes.Count] }],
            };
            db.AddRange(account, window);
            accounts.Add((account, window));
        }
        await db.SaveChangesAsync();
        var tokens = scope.ServiceProvider.GetRequiredService<AccessTokens>();
        var staffed = new List<StaffedWindow>();
        foreach (var (account, window) in accounts)
            staffed.Add(new StaffedWindow(window.Id, window.Number, (await tokens.IssueAsync(account, CancellationToken.None)).AccessToken));
        return (themes, staffed);
    }

    private static async Task<int> FinishedAsync(BenchHost host)
    {
        await using var scope = host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<OneSealDb>();
        return await db.Set<Ticket>().CountAsync(t => t.State == TicketState.Finished);
    }
}
