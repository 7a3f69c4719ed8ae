using Microsoft.EntityFrameworkCore;
using OneSeal.Hall;
using OneSeal.Hall.Seats;
using OneSeal.Organisation;
using OneSeal.Platform.Database;
using OneSeal.Platform.Time;
using OneSeal.Queue.Board;
using OneSeal.Queue.Tickets;

namespace OneSeal.Queue.Calling;

/// <summary>
/// The board and window screens read from today's tickets: the last <see cref="LastCalls"/> calls (newest first, a
/// recall counting as a call), people waiting per theme, the notice line (<c>Queue:NoticeLine</c>); a window's screen
/// shows its current number and who sits there (A post first), with staff number and whether a photo exists.
/// </summary>
public sealed class TicketBoard(OneSealDb db, WindowSeats seats, QueueOptions options, TimeProvider clock) : IQueueBoard
{
    public const int LastCalls = 8;

    public async Task<BoardSnapshot?> ReadAsync(Guid? hallId, CancellationToken ct)
    {
        var hall = await HallAsync(hallId, ct);
        if (hall is null) return null;
        var today = LegalDates.Today(clock);
        var calls = await db.Set<Ticket>().AsNoTracking()
            .Where(t => t.HallId == hall.Id && t.Day == today && t.WindowId != null && t.LastCalledAt != null)
            .OrderByDescending(t => t.LastCalledAt).Take(LastCalls)
            .Select(t => new { t.Id, t.Number, t.WindowId, t.LastCalledAt, t.Recalls }).ToListAsync(ct);
        var windowIds = calls.Select(c => c.WindowId!.Value).Distinct().ToList();
        var windows = await db.Set<Window>().AsNoTracking().Where(w => windowIds.Contains(w.Id)).ToDictionaryAsync(w => w.Id, ct);
        var waiting = await db.Set<Ticket>().AsNoTracking().Where(t => t.HallId == hall.Id && t.Day == today && t.State == TicketState.Waiting)
            .GroupBy(t => t.ThemeCode).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, ct);
        var served = await db.Set<Window>().AsNoTracking().Where(w => w.HallId == hall.Id && w.ClosedAt == null)
            .SelectMany(w => w.Themes.Select(t => t.ThemeCode)).Distinct().ToListAsync(ct);
        var themes = await db.Set<HallTheme>().AsNoTracking().Where(t => served.Contains(t.Code) || waiting.Keys.Contains(t.Code))
            .OrderBy(t => t.SortOrder).ThenBy(t => t.Code).ToListAsync(ct);
        return new BoardSnapshot(hall.Id, hall.Name,
            calls.Select(c => new BoardCall(c.Id, c.Number, windows[c.WindowId!.Value].Number, windows[c.WindowId.Value].Name, c.LastCalledAt!.Value, c.Recalls)).ToList(),
            themes.Select(t => new BoardWaiting(t.Code, t.Name, waiting.GetValueOrDefault(t.Code))).ToList(),
            options.NoticeLine, clock.Now());
    }

    public async Task<WindowScreen?> WindowScreenAsync(string windowNumber, Guid? hallId, CancellationToken ct)
    {
        var hall = await HallAsync(hallId, ct);
        if (hall is null || string.IsNullOrEmpty(windowNumber) || windowNumber.Length > 8) return null;
        var window = await db.Set<Window>().AsNoTracking().FirstOrDefaultAsync(w => w.HallId == hall.Id && w.Number == windowNumber && w.ClosedAt == null, ct);
        if (window is null) return null;
        var today = LegalDates.Today(clock);
        var current = await db.Set<Ticket>().AsNoTracking()
            .Where(t => t.WindowId == window.Id && t.Day == today && (t.State == TicketState.Called || t.State == TicketState.Serving))
            .OrderByDescending(t => t.LastCalledAt).Select(t => t.Number).FirstOrDefaultAsync(ct);
        var seated = (await seats.OccupantsAsync([window.Id], ct)).GetValueOrDefault(window.Id)?.OrderBy(o => o.Post).Select(o => o.AccountId).FirstOrDefault() ?? Guid.Empty;
        var staff = seated == Guid.Empty ? null : await db.Set<Account>().AsNoTracking().Where(a => a.Id == seated)
            .Select(a => new { a.Id, a.DisplayName, a.StaffNumber, HasPhoto = a.PhotoKey != null }).FirstOrDefaultAsync(ct);
        var paused = await db.Set<QueueWindow>().AsNoTracking().AnyAsync(q => q.WindowId == window.Id && q.Paused, ct);
        return new WindowScreen(window.Id, window.Number, window.Name, current, staff?.Id, staff?.DisplayName, staff?.StaffNumber, staff?.HasPhoto == true, paused);
    }

    private async Task<Agency?> HallAsync(Guid? hallId, CancellationToken ct)
    {
        var id = hallId ?? await TicketDesk.DefaultHallOf(db, ct);
        return id is null ? null : await db.Set<Agency>().AsNoTracking().FirstOrDefaultAsync(a => a.Id == id && a.Kind == OrganisationKind.Hall && a.ClosedAt == null, ct);
    }
}
