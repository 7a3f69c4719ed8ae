using System.Text.Json;

namespace OneSeal.Queue.Board;

/// <summary>
/// A call as the anonymous board shows and serves it: numbers and the window's name only. The ticket's id stays out (it
/// opens the ticket's own page), and so does anything about the person.
/// </summary>
public sealed record PublicBoardCall(string TicketNumber, string WindowNumber, string WindowName, DateTimeOffset CalledAt, int Recall)
{
    public static PublicBoardCall Of(BoardCall c) => new(c.TicketNumber, c.WindowNumber, c.WindowName, c.CalledAt, c.Recall);
}

/// <summary><see cref="BoardSnapshot"/> as <c>GET /api/v1/queue/board</c> and the stream's <c>snapshot</c> event send it.</summary>
public sealed record PublicBoardSnapshot(Guid HallId, string HallName, IReadOnlyList<PublicBoardCall> LastCalls, IReadOnlyList<BoardWaiting> Waiting,
    string NoticeLine, DateTimeOffset AsOf)
{
    public static PublicBoardSnapshot Of(BoardSnapshot s) =>
        new(s.HallId, s.HallName, s.LastCalls.Select(PublicBoardCall.Of).ToList(), s.Waiting, s.NoticeLine, s.AsOf);
}

/// <summary>A window screen as its anonymous page reads it: the number served, the window, the staff member's name.</summary>
public sealed record PublicWindowScreen(string WindowNumber, string WindowName, string? CurrentTicket, string? StaffName, bool HasPhoto, bool Paused)
{
    public static PublicWindowScreen Of(WindowScreen s) => new(s.WindowNumber, s.WindowName, s.CurrentTicket, s.StaffName, s.HasPhoto, s.Paused);
}

/// <summary>One message of <see cref="QueueSignals.Channel"/> as a board stream reads it.</summary>
internal sealed record QueueSignal(string? Kind, Guid? HallId, BoardCall? Call)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>A call for the board, or null: anything else (a change, the signals' empty "you may have missed some") means re-read.</summary>
    public static QueueSignal? Parse(string payload)
    {
        if (string.IsNullOrWhiteSpace(payload)) return null;
        try { return JsonSerializer.Deserialize<QueueSignal>(payload, Json); }
        catch (JsonException) { return null; }
    }

    public bool IsCall => Kind == "call" && Call is not null;

    /// <summary>Whether the signal concerns the hall <paramref name="hallId"/> (a signal without a hall concerns every hall).</summary>
    public bool Concerns(Guid hallId) => HallId is not { } h || h == hallId;
}
