using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;

namespace OneSeal.Tests.Organisation.Applicants;

/// <summary>A tiny SMS gateway on 127.0.0.1 (HttpListener): records each POST's JSON and Authorization, answers <see cref="Status"/>.</summary>
public sealed class SmsGatewayStub : IDisposable
{
    public sealed record Received(string? Authorization, string ContentType, JsonElement Body);

    private readonly HttpListener _listener = new();
    private readonly Task _loop;

    public SmsGatewayStub()
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        Url = $"http://127.0.0.1:{port}/sms/";
        _listener.Prefixes.Add(Url);
        _listener.Start();
        _loop = Task.Run(LoopAsync);
    }

    public string Url { get; }
    public HttpStatusCode Status { get; set; } = HttpStatusCode.OK;
    public ConcurrentQueue<Received> Requests { get; } = new();

    private async Task LoopAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try { context = await _listener.GetContextAsync(); }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException) { return; }
            using var reader = new StreamReader(context.Request.InputStream);
            var text = await reader.ReadToEndAsync();
            Requests.Enqueue(new Received(context.Request.Headers["Authorization"], context.Request.ContentType ?? "", JsonDocument.Parse(text).RootElement.Clone()));
            context.Response.StatusCode = (int)Status;
            context.Response.Close();
        }
    }

    private int _disposed;

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1) return;
        _listener.Stop();
        _listener.Close();
        _loop.Wait(TimeSpan.FromSeconds(5));
    }
}
