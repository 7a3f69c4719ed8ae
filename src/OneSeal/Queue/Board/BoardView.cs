namespace OneSeal.Queue.Board;

/// <summary>One call on the hall's display board: "请 A023 号到 A05 窗口".</summary>
public sealed record BoardCall(Guid TicketId, string TicketNumber, string WindowNumber, string WindowName, DateTimeOffset CalledAt, int Recall);

/// <summary>People waiting for one theme (or business type) of the hall.</summary>
public sealed record BoardWaiting(string ThemeCode, string ThemeName, int Waiting);

/// <summary>What the board shows: the last calls per window (newest first), waiting counts, the scrolling notice line.</summary>
public sealed record BoardSnapshot(Guid HallId, string HallName, IReadOnlyList<BoardCall> LastCalls, IReadOnlyList<BoardWaiting> Waiting,
    string NoticeLine, DateTimeOffset AsOf);

/// <summary>What the screen above one window shows: the number being served and who serves it.</summary>
public sealed record WindowScreen(Guid WindowId, string WindowNumber, string WindowName, string? CurrentTicket, Guid? StaffId,
    string? StaffName, string? StaffNumber, bool HasPhoto, bool Paused);

/// <summary>Reads the board and window screens from the queue (implemented by the queue's tickets).</summary>
public interface IQueueBoard
{
    /// <summary>The board of <paramref name="hallId"/>, or of the first open hall when null; null when there is no such hall.</summary>
    Task<BoardSnapshot?> ReadAsync(Guid? hallId, CancellationToken ct);

    /// <summary>The screen of the open window with this number in the hall (the first open hall when null).</summary>
    Task<WindowScreen?> WindowScreenAsync(string windowNumber, Guid? hallId, CancellationToken ct);
}

/// <summary>
/// The queue's signal channel. Payload: JSON <c>{"kind":"call","hallId":"…","call":{BoardCall}}</c> for a call or a
/// recall (the board announces it), <c>{"kind":"changed","hallId":"…"}</c> for anything else that changes the board or a
/// window screen (a ticket taken, finished, transferred, a window paused): the page re-reads its view.
/// </summary>
public static class QueueSignals
{
    public const string Channel = "queue";
}
