using System.Globalization;
using Microsoft.EntityFrameworkCore;
using OneSeal.Hall.Seats;
using OneSeal.Organisation;
using OneSeal.Platform.Audit;
using OneSeal.Platform.Database;
using OneSeal.Platform.Http;
using OneSeal.Platform.Security;
using OneSeal.Platform.Time;

namespace OneSeal.Hall.StandIn;

public sealed record AbsenceRequest(string? Date, string? Reason);
public sealed record AbsenceView(Guid Id, Guid WindowId, string WindowNumber, DateOnly Day, Guid AccountId, string AccountName, string Reason,
    Guid? StandInId, string? StandInName);

/// <summary>
/// A/B岗 (§7): an A post marked absent for a day, by themself or a window chief; that day the window's B post, seated
/// there, works the A post's queue (Cases.WindowChief.StandInCases) and their actions are written “B（代 A）” (<see cref="StandInNames"/>).
/// </summary>
public sealed class WindowAbsences(OneSealDb db, TimeProvider clock, StandInRoster standIns)
{
    public const int MaxDaysAhead = 30;

    public async Task<AbsenceView> MarkAsync(Actor actor, Guid windowId, AbsenceRequest request, CancellationToken ct)
    {
        var view = await RecordAsync(actor, windowId, request, ct);
        await standIns.ChangedAsync(ct);
        return view;
    }

    private async Task<AbsenceView> RecordAsync(Actor actor, Guid windowId, AbsenceRequest request, CancellationToken ct)
    {
        var (window, aPost) = await MayRegisterAsync(actor, windowId, ct);
        if (window.ClosedAt is not null) throw new ConflictException("window-closed", $"{window.Number} 窗口已撤销。");
        if (window.BPostId is null) throw new ConflictException("no-b-post", $"{window.Number} 窗口未设B岗，无人代岗；请先由系统管理员设置B岗。");
        var today = LegalDates.Today(clock);
        var day = ParseDay(request.Date, today);
        if (day < today || day > today.AddDays(MaxDaysAhead))
            throw new InvalidInputException("date", "range", $"缺岗日期应为今天至{MaxDaysAhead}天内。");
        var reason = request.Reason?.Trim();
        if (string.IsNullOrEmpty(reason)) throw new InvalidInputException("reason", "required", "请填写缺岗事由（reason）。");
        if (reason.Length > 200) throw new InvalidInputException("reason", "max-length", "缺岗事由不能超过200字。");
        return await db.InTransactionAsync(async () =>
        {
            if (await db.Set<WindowAbsence>().AnyAsync(a => a.WindowId == windowId && a.Day == day, ct))
                throw new ConflictException("already-absent", $"{window.Number} 窗口A岗 {day:yyyy-MM-dd} 已登记缺岗。");
            var now = clock.Now();
            var absence = new WindowAbsence { Id = Guid.NewGuid(), WindowId = windowId, Day = day, AccountId = aPost, Reason = reason, MarkedById = actor.Id, MarkedAt = now };
            db.Add(absence);
            db.Audit(actor, "window.a-post-absent", "window", windowId.ToString(), $"{window.Number} A岗 {day:yyyy-MM-dd} 缺岗，B岗代岗：{reason}", now);
            await db.CommitAsync(ct);
            return (await ViewsAsync([absence], ct))[0];
        }, ct);
    }

    /// <summary>
    /// 撤销缺岗登记: whoever may register an absence withdraws it before its day ends (today's or a later one); from then
    /// on the B post works under their own name again. The row goes; the audit trail keeps both the registration and this.
    /// </summary>
    public async Task<AbsenceView> WithdrawAsync(Actor actor, Guid windowId, string? date, CancellationToken ct)
    {
        var view = await db.InTransactionAsync(async () =>
        {
            var (window, _) = await MayRegisterAsync(actor, windowId, ct);
            var today = LegalDates.Today(clock);
            var day = ParseDay(date, today);
            if (day < today) throw new InvalidInputException("date", "ended", "该日缺岗登记已结束，不能撤销。");
            var absence = await db.Set<WindowAbsence>().FirstOrDefaultAsync(a => a.WindowId == windowId && a.Day == day, ct)
                ?? throw new NotFoundException($"{window.Number} 窗口A岗 {day:yyyy-MM-dd} 没有缺岗登记。");
            var shown = (await ViewsAsync([absence], ct))[0];
            db.Remove(absence);
            var now = clock.Now();
            db.Audit(actor, "window.a-post-absence-withdrawn", "window", windowId.ToString(),
                $"{window.Number} A岗 {day:yyyy-MM-dd} 缺岗登记撤销（原事由：{absence.Reason}），B岗不再代岗", now);
            await db.CommitAsync(ct);
            return shown;
        }, ct);
        await standIns.ChangedAsync(ct);
        return view;
    }

    /// <summary>The window, and its A post, when <paramref name="actor"/> may register or withdraw its A post's absence.</summary>
    private async Task<(Window Window, Guid APost)> MayRegisterAsync(Actor actor, Guid windowId, CancellationToken ct)
    {
        HallWindows.EnsureHallStaff(actor);
        var window = await db.Set<Window>().AsNoTracking().FirstOrDefaultAsync(w => w.Id == windowId, ct) ?? throw new NotFoundException("窗口不存在。");
        if (window.APostId is not { } aPost) throw new ConflictException("no-a-post", $"{window.Number} 窗口未设A岗。");
        if (actor.Id != aPost && !actor.Has(Roles.WindowChief))
            throw new ForbiddenException("not-a-post", $"只有 {window.Number} 窗口的A岗本人或窗口负责人可以登记或撤销A岗缺岗。");
        return (window, aPost);
    }

    private static DateOnly ParseDay(string? date, DateOnly today)
    {
        if (string.IsNullOrWhiteSpace(date)) return today;
        return DateOnly.TryParseExact(date.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)
            ? day : throw new InvalidInputException("date", "format", "日期格式应为 yyyy-MM-dd。");
    }

    /// <summary>Absences of the windows on <paramref name="day"/> (today when null), by window.</summary>
    public async Task<Dictionary<Guid, AbsenceView>> OnAsync(IReadOnlyCollection<Guid> windowIds, DateOnly? day, CancellationToken ct)
    {
        var on = day ?? LegalDates.Today(clock);
        var rows = await db.Set<WindowAbsence>().AsNoTracking().Where(a => windowIds.Contains(a.WindowId) && a.Day == on).ToListAsync(ct);
        return (await ViewsAsync(rows, ct)).ToDictionary(v => v.WindowId);
    }

    /// <summary>Absences from today on (the window chief's page).</summary>
    public async Task<IReadOnlyList<AbsenceView>> UpcomingAsync(CancellationToken ct)
    {
        var today = LegalDates.Today(clock);
        var rows = await db.Set<WindowAbsence>().AsNoTracking().Where(a => a.Day >= today).OrderBy(a => a.Day).Take(100).ToListAsync(ct);
        return await ViewsAsync(rows, ct);
    }

    private async Task<List<AbsenceView>> ViewsAsync(IReadOnlyCollection<WindowAbsence> rows, CancellationToken ct)
    {
        var windowIds = rows.Select(r => r.WindowId).Distinct().ToList();
        var windows = await db.Set<Window>().AsNoTracking().Where(w => windowIds.Contains(w.Id)).ToDictionaryAsync(w => w.Id, ct);
        var people = rows.Select(r => r.AccountId).Concat(windows.Values.Where(w => w.BPostId is not null).Select(w => w.BPostId!.Value)).Distinct().ToList();
        var names = await db.Set<Account>().AsNoTracking().Where(x => people.Contains(x.Id)).ToDictionaryAsync(x => x.Id, x => x.DisplayName, ct);
        return rows.Select(r =>
        {
            var w = windows[r.WindowId];
            return new AbsenceView(r.Id, r.WindowId, w.Number, r.Day, r.AccountId, names.GetValueOrDefault(r.AccountId) ?? "", r.Reason,
                w.BPostId, w.BPostId is { } b ? names.GetValueOrDefault(b) : null);
        }).ToList();
    }
}
