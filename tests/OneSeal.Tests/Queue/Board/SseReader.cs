using System.Text;

namespace OneSeal.Tests.Queue.Board;

/// <summary>One Server-Sent Event as received.</summary>
public sealed record SseEvent(string? Id, string Name, string Data);

/// <summary>Reads a text/event-stream response event by event (and remembers the retry field and comments).</summary>
public sealed class SseReader(Stream stream) : IDisposable
{
    private readonly StreamReader _reader = new(stream, Encoding.UTF8);

    public string? Retry { get; private set; }
    public List<string> Comments { get; } = [];

    /// <summary>Everything read so far, raw (to check what the stream did not carry).</summary>
    public StringBuilder Raw { get; } = new();

    /// <summary>The next event, or null when the stream ended; throws when <paramref name="timeout"/> passes first.</summary>
    public async Task<SseEvent?> NextAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        string? id = null, name = null;
        var data = new List<string>();
        while (true)
        {
            var line = await _reader.ReadLineAsync(cts.Token);
            if (line is null) return null;
            Raw.AppendLine(line);
            if (line.Length == 0)
            {
                if (name is not null || data.Count > 0) return new SseEvent(id, name ?? "message", string.Join('\n', data));
                continue;
            }
            if (line.StartsWith(':')) Comments.Add(line[1..].Trim());
            else if (line.StartsWith("retry: ", StringComparison.Ordinal)) Retry = line[7..];
            else if (line.StartsWith("id: ", StringComparison.Ordinal)) id = line[4..];
            else if (line.StartsWith("event: ", StringComparison.Ordinal)) name = line[7..];
            else if (line.StartsWith("data: ", StringComparison.Ordinal)) data.Add(line[6..]);
        }
    }

    /// <summary>The next event named <paramref name="name"/> (others skipped).</summary>
    public async Task<SseEvent> NextAsync(string name, TimeSpan timeout)
    {
        var until = DateTime.UtcNow + timeout;
        while (true)
        {
            var left = until - DateTime.UtcNow;
            if (left <= TimeSpan.Zero) throw new TimeoutException($"no '{name}' event within {timeout.TotalSeconds} s");
            var e = await NextAsync(left) ?? throw new InvalidOperationException($"the stream ended before a '{name}' event");
            if (e.Name == name) return e;
        }
    }

    public void Dispose() => _reader.Dispose();
}
