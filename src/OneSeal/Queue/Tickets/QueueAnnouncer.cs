using System.Text.Json;
using OneSeal.Platform.Signals;
using OneSeal.Queue.Board;

namespace OneSeal.Queue.Tickets;

/// <summary>
/// Tells the board and the window screens, after a queue command committed (<see cref="QueueSignals"/>). A signal that
/// fails to go out is logged, not thrown: the command stands, and pages re-read their view when they reconnect.
/// </summary>
public sealed class QueueAnnouncer(ISignals signals, ILogger<QueueAnnouncer> log)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public Task CallAsync(Guid hallId, BoardCall call) =>
        SendAsync(JsonSerializer.Serialize(new { kind = "call", hallId, call }, Json));

    public Task ChangedAsync(Guid hallId) =>
        SendAsync(JsonSerializer.Serialize(new { kind = "changed", hallId }, Json));

    private async Task SendAsync(string payload)
    {
        try
        {
            await signals.PublishAsync(QueueSignals.Channel, payload, CancellationToken.None);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            log.LogWarning(e, "Queue signal not sent; boards catch up when they re-read");
        }
    }
}
