using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Features;

namespace OneSeal.Platform.Http;

/// <summary>
/// Writes one Server-Sent Events response (text/event-stream) for live pages: the board, later the monitoring board.
/// Every event and comment is flushed at once; response buffering is off, and <c>X-Accel-Buffering: no</c> and
/// <c>Cache-Control: no-transform</c> ask a reverse proxy (nginx) not to hold or compress the stream. Events carry
/// increasing ids. Not thread-safe: one loop per response does all the writing.
/// </summary>
public sealed class ServerSentEvents
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly HttpResponse _response;
    private long _lastId;

    private ServerSentEvents(HttpResponse response) => _response = response;

    /// <summary>Sends the headers and the <c>retry:</c> field (how long the browser waits before it reconnects).</summary>
    public static async Task<ServerSentEvents> StartAsync(HttpContext http, TimeSpan retry, CancellationToken ct)
    {
        var response = http.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "text/event-stream; charset=utf-8";
        response.Headers.CacheControl = "no-cache, no-store, no-transform";
        response.Headers["X-Accel-Buffering"] = "no";
        http.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
        var stream = new ServerSentEvents(response);
        await stream.WriteAsync($"retry: {(long)retry.TotalMilliseconds}\n\n", ct);
        return stream;
    }

    /// <summary>One event named <paramref name="name"/> whose data is <paramref name="value"/> as JSON (camelCase).</summary>
    public Task EventAsync<T>(string name, T value, CancellationToken ct) => EventAsync(name, JsonSerializer.Serialize(value, Json), ct);

    /// <summary>One event; each line of <paramref name="data"/> becomes a <c>data:</c> line.</summary>
    public Task EventAsync(string name, string data, CancellationToken ct)
    {
        var text = new StringBuilder()
            .Append("id: ").Append((++_lastId).ToString(CultureInfo.InvariantCulture)).Append('\n')
            .Append("event: ").Append(name).Append('\n');
        foreach (var line in data.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n'))
            text.Append("data: ").Append(line).Append('\n');
        return WriteAsync(text.Append('\n').ToString(), ct);
    }

    /// <summary>A comment line: keeps idle proxies and load balancers from closing the connection.</summary>
    public Task CommentAsync(string text, CancellationToken ct) => WriteAsync($": {text}\n\n", ct);

    private async Task WriteAsync(string text, CancellationToken ct)
    {
        await _response.WriteAsync(text, Encoding.UTF8, ct);
        await _response.Body.FlushAsync(ct);
    }
}
