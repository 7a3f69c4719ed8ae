using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using OneSeal.Hall;
using OneSeal.Organisation;
using OneSeal.Organisation.Accounts;
using OneSeal.Platform.Database;
using OneSeal.Platform.Signals;
using OneSeal.Queue.Board;

namespace OneSeal.LoadBench;

/// <summary>
/// The board's fan-out (issue 12, load): <c>streams</c> browsers hold <c>GET /api/v1/queue/board/stream</c> open against
/// the app on Kestrel (loopback, PostgreSQL LISTEN/NOTIFY underneath), and <c>calls</c> calls are made one after another;
/// for each call and stream, the time from the call to the stream receiving its <c>call</c> event. Prints p50/p99/max.
/// Trigger <c>signal</c> (default) publishes the call on the queue channel as the calling code does after its commit;
/// <c>call-next</c> makes real calls through <c>POST /api/v1/queue/windows/{id}/call-next</c> as the demo clerk at A01
/// (needs the queue's tickets part and waiting tickets; the time then includes the call's own transaction).
/// </summary>
public static class BoardBench
{
    public static async Task<int> RunAsync(string connectionString, int streams, int calls, string trigger)
    {
        // Until the queue's tickets part registers the real board, a fixed one (the stream reads it after each call).
        await using var host = await BenchHost.StartAsync(connectionString, s => s.TryAddScoped<IQueueBoard, FixedBoard>());
        host.App.UseOneSeal();
        await host.App.StartAsync();
        var baseUrl = host.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        Func<int, Task<string?>> call = trigger == "call-next" ? await CallNextAsync(host, baseUrl) : SignalCall(host);

        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = streams + 10 }) { BaseAddress = new Uri(baseUrl) };
        var received = new ConcurrentDictionary<string, ConcurrentBag<long>>();
        using var stop = new CancellationTokenSource();
        var ready = new CountdownEvent(streams);
        var readers = Enumerable.Range(0, streams).Select(_ => Task.Run(() => ReadStreamAsync(http, received, ready, stop.Token))).ToList();
        if (!ready.Wait(TimeSpan.FromSeconds(60))) { Out.Line($"board: only {streams - ready.CurrentCount} of {streams} streams opened"); return 1; }
        if (host.Services.GetRequiredService<ISignals>() is PostgresSignals pg) await pg.ListeningAsync(QueueSignals.Channel, default);
        Out.Line($"board: {streams} streams open on {baseUrl}; {calls} calls through '{trigger}', one after another");

        var delays = new List<double>();
        var missed = 0;
        for (var i = 0; i < calls + 3; i++)
        {
            var started = Stopwatch.GetTimestamp();
            var ticket = await call(i);
            if (ticket is null) { Out.Line("board: the call failed"); return 1; }
            var bag = received.GetOrAdd(ticket, _ => []);
            var deadline = Stopwatch.GetTimestamp() + Stopwatch.Frequency * 5;
            while (bag.Count < streams && Stopwatch.GetTimestamp() < deadline) await Task.Delay(2);
            if (i < 3) continue; // warm-up: JIT of the stream's path
            missed += streams - bag.Count;
            delays.AddRange(bag.Select(t => Stopwatch.GetElapsedTime(started, t).TotalMilliseconds));
            await Task.Delay(20);
        }
        await stop.CancelAsync();
        await Task.WhenAll(readers.Select(r => r.ContinueWith(_ => { }, TaskScheduler.Default)));
        await host.App.StopAsync();

        Out.Line($"board fan-out: {delays.Count} deliveries ({calls} calls × {streams} streams), missed {missed}; " +
                 $"call → stream: p50 {Pdf.PdfBench.Percentile(delays, 0.50):0.0} ms, p99 {Pdf.PdfBench.Percentile(delays, 0.99):0.0} ms, max {(delays.Count > 0 ? delays.Max() : 0):0.0} ms");
        Out.Line($"RESULT board_streams={streams} board_p50_ms={Pdf.PdfBench.Percentile(delays, 0.50):0.0} board_p99_ms={Pdf.PdfBench.Percentile(delays, 0.99):0.0} board_missed={missed}");
        return missed == 0 ? 0 : 1;
    }

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

    private static Func<int, Task<string?>> SignalCall(BenchHost host)
    {
        var signals = host.Services.GetRequiredService<ISignals>();
        return async i =>
        {
            var ticket = $"Z{i:D4}";
            var call = new BoardCall(Guid.NewGuid(), ticket, "A01", "综合受理一号窗口", DateTimeOffset.UtcNow, 0);
            await signals.PublishAsync(QueueSignals.Channel, JsonSerializer.Serialize(new { kind = "call", call }, JsonSerializerOptions.Web), default);
            return ticket;
        };
    }

    /// <summary>Real calls at A01 as the demo clerk; the ticket number is read from the answer (<c>ticketNumber</c> or <c>number</c>).</summary>
    private static async Task<Func<int, Task<string?>>> CallNextAsync(BenchHost host, string baseUrl)
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
        return async _ =>
        {
            using var response = await client.PostAsync($"/api/v1/queue/windows/{window}/call-next", null);
            if (!response.IsSuccessStatusCode) return null;
            var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
            return (json.TryGetProperty("ticketNumber", out var n) || json.TryGetProperty("number", out n)) ? n.GetString() : null;
        };
    }

    /// <summary>A fixed board, only while the app has none of its own.</summary>
    private sealed class FixedBoard : IQueueBoard
    {
        private static readonly Guid Hall = Guid.Parse("00000000-0000-4000-8000-0000000b0a2d");

        public Task<BoardSnapshot?> ReadAsync(Guid? hallId, CancellationToken ct) =>
            Task.FromResult<BoardSnapshot?>(new BoardSnapshot(Hall, "大厅", [], [new BoardWaiting("market", "市场准入", 10)], "", DateTimeOffset.UtcNow));

        public Task<WindowScreen?> WindowScreenAsync(string windowNumber, Guid? hallId, CancellationToken ct) => Task.FromResult<WindowScreen?>(null);
    }
}
