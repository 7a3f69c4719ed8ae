using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using OneSeal.Hall;
using OneSeal.Organisation;
using OneSeal.Organisation.Accounts;
using OneSeal.Platform.Database;
using OneSeal.Platform.Signals;
using OneSeal.Queue.Board;
using OneSeal.Queue.Tickets;

namespace OneSeal.LoadBench;

/// <summary>
/// The queue under load (issue 12): the app on Kestrel (loopback, PostgreSQL with LISTEN/NOTIFY underneath); visitors take
/// <c>calls</c> tickets through <c>POST /api/v1/queue/tickets</c> (8 at a time: tickets per second), <c>streams</c>
/// browsers hold <c>GET /api/v1/queue/board/stream</c> open, and the demo clerk at A01 calls them one after another through
/// <c>POST /api/v1/queue/windows/{id}/call-next</c> (p50/p99 of the call) and finishes each; for every call and stream,
/// the time from sending the call to the stream receiving its <c>call</c> event (p50/p99/max). The business clock is
/// shifted onto a working morning so the hall is open whenever the benchmark runs.
/// </summary>
public static class BoardBench
{
    public static async Task<int> RunAsync(string connectionString, int streams, int calls)
    {
        await using var host = await BenchHost.StartAsync(connectionString, s =>
        {
            s.RemoveAll<TimeProvider>();
            s.AddSingleton<TimeProvider>(new OpenHallTime());
            s.RemoveAll<QueueOptions>();
            s.AddSingleton(QueueOptions.From(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Queue:TicketsPerMinute"] = "1000000",
            }).Build()));
        });
        host.App.UseOneSeal();
        await host.App.StartAsync();
        var baseUrl = host.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = streams + 20 }) { BaseAddress = new Uri(baseUrl) };

        var (clerk, window) = await SeatedClerkAsync(host, baseUrl);
        var taking = Stopwatch.StartNew();
        var taken = 0;
        await Parallel.ForEachAsync(Enumerable.Range(0, calls + 3), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (_, ct) =>
        {
            using var r = await http.PostAsync("/api/v1/queue/tickets", JsonContent("{\"theme\":\"market\"}"), ct);
            if (r.IsSuccessStatusCode) Interlocked.Increment(ref taken);
        });
        var ticketsPerSecond = taken / taking.Elapsed.TotalSeconds;
        if (taken != calls + 3) { Out.Line($"board: only {taken} of {calls + 3} tickets taken"); return 1; }

        var received = new ConcurrentDictionary<string, ConcurrentBag<long>>();
        using var stop = new CancellationTokenSource();
        var ready = new CountdownEvent(streams);
        var readers = Enumerable.Range(0, streams).Select(_ => Task.Run(() => ReadStreamAsync(http, received, ready, stop.Token))).ToList();
        if (!ready.Wait(TimeSpan.FromSeconds(60))) { Out.Line($"board: only {streams - ready.CurrentCount} of {streams} streams opened"); return 1; }
        if (host.Services.GetRequiredService<ISignals>() is PostgresSignals pg) await pg.ListeningAsync(QueueSignals.Channel, default);
        Out.Line($"board: {taken} tickets taken at {ticketsPerSecond:0.0}/s; {streams} streams open on {baseUrl}; {calls} calls at A01 one after another");

        var delays = new List<double>();
        var callTimes = new List<double>();
        var missed = 0;
        for (var i = 0; i < calls + 3; i++)
        {
            var started = Stopwatch.GetTimestamp();
            using var response = await clerk.PostAsync($"/api/v1/queue/windows/{window}/call-next", null);
            var callMs = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            if (!response.IsSuccessStatusCode) { Out.Line($"board: call-next answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}"); return 1; }
            var ticket = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("current").GetProperty("number").GetString()!;
            var bag = received.GetOrAdd(ticket, _ => []);
            var deadline = Stopwatch.GetTimestamp() + Stopwatch.Frequency * 5;
            while (bag.Count < streams && Stopwatch.GetTimestamp() < deadline) await Task.Delay(2);
            using (var finish = await clerk.PostAsync($"/api/v1/queue/windows/{window}/finish", null))
                if (!finish.IsSuccessStatusCode) { Out.Line($"board: finish answered {(int)finish.StatusCode}"); return 1; }
            if (i < 3) continue; // warm-up: JIT of the call's and the stream's paths
            callTimes.Add(callMs);
            missed += streams - bag.Count;
            delays.AddRange(bag.Select(t => Stopwatch.GetElapsedTime(started, t).TotalMilliseconds));
        }
        await stop.CancelAsync();
        await Task.WhenAll(readers.Select(r => r.ContinueWith(_ => { }, TaskScheduler.Default)));
        await host.App.StopAsync();

        var p = (List<double> x, double q) => Pdf.PdfBench.Percentile(x, q);
        Out.Line($"queue: call-next p50 {p(callTimes, 0.50):0.0} ms, p99 {p(callTimes, 0.99):0.0} ms; board fan-out: {delays.Count} deliveries ({calls} calls × {streams} streams), " +
                 $"missed {missed}; call → stream: p50 {p(delays, 0.50):0.0} ms, p99 {p(delays, 0.99):0.0} ms, max {(delays.Count > 0 ? delays.Max() : 0):0.0} ms");
        Out.Line($"RESULT board_streams={streams} tickets_per_s={ticketsPerSecond:0.0} call_next_p99_ms={p(callTimes, 0.99):0.0} board_p50_ms={p(delays, 0.50):0.0} board_p99_ms={p(delays, 0.99):0.0} board_missed={missed}");
        return missed == 0 ? 0 : 1;
    }

    private static StringContent JsonContent(string json) => new(json, System.Text.Encoding.UTF8, "application/json");

    /// <summary>One browser: reads the stream and notes when each call's ticket number arrived.</summary>
    private static async Task ReadStreamAsync(HttpClient http, ConcurrentDictionary<string, ConcurrentBag<long>> received, CountdownEvent ready, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/queue/board/stream");
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct);
        response.EnsureSuccessStatusCode();
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(ct));
        string? name = null;
        var signalled = false;
        try
        {
            while (await reader.ReadLineAsync(ct) is { } line)
            {
                if (line.StartsWith("event: ", StringComparison.Ordinal)) name = line[7..];
                else if (line.StartsWith("data: ", StringComparison.Ordinal))
                {
                    var at = Stopwatch.GetTimestamp();
                    if (name == "snapshot" && !signalled) { signalled = true; ready.Signal(); }
                    if (name == "call")
                        received.GetOrAdd(JsonDocument.Parse(line[6..]).RootElement.GetProperty("ticketNumber").GetString()!, _ => []).Add(at);
                }
            }
        }
        catch (OperationCanceledException) { }
    }

    /// <summary>The demo clerk, signed in at A01 through the API with a token of their own.</summary>
    private static async Task<(HttpClient Client, Guid Window)> SeatedClerkAsync(BenchHost host, string baseUrl)
    {
        Guid window;
        string token;
        await using (var scope = host.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<OneSealDb>();
            window = await db.Set<Window>().Where(w => w.Number == "A01").Select(w => w.Id).FirstAsync();
            var clerk = await db.Set<Account>().Include(a => a.Roles).SingleAsync(a => a.Username == "clerk");
            token = (await scope.ServiceProvider.GetRequiredService<AccessTokens>().IssueAsync(clerk, CancellationToken.None)).AccessToken;
        }
        var client = new HttpClient { BaseAddress = new Uri(baseUrl) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var seat = await client.PostAsync($"/api/v1/windows/{window}/sign-in", null);
        seat.EnsureSuccessStatusCode();
        return (client, window);
    }

    /// <summary>Real time moving from 10:00 on a working Tuesday (3 March 2026, Beijing): the hall is open for the run.</summary>
    private sealed class OpenHallTime : TimeProvider
    {
        private readonly TimeSpan _shift = new DateTimeOffset(2026, 3, 3, 10, 0, 0, TimeSpan.FromHours(8)) - DateTimeOffset.UtcNow;

        public override DateTimeOffset GetUtcNow() => base.GetUtcNow() + _shift;
    }
}
