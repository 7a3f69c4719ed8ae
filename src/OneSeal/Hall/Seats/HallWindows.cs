using Microsoft.EntityFrameworkCore;
using OneSeal.Organisation;
using OneSeal.Platform.Database;
using OneSeal.Platform.Http;
using OneSeal.Platform.Security;

namespace OneSeal.Hall.Seats;

/// <summary>The hall's windows as its staff see them: open windows, today's seats, where the reader may sit.</summary>
public sealed class HallWindows(OneSealDb db, WindowQueries windows, WindowSeats seats)
{
    public async Task<List<HallWindow>> ListAsync(Actor actor, Guid? hallId, CancellationToken ct)
    {
        EnsureHallStaff(actor);
        var open = (await windows.ViewsAsync(hallId, ct)).Where(w => !w.Closed).ToList();
        var occupants = await seats.OccupantsAsync(open.Select(w => w.Id).ToList(), ct);
        var ids = occupants.Values.SelectMany(o => o.Select(x => x.AccountId)).Distinct().ToList();
        var names = await db.Set<Account>().Where(a => ids.Contains(a.Id)).ToDictionaryAsync(a => a.Id, a => a.DisplayName, ct);
        var chief = actor.Has(Roles.WindowChief);
        return open.Select(w => new HallWindow(w,
            occupants.GetValueOrDefault(w.Id, []).Select(o => new SeatHolder(names.GetValueOrDefault(o.AccountId) ?? "", o.Post.ToString(), SeatLabels.Of(o.Post))).ToList(),
            chief || w.APostId == actor.Id || w.BPostId == actor.Id)).ToList();
    }

    public async Task<MySeat> MineAsync(Actor actor, CancellationToken ct)
    {
        EnsureHallStaff(actor);
        var seat = await seats.CurrentAsync(actor, ct);
        if (seat is null) return new MySeat(null, null, null, null);
        var view = (await windows.ViewsAsync(seat.Window.HallId, ct)).First(w => w.Id == seat.Window.Id);
        return new MySeat(view, seat.Post.ToString(), SeatLabels.Of(seat.Post), seat.SignedInAt);
    }

    /// <summary>Staff who are not one of the three administrators (they keep the windows' setup, not the counter).</summary>
    public static void EnsureHallStaff(Actor actor)
    {
        if (actor.Kind != AccountKind.Staff || Roles.Administrators.Any(actor.Has))
            throw new ForbiddenException("role", "窗口签到仅限大厅工作人员（系统、安全、审计管理员不在窗口办件）。");
    }
}
