using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace OneSeal.Tests.Exchange;

/// <summary>One request as the receiver saw it.</summary>
public sealed record ReceivedWebhook(string? Id, string? Timestamp, string? Signature, string? Sm2Signature, string? Sm2KeyId, string? ContentType, string Body);

/// <summary>
/// Another system's webhook endpoint: Kestrel on 127.0.0.1 at a fixed port, which can be stopped ("down") and started
/// again on the same port. <see cref="Answer"/> picks the status of each answer (default 204); every request is kept.
/// </summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private WebApplication? _app;

    public int Port { get; } = FreePort();
    public string Url => $"http://127.0.0.1:{Port}/hook";
    public ConcurrentQueue<ReceivedWebhook> Received { get; } = new();

    /// <summary>The answer to a request: status and optional Retry-After seconds.</summary>
    public Func<ReceivedWebhook, (int Status, int? RetryAfter)> Answer { get; set; } = _ => (204, null);

    /// <summary>Each webhook-id once, in the order first received: what a deduplicating receiver processes.</summary>
    public IReadOnlyList<ReceivedWebhook> Deduplicated => Received.DistinctBy(r => r.Id).ToList();

    public async Task StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(o => o.Listen(IPAddress.Loopback, Port));
        var app = builder.Build();
        app.MapPost("/hook", async (HttpContext http) =>
        {
            using var reader = new StreamReader(http.Request.Body);
            var h = http.Request.Headers;
            var r = new ReceivedWebhook(h["webhook-id"], h["webhook-timestamp"], h["webhook-signature"], h["webhook-signature-sm2"],
                h["webhook-signature-sm2-key"], http.Request.ContentType, await reader.ReadToEndAsync());
            Received.Enqueue(r);
            var (status, retryAfter) = Answer(r);
            if (retryAfter is { } s) http.Response.Headers.RetryAfter = s.ToString(System.Globalization.CultureInfo.InvariantCulture);
            return Results.StatusCode(status);
        });
        await app.StartAsync();
        _app = app;
    }

    public async Task StopAsync()
    {
        if (_app is null) return;
        await _app.StopAsync();
        await _app.DisposeAsync();
        _app = null;
    }

    public async ValueTask DisposeAsync() => await StopAsync();

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
