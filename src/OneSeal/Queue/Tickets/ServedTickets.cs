using Microsoft.EntityFrameworkCore;
using OneSeal.Cases.WalkIn;
using OneSeal.Platform.Database;

namespace OneSeal.Queue.Tickets;

/// <summary>Finished tickets for the rating device, with the cases the window filed between the call and the finish.</summary>
public sealed class ServedTickets(OneSealDb db, WindowDesk desk) : IServedTickets
{
    public async Task<ServedTicket?> FindAsync(Guid ticketId, CancellationToken ct) =>
        await ServedAsync(await db.Set<Ticket>().AsNoTracking().FirstOrDefaultAsync(t => t.Id == ticketId && t.State == TicketState.Finished, ct), ct);

    public async Task<ServedTicket?> LastFinishedAsync(Guid windowId, DateTimeOffset since, CancellationToken ct) =>
        await ServedAsync(await db.Set<Ticket>().AsNoTracking()
            .Where(t => t.WindowId == windowId && t.State == TicketState.Finished && t.FinishedAt >= since)
            .OrderByDescending(t => t.FinishedAt).FirstOrDefaultAsync(ct), ct);

    private async Task<ServedTicket?> ServedAsync(Ticket? t, CancellationToken ct)
    {
        if (t is not { WindowId: { } window, FinishedAt: { } finished }) return null;
        var called = t.CalledAt ?? t.TakenAt;
        var cases = await desk.FiledDuringAsync(window, t.StaffId, called, finished, ct);
        return new ServedTicket(t.Id, t.Number, t.HallId, window, t.StaffId, called, finished, cases);
    }
}
