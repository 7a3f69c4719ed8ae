namespace OneSeal.Queue.Tickets;

/// <summary>A ticket a window has finished serving: who served it where, when, and the cases filed or handled for it.</summary>
public sealed record ServedTicket(Guid TicketId, string Number, Guid HallId, Guid WindowId, Guid? StaffId, DateTimeOffset CalledAt,
    DateTimeOffset FinishedAt, IReadOnlyList<Guid> CaseIds);

/// <summary>Finished tickets, for the window's rating device (评价器): it rates the service event a ticket stands for.</summary>
public interface IServedTickets
{
    /// <summary>The ticket when it was served to the end (finished), else null.</summary>
    Task<ServedTicket?> FindAsync(Guid ticketId, CancellationToken ct);

    /// <summary>The ticket the window finished last, if that was at or after <paramref name="since"/>.</summary>
    Task<ServedTicket?> LastFinishedAsync(Guid windowId, DateTimeOffset since, CancellationToken ct);
}
