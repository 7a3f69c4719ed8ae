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

namespace OneSeal.LoadBench.Queue;

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
        var (host, baseUrl) = await QueueBenchKit.StartAsync(connectionString);
        await using var _ = host;
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = streams + 20 }) { BaseAddress = new Uri(baseUrl) };

        var (clerk, window) = await SeatedClerkAsync(host, baseUrl);
        var taking = Stopwatch.StartNew();
        var taken = 0;
        await Parallel.ForEachAsync(Enumerable.Range(0, calls + 3), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (_, ct) =>
        {
            using var r = await http.PostAsync("/api/v1/queue/tickets", QueueBenchKit.Json("{\"theme\":\"market\"}"), ct);
            if (r.IsSuccessStatusCode) Interlocked.Increment(ref taken);
        });
        var ticketsPerSecond = taken / taking.Elapsed.TotalSeconds;
        if (taken != calls + 3) { Out.Line($"board: only {taken} of {calls + 3} tickets taken"); return 1; }

        using var stop = new CancellationTokenSource();
        if (await QueueBenchKit.OpenStreamsAsync(host, http, streams, stop.Token) is not { } board) return 1;
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
            var deadline = Stopwatch.GetTimestamp() + Stopwatch.Frequency * 5;
            while (board.ReceivedCount(ticket) < streams && Stopwatch.GetTimestamp() < deadline) await Task.Delay(2);
            using (var finish = await clerk.PostAsync($"/api/v1/queue/windows/{window}/finish", null))
                if (!finish.IsSuccessStatusCode) { Out.Line($"board: finish answered {(int)finish.StatusCode}"); return 1; }
            if (i < 3) continue; // warm-up: JIT of the call's and the stream's paths
            callTimes.Add(callMs);
            var arrivals = board.Arrivals(ticket).Where(t => t != 0).ToList();
            missed += streams - arrivals.Count;
            delays.AddRange(arrivals.Select(t => Stopwatch.GetElapsedTime(started, t).TotalMilliseconds));
        }
        await stop.CancelAsync();
        await board.StopAsync();
        await host.App.StopAsync();

        var p = (List<double> x, double q) => Pdf.PdfBench.Percentile(x, q);
        Out.Line($"queue: call-next p50 {p(callTimes, 0.50):0.0} ms, p99 {p(callTimes, 0.99):0.0} ms; board fan-out: {delays.Count} deliveries ({calls} calls × {streams} streams), " +
                 $"missed {missed}; call → stream: p50 {p(delays, 0.50):0.0} ms, p99 {p(delays, 0.99):0.0} ms, max {(delays.Count > 0 ? delays.Max() : 0):0.0} ms");
        Out.Line($"RESULT board_streams={streams} tickets_per_s={ticketsPerSecond:0.0} call_next_p99_ms={p(callTimes, 0.99):0.0} board_p50_ms={p(delays, 0.50):0.0} board_p99_ms={p(delays, 0.99):0.0} board_missed={missed}");
        return missed == 0 ? 0 : 1;
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
}
