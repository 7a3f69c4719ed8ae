using Microsoft.EntityFrameworkCore;
using OneSeal.Hall;
using OneSeal.Hall.Seats;
using OneSeal.Organisation;
using OneSeal.Platform.Database;
using OneSeal.Platform.Security;
using OneSeal.Queue.Tickets;

namespace OneSeal.Queue.Calling;

/// <summary>What the workbench's queue panel shows; <see cref="ApplicantId"/>: the called person's applicant record, found by the ID number's keyed hash (the page lists their cases).</summary>
public sealed record QueuePanelView(WindowQueueView Queue, Guid? ApplicantId,
    IReadOnlyList<(Guid Id, string Label)> Windows, IReadOnlyList<(string Code, string Name)> Themes);

/// <summary>
/// The queue panel of the window workbench (/hall/window) for the clerk seated there: the window's queue, and when the
/// called ticket carries an ID number, that person's applicant record (the panel lists the cases the clerk may see).
/// </summary>
public sealed class QueuePanel(OneSealDb db, WindowSeats seats, WindowCalls calls)
{
    /// <summary>Null when the actor sits at no window today.</summary>
    public async Task<QueuePanelView?> LoadAsync(Actor actor, CancellationToken ct)
    {
        if (actor.Kind != AccountKind.Staff || await seats.CurrentAsync(actor, ct) is not { } seat) return null;
        var queue = await calls.ViewAsync(actor, seat.Window.Id, ct);
        Guid? applicantId = null;
        if (queue.Current is { } current)
        {
            var hash = await db.Set<Ticket>().AsNoTracking().Where(t => t.Id == current.Id).Select(t => t.IdNumberHash).FirstAsync(ct);
            if (hash is not null)
            {
                applicantId = await db.Set<Account>().AsNoTracking().Where(a => a.IdentityCodeHash == hash && a.Kind != AccountKind.Staff)
                    .Select(a => (Guid?)a.Id).FirstOrDefaultAsync(ct);
            }
        }
        var windows = await db.Set<Window>().AsNoTracking().Where(w => w.HallId == seat.Window.HallId && w.ClosedAt == null && w.Id != seat.Window.Id)
            .OrderBy(w => w.Number).Select(w => new { w.Id, w.Number, w.Name }).ToListAsync(ct);
        var themes = await db.Set<HallTheme>().AsNoTracking().Where(t => t.TicketPrefix != null).OrderBy(t => t.SortOrder).Select(t => new { t.Code, t.Name }).ToListAsync(ct);
        return new QueuePanelView(queue, applicantId, windows.Select(w => (w.Id, $"{w.Number} {w.Name}")).ToList(),
            themes.Select(t => (t.Code, t.Name)).ToList());
    }
}
