using Microsoft.EntityFrameworkCore;
using OneSeal.Organisation;
using OneSeal.Platform.Audit;
using OneSeal.Platform.Database;
using OneSeal.Platform.Http;
using OneSeal.Platform.Security;
using OneSeal.Platform.Time;

namespace OneSeal.Hall.Seats;

/// <summary>A window someone sits at today, and in which post.</summary>
public sealed record Seat(Window Window, SeatPost Post, DateTimeOffset SignedInAt);

/// <summary>
/// Window sign-in (窗口签到): staff take a seat at one window for the day, and every hall action asks
/// <see cref="EnsureAtAsync"/> whether the window they sit at is of the kind the action needs (a payment only at the fee
/// window, a pick-up only at a result window …). The window's A and B posts may sit there; a window chief may take any
/// seat of the hall to stand in.
/// </summary>
public sealed class WindowSeats(OneSealDb db, TimeProvider clock, StandIn.StandInRoster standIns)
{
    public async Task<Seat> SignInAsync(Actor actor, Guid windowId, CancellationToken ct)
    {
        var seat = await TakeAsync(actor, windowId, ct);
        await standIns.ChangedAsync(ct);
        return seat;
    }

    private async Task<Seat> TakeAsync(Actor actor, Guid windowId, CancellationToken ct) => await db.InTransactionAsync(async () =>
    {
        HallWindows.EnsureHallStaff(actor);
        var window = await db.Set<Window>().Include(w => w.Themes).FirstOrDefaultAsync(w => w.Id == windowId, ct)
            ?? throw new NotFoundException("窗口不存在。");
        if (window.ClosedAt is not null) throw new ConflictException("window-closed", $"{window.Number} 窗口已撤销，不能签到。");
        var post = window.APostId == actor.Id ? SeatPost.A
            : window.BPostId == actor.Id ? SeatPost.B
            : actor.Has(Roles.WindowChief) ? SeatPost.Chief
            : throw new ForbiddenException("not-post", $"您不是 {window.Number} 窗口的A岗或B岗人员，不能在该窗口签到。");
        var now = clock.Now();
        var today = LegalDates.ToLegalDate(now);
        var open = await db.Set<WindowSeat>().Where(s => s.AccountId == actor.Id && s.Day == today && s.SignedOutAt == null).ToListAsync(ct);
        var same = open.FirstOrDefault(s => s.WindowId == windowId);
        foreach (var s in open.Where(s => s != same)) s.SignedOutAt = now;
        if (same is null)
        {
            same = new WindowSeat { Id = Guid.NewGuid(), WindowId = windowId, AccountId = actor.Id, Day = today, Post = post, SignedInAt = now };
            db.Add(same);
            db.Audit(actor, "window.sign-in", "window", window.Id.ToString(), $"{window.Number} {window.Name}（{SeatLabels.Of(post)}）", now);
        }
        await db.CommitAsync(ct);
        return new Seat(window, same.Post, same.SignedInAt);
    }, ct);

    public async Task SignOutAsync(Actor actor, CancellationToken ct)
    {
        await LeaveAsync(actor, ct);
        await standIns.ChangedAsync(ct);
    }

    private async Task LeaveAsync(Actor actor, CancellationToken ct) => await db.InTransactionAsync(async () =>
    {
        HallWindows.EnsureHallStaff(actor);
        var now = clock.Now();
        var today = LegalDates.ToLegalDate(now);
        var open = await db.Set<WindowSeat>().Where(s => s.AccountId == actor.Id && s.Day == today && s.SignedOutAt == null).ToListAsync(ct);
        foreach (var s in open)
        {
            s.SignedOutAt = now;
            db.Audit(actor, "window.sign-out", "window", s.WindowId.ToString(), null, now);
        }
        await db.CommitAsync(ct);
    }, ct);

    /// <summary>The window <paramref name="actor"/> sits at today, or null.</summary>
    public async Task<Seat?> CurrentAsync(Actor actor, CancellationToken ct)
    {
        var today = LegalDates.Today(clock);
        var seat = await db.Set<WindowSeat>().AsNoTracking()
            .Where(s => s.AccountId == actor.Id && s.Day == today && s.SignedOutAt == null)
            .OrderByDescending(s => s.SignedInAt).FirstOrDefaultAsync(ct);
        if (seat is null) return null;
        var window = await db.Set<Window>().AsNoTracking().Include(w => w.Themes).FirstAsync(w => w.Id == seat.WindowId, ct);
        return window.ClosedAt is null ? new Seat(window, seat.Post, seat.SignedInAt) : null;
    }

    /// <summary>
    /// The seat <paramref name="actor"/> holds today at a window of one of <paramref name="kinds"/>; otherwise 403
    /// <c>not-at-window</c> (not signed in) or 409 <c>window-kind</c> (signed in at a window of another kind), naming
    /// <paramref name="field"/>.
    /// </summary>
    public async Task<Seat> EnsureAtAsync(Actor actor, string field, CancellationToken ct, params WindowKind[] kinds)
    {
        var wanted = string.Join("或", kinds.Select(k => $"“{WindowLabels.Of(k)}”"));
        var seat = await CurrentAsync(actor, ct)
            ?? throw new ForbiddenException("not-at-window", $"请先在{wanted}窗口签到（{field}）。");
        if (!kinds.Contains(seat.Window.Kind))
            throw new ConflictException("window-kind",
                $"您当前签到的 {seat.Window.Number} 是“{WindowLabels.Of(seat.Window.Kind)}”窗口，此业务须在{wanted}窗口办理（{field}）。");
        return seat;
    }

    /// <summary>Today's open seats of the windows given, by window: who sits there and in which post.</summary>
    public async Task<Dictionary<Guid, List<(Guid AccountId, SeatPost Post)>>> OccupantsAsync(IReadOnlyCollection<Guid> windowIds, CancellationToken ct)
    {
        var today = LegalDates.Today(clock);
        var seats = await db.Set<WindowSeat>().AsNoTracking()
            .Where(s => windowIds.Contains(s.WindowId) && s.Day == today && s.SignedOutAt == null)
            .Select(s => new { s.WindowId, s.AccountId, s.Post }).ToListAsync(ct);
        return seats.GroupBy(s => s.WindowId).ToDictionary(g => g.Key, g => g.Select(s => (s.AccountId, s.Post)).ToList());
    }
}

public static class SeatLabels
{
    public static string Of(SeatPost post) => post switch
    {
        SeatPost.A => "A岗",
        SeatPost.B => "B岗",
        SeatPost.Chief => "窗口负责人",
        _ => post.ToString(),
    };
}
