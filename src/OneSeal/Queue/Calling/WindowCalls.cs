using System.Data;
using Microsoft.EntityFrameworkCore;
using OneSeal.Hall;
using OneSeal.Hall.Seats;
using OneSeal.Platform.Audit;
using OneSeal.Platform.Database;
using OneSeal.Platform.Http;
using OneSeal.Platform.Security;
using OneSeal.Platform.Time;
using OneSeal.Queue.Board;
using OneSeal.Queue.Tickets;

namespace OneSeal.Queue.Calling;

/// <summary>The ticket a window has called (or serves now).</summary>
public sealed record CurrentTicket(Guid Id, string Number, string ThemeCode, string ThemeName, string Kind, string State, string StateLabel,
    DateTimeOffset TakenAt, DateTimeOffset? CalledAt, DateTimeOffset? LastCalledAt, int Recalls, int Transfers, string? IdNumberMasked);

/// <summary>A window's queue as its clerk sees it: paused or not, the current ticket, people waiting for its themes.</summary>
public sealed record WindowQueueView(Guid WindowId, string WindowNumber, string WindowName, bool Paused, CurrentTicket? Current, int Waiting,
    int WaitingFirst, int MaxRecalls, int RecallSeconds, int NoShowSeconds);

/// <summary>A transfer's target: a window id or a theme code.</summary>
public sealed record TransferInput(string? To);

/// <summary>
/// 叫号 at a window: only staff seated at that very window (<see cref="WindowSeats.EnsureAtAsync"/>) call, recall,
/// transfer, mark no-show, serve and finish, by the window's themes (plus tickets transferred to it). Appointment and
/// 绿色通道 tickets go first, at most <see cref="QueueOptions.PriorityBurst"/> in a row while normal tickets wait, so the
/// normal queue always moves. Two windows never call one ticket: the candidate row is taken FOR UPDATE SKIP LOCKED on
/// PostgreSQL; on SQLite the IMMEDIATE transaction serialises the writers. Every action is audited, and announced after commit.
/// </summary>
public sealed class WindowCalls(OneSealDb db, WindowSeats seats, QueueOptions options, QueueAnnouncer announcer, TimeProvider clock)
{
    private static readonly TicketState[] Open = [TicketState.Called, TicketState.Serving];

    public async Task<WindowQueueView> ViewAsync(Actor actor, Guid windowId, CancellationToken ct)
    {
        var window = await SeatAsync(actor, windowId, ct);
        return await ReadAsync(window, ct);
    }

    public async Task<WindowQueueView> CallNextAsync(Actor actor, Guid windowId, CancellationToken ct)
    {
        var window = await SeatAsync(actor, windowId, ct);
        BoardCall? call = null;
        await db.InTransactionAsync(async () =>
        {
            var state = await LockAsync(window.Id, ct);
            if (state.Paused) throw new ConflictException("window-paused", $"{window.Number} 窗口已暂停叫号，请先恢复叫号。");
            if (await CurrentAsync(window.Id, ct) is { } open)
                throw new ConflictException("ticket-open", $"{open.Number} 号尚未办结，请先办结、过号或转窗。");
            var now = clock.Now();
            var themes = window.Themes.Select(t => t.ThemeCode).ToList();
            var eligible = Eligible(window, themes, LegalDates.ToLegalDate(now));
            var firstWaiting = await eligible.AnyAsync(t => t.Kind != TicketKind.Normal, ct);
            var normalWaiting = await eligible.AnyAsync(t => t.Kind == TicketKind.Normal, ct);
            var preferFirst = firstWaiting && (!normalWaiting || state.PriorityRun < options.PriorityBurst);
            var id = await PickAsync(window, themes, preferFirst, now, ct) ?? await PickAsync(window, themes, !preferFirst, now, ct)
                ?? throw new ConflictException("queue-empty", "当前没有等候的号。");
            var t = await db.Set<Ticket>().FirstAsync(x => x.Id == id, ct);
            state.PriorityRun = t.First && normalWaiting ? state.PriorityRun + 1 : 0;
            t.State = TicketState.Called;
            t.WindowId = window.Id;
            t.TransferWindowId = null;
            t.StaffId = actor.Id;
            t.CalledAt ??= now;
            t.LastCalledAt = now;
            t.Recalls = 0;
            t.ServingAt = null;
            db.Audit(actor, "queue.call", "queue-ticket", t.Id.ToString(), $"{window.Number} 叫号 {t.Number}", now);
            await db.CommitAsync(ct);
            call = new BoardCall(t.Id, t.Number, window.Number, window.Name, now, 0);
        }, ct);
        await announcer.CallAsync(window.HallId, call!);
        return await ReadAsync(window, ct);
    }

    public async Task<WindowQueueView> RecallAsync(Actor actor, Guid windowId, CancellationToken ct)
    {
        var window = await SeatAsync(actor, windowId, ct);
        BoardCall? call = null;
        await ChangeAsync(window, async (t, now) =>
        {
            if (t.State != TicketState.Called) throw new ConflictException("not-called", $"{t.Number} 号已在办理中，无需重呼。");
            if (t.Recalls >= options.MaxRecalls)
                throw new ConflictException("max-recalls", $"{t.Number} 号已重呼 {t.Recalls} 次（最多 {options.MaxRecalls} 次），请过号。");
            var since = (now - (t.LastCalledAt ?? now)).TotalSeconds;
            if (since < options.RecallSeconds)
                throw new ConflictException("recall-too-soon", $"叫号后 {options.RecallSeconds} 秒内不能重呼，请 {Math.Ceiling(options.RecallSeconds - since)} 秒后再试。");
            t.Recalls++;
            t.LastCalledAt = now;
            db.Audit(actor, "queue.recall", "queue-ticket", t.Id.ToString(), $"{window.Number} 第 {t.Recalls} 次重呼 {t.Number}", now);
            call = new BoardCall(t.Id, t.Number, window.Number, window.Name, now, t.Recalls);
        }, ct);
        await announcer.CallAsync(window.HallId, call!);
        return await ReadAsync(window, ct);
    }

    /// <summary>Visitor at the counter (开始办理): the service time runs from here.</summary>
    public Task<WindowQueueView> ServeAsync(Actor actor, Guid windowId, CancellationToken ct) => ActAsync(actor, windowId, (window, t, now) =>
    {
        if (t.State != TicketState.Called) throw new ConflictException("not-called", $"{t.Number} 号已在办理中。");
        t.State = TicketState.Serving;
        t.ServingAt = now;
        db.Audit(actor, "queue.serve", "queue-ticket", t.Id.ToString(), $"{window.Number} 开始办理 {t.Number}", now);
    }, ct);

    public Task<WindowQueueView> FinishAsync(Actor actor, Guid windowId, CancellationToken ct) => ActAsync(actor, windowId, (window, t, now) =>
    {
        t.ServingAt ??= t.LastCalledAt;
        t.State = TicketState.Finished;
        t.FinishedAt = now;
        db.Audit(actor, "queue.finish", "queue-ticket", t.Id.ToString(), $"{window.Number} 办结 {t.Number}", now);
    }, ct);

    /// <summary>过号: only once the recalls are used up, or <see cref="QueueOptions.NoShowSeconds"/> after the call — a visitor walking over is not skipped.</summary>
    public Task<WindowQueueView> NoShowAsync(Actor actor, Guid windowId, CancellationToken ct) => ActAsync(actor, windowId, (window, t, now) =>
    {
        if (t.State != TicketState.Called) throw new ConflictException("not-called", $"{t.Number} 号已在办理中，不能过号。");
        if (t.Recalls < options.MaxRecalls && (now - (t.LastCalledAt ?? now)).TotalSeconds < options.NoShowSeconds)
            throw new ConflictException("no-show-too-soon",
                $"须重呼满 {options.MaxRecalls} 次，或叫号 {options.NoShowSeconds} 秒后仍未到窗口，才能过号（{t.Number} 已重呼 {t.Recalls} 次）。");
        t.State = TicketState.NoShow;
        t.FinishedAt = now;
        db.Audit(actor, "queue.no-show", "queue-ticket", t.Id.ToString(), $"{window.Number} 过号 {t.Number}（重呼 {t.Recalls} 次）", now);
    }, ct);

    /// <summary>转窗: back to waiting with its number and taken-at (its place), for one window or for a theme's windows.</summary>
    public async Task<WindowQueueView> TransferAsync(Actor actor, Guid windowId, TransferInput? input, CancellationToken ct)
    {
        var to = input?.To?.Trim();
        if (string.IsNullOrEmpty(to)) throw new InvalidInputException("to", "required", "请选择转往的窗口或业务（to）。");
        if (to.Length > 64 || !TextRules.IsClean(to)) throw new InvalidInputException("to", "transfer-target", "转往的窗口或业务（to）不存在。");
        var window = await SeatAsync(actor, windowId, ct);
        Window? target = null;
        HallTheme? theme = null;
        if (Guid.TryParse(to, out var targetId))
        {
            target = await db.Set<Window>().AsNoTracking().FirstOrDefaultAsync(w => w.Id == targetId && w.HallId == window.HallId && w.ClosedAt == null, ct)
                ?? throw new InvalidInputException("to", "transfer-target", "转往的窗口（to）不存在或已撤销。");
            if (target.Id == window.Id) throw new InvalidInputException("to", "transfer-target", "不能转给本窗口。");
        }
        else
        {
            theme = await db.Set<HallTheme>().AsNoTracking().FirstOrDefaultAsync(t => t.Code == to, ct)
                ?? throw new InvalidInputException("to", "transfer-target", $"转往的业务（to）“{to}”不存在。");
            if (!await db.Set<Window>().AnyAsync(w => w.HallId == window.HallId && w.ClosedAt == null && w.Themes.Any(x => x.ThemeCode == theme.Code), ct))
                throw new ConflictException("theme-not-served", $"没有窗口办理“{theme.Name}”业务。");
        }
        return await ActAsync(actor, windowId, (_, t, now) =>
        {
            t.State = TicketState.Waiting;
            t.TransferWindowId = target?.Id;
            if (theme is not null) t.ThemeCode = theme.Code;
            t.Transfers++;
            t.Recalls = 0;
            t.ServingAt = null;
            db.Audit(actor, "queue.transfer", "queue-ticket", t.Id.ToString(),
                $"{window.Number} 将 {t.Number} 转{(target is not null ? $" {target.Number} 窗口" : $"“{theme!.Name}”业务")}", now);
        }, ct, window);
    }

    public Task<WindowQueueView> PauseAsync(Actor actor, Guid windowId, CancellationToken ct) => SetPausedAsync(actor, windowId, true, ct);

    public Task<WindowQueueView> ResumeAsync(Actor actor, Guid windowId, CancellationToken ct) => SetPausedAsync(actor, windowId, false, ct);

    private async Task<WindowQueueView> SetPausedAsync(Actor actor, Guid windowId, bool paused, CancellationToken ct)
    {
        var window = await SeatAsync(actor, windowId, ct);
        await db.InTransactionAsync(async () =>
        {
            var state = await LockAsync(window.Id, ct);
            if (state.Paused == paused) return;
            var now = clock.Now();
            state.Paused = paused;
            state.PausedAt = paused ? now : null;
            db.Audit(actor, paused ? "queue.pause" : "queue.resume", "window", window.Id.ToString(), $"{window.Number} {(paused ? "暂停叫号" : "恢复叫号")}", now);
            await db.CommitAsync(ct);
        }, ct);
        await announcer.ChangedAsync(window.HallId);
        return await ReadAsync(window, ct);
    }

    private async Task<WindowQueueView> ActAsync(Actor actor, Guid windowId, Action<Window, Ticket, DateTimeOffset> act, CancellationToken ct, Window? seated = null)
    {
        var window = seated ?? await SeatAsync(actor, windowId, ct);
        await ChangeAsync(window, (t, now) => { act(window, t, now); return Task.CompletedTask; }, ct);
        await announcer.ChangedAsync(window.HallId);
        return await ReadAsync(window, ct);
    }

    /// <summary>One command on the window's current ticket, under the window's lock.</summary>
    private Task ChangeAsync(Window window, Func<Ticket, DateTimeOffset, Task> change, CancellationToken ct) => db.InTransactionAsync(async () =>
    {
        await LockAsync(window.Id, ct);
        var t = await CurrentAsync(window.Id, ct) ?? throw new ConflictException("no-current-ticket", $"{window.Number} 窗口当前没有叫到的号。");
        await change(t, clock.Now());
        await db.CommitAsync(ct);
    }, ct);

    /// <summary>The window the actor sits at, which must be <paramref name="windowId"/>.</summary>
    private async Task<Window> SeatAsync(Actor actor, Guid windowId, CancellationToken ct)
    {
        HallWindows.EnsureHallStaff(actor);
        var seat = await seats.EnsureAtAsync(actor, "window", ct, Enum.GetValues<WindowKind>());
        if (seat.Window.Id != windowId)
            throw new ForbiddenException("not-at-window", $"您签到的是 {seat.Window.Number} 窗口，只能在本窗口叫号。");
        return seat.Window;
    }

    /// <summary>The window's calling row, created on first use and locked until the transaction ends (one upsert on both databases).</summary>
    private async Task<QueueWindow> LockAsync(Guid windowId, CancellationToken ct)
    {
        await new RawSql(db).Append("INSERT INTO queue_windows (window_id, paused, priority_run) VALUES (").Param(windowId, DbType.Guid)
            .Append(", ").Param(false, DbType.Boolean).Append(", 0) ON CONFLICT (window_id) DO UPDATE SET priority_run = queue_windows.priority_run")
            .ExecuteAsync(ct);
        return await db.Set<QueueWindow>().FirstAsync(q => q.WindowId == windowId, ct);
    }

    /// <summary>The window's open ticket of today: one left called on an earlier day does not hold the window up.</summary>
    private Task<Ticket?> CurrentAsync(Guid windowId, CancellationToken ct)
    {
        var today = LegalDates.Today(clock);
        return db.Set<Ticket>().Where(t => t.WindowId == windowId && t.Day == today && Open.Contains(t.State))
            .OrderByDescending(t => t.LastCalledAt).FirstOrDefaultAsync(ct);
    }

    private IQueryable<Ticket> Eligible(Window window, List<string> themes, DateOnly day) =>
        db.Set<Ticket>().Where(t => t.HallId == window.HallId && t.Day == day && t.State == TicketState.Waiting
            && (t.TransferWindowId == window.Id || (t.TransferWindowId == null && themes.Contains(t.ThemeCode))));

    /// <summary>The oldest waiting ticket of the class for this window, its row locked (PostgreSQL skips rows another window holds).</summary>
    private async Task<Guid?> PickAsync(Window window, List<string> themes, bool first, DateTimeOffset now, CancellationToken ct)
    {
        var sql = new RawSql(db).Append("SELECT id AS \"Value\" FROM queue_tickets WHERE hall_id = ").Param(window.HallId, DbType.Guid)
            .Append(" AND day = ").Param(LegalDates.ToLegalDate(now), DbType.Date).Append(" AND state = 'Waiting' AND kind ")
            .Append(first ? "<> 'Normal'" : "= 'Normal'").Append(" AND (transfer_window_id = ").Param(window.Id, DbType.Guid);
        if (themes.Count > 0) sql.Append(" OR (transfer_window_id IS NULL AND theme_code IN (").List(themes, DbType.String).Append("))");
        sql.Append(") ORDER BY taken_at, number LIMIT 1").Append(db.IsPostgres ? " FOR UPDATE SKIP LOCKED" : "");
        var ids = await sql.ReadAsync<Guid>(ct);
        return ids.Count == 0 ? null : ids[0];
    }

    private async Task<WindowQueueView> ReadAsync(Window window, CancellationToken ct)
    {
        var state = await db.Set<QueueWindow>().AsNoTracking().FirstOrDefaultAsync(q => q.WindowId == window.Id, ct);
        var today = LegalDates.Today(clock);
        var current = await db.Set<Ticket>().AsNoTracking().Where(t => t.WindowId == window.Id && t.Day == today && Open.Contains(t.State))
            .OrderByDescending(t => t.LastCalledAt).FirstOrDefaultAsync(ct);
        var themes = window.Themes.Select(t => t.ThemeCode).ToList();
        var waiting = await Eligible(window, themes, today).AsNoTracking().GroupBy(t => t.Kind).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct);
        CurrentTicket? view = null;
        if (current is not null)
        {
            var themeName = await db.Set<HallTheme>().AsNoTracking().Where(t => t.Code == current.ThemeCode).Select(t => t.Name).FirstAsync(ct);
            view = new CurrentTicket(current.Id, current.Number, current.ThemeCode, themeName, current.Kind.ToString(), current.State.ToString(),
                TicketLabels.Of(current.State), current.TakenAt, current.CalledAt, current.LastCalledAt, current.Recalls, current.Transfers, current.IdNumberMasked);
        }
        return new WindowQueueView(window.Id, window.Number, window.Name, state?.Paused == true, view, waiting.Sum(g => g.Count),
            waiting.Where(g => g.Key != TicketKind.Normal).Sum(g => g.Count), options.MaxRecalls, options.RecallSeconds, options.NoShowSeconds);
    }
}
