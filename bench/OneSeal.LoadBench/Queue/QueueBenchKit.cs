using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using OneSeal.Platform.Signals;
using OneSeal.Queue.Board;
using OneSeal.Queue.Tickets;

namespace OneSeal.LoadBench.Queue;

/// <summary>What the queue benchmarks share: the app on Kestrel in opening hours, and board streams that note arrivals.</summary>
internal static class QueueBenchKit
{
    /// <summary>
    /// The app on a loopback port with the business clock inside opening hours, and the per-kiosk ticket limit lifted
    /// (every benchmark visitor comes from 127.0.0.1, where a real hall has one address per kiosk and phone).
    /// </summary>
    public static async Task<(BenchHost Host, string BaseUrl)> StartAsync(string connectionString)
    {
        var host = await BenchHost.StartAsync(connectionString, s =>
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
        return (host, host.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
    }

    public static StringContent Json(string json) => new(json, System.Text.Encoding.UTF8, "application/json");

    /// <summary>Opens <paramref name="count"/> board streams and returns once each has its first snapshot (and LISTEN is on).</summary>
    public static async Task<BoardListeners?> OpenStreamsAsync(BenchHost host, HttpClient http, int count, CancellationToken stop)
    {
        var listeners = new BoardListeners(count);
        var ready = new CountdownEvent(count);
        listeners.Readers = Enumerable.Range(0, count).Select(i => Task.Run(() => ReadStreamAsync(http, listeners, i, ready, stop))).ToList();
        if (!ready.Wait(TimeSpan.FromSeconds(60))) { Out.Line($"only {count - ready.CurrentCount} of {count} board streams opened"); return null; }
        if (host.Services.GetRequiredService<ISignals>() is PostgresSignals pg) await pg.ListeningAsync(QueueSignals.Channel, default);
        return listeners;
    }

    /// <summary>One browser: reads the stream and notes when each call's ticket number arrived.</summary>
    private static async Task ReadStreamAsync(HttpClient http, BoardListeners listeners, int index, CountdownEvent ready, CancellationToken ct)
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
                    if (name == "call") listeners.Received(JsonDocument.Parse(line[6..]).RootElement.GetProperty("ticketNumber").GetString()!, index, at);
                }
            }
        }
        catch (OperationCanceledException) { }
    }

    /// <summary>Real time moving from 10:00 on a working Tuesday (3 March 2026, Beijing): the hall is open for the run.</summary>
    private sealed class OpenHallTime : TimeProvider
    {
        private readonly TimeSpan _shift = new DateTimeOffset(2026, 3, 3, 10, 0, 0, TimeSpan.FromHours(8)) - DateTimeOffset.UtcNow;

        public override DateTimeOffset GetUtcNow() => base.GetUtcNow() + _shift;
    }
}

/// <summary>When each board stream received the call of each ticket number (a <see cref="Stopwatch"/> timestamp; 0: not yet).</summary>
internal sealed class BoardListeners(int count)
{
    private readonly ConcurrentDictionary<string, long[]> _arrivals = new(StringComparer.Ordinal);

    public int Count => count;
    public List<Task> Readers { get; set; } = [];

    public void Received(string ticket, int stream, long at) => Volatile.Write(ref Arrivals(ticket)[stream], at);

    public long[] Arrivals(string ticket) => _arrivals.GetOrAdd(ticket, _ => new long[count]);

    public int ReceivedCount(string ticket) => Arrivals(ticket).Count(t => Volatile.Read(ref t) != 0);

    public async Task StopAsync()
    {
        await Task.WhenAll(Readers.Select(r => r.ContinueWith(_ => { }, TaskScheduler.Default)));
    }
}
