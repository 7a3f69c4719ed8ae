using Microsoft.EntityFrameworkCore;
using OneSeal.Organisation;
using OneSeal.Platform.Audit;
using OneSeal.Platform.Database;
using OneSeal.Platform.Http;
using OneSeal.Platform.Security;
using OneSeal.Platform.Time;

namespace OneSeal.Calendar;

/// <summary>Told after the calendar changed, so running cases get their due dates recomputed (Cases implements it).</summary>
public interface ICalendarChangeListener
{
    Task OnCalendarChangedAsync(Actor actor, string reason, CancellationToken ct);
}

public sealed record HolidayRange(string? Name, DateOnly? From, DateOnly? To);
public sealed record MakeUpDay(string? Name, DateOnly? Date);

/// <summary>
/// An administrator enters a newly announced year or amends one, and adds local closures. The change is one
/// transaction; then every instance's clock reloads and running cases are rescheduled, each noting it on its timeline.
/// </summary>
public sealed class CalendarAdmin(OneSealDb db, TimeProvider clock, WorkingDayClock workingDays, IEnumerable<ICalendarChangeListener> listeners)
{
    public async Task SaveYearAsync(Actor actor, int year, string? notice, IReadOnlyList<HolidayRange>? holidays, IReadOnlyList<MakeUpDay>? workdays, CancellationToken ct)
    {
        EnsureAdmin(actor);
        if (year is < 2000 or > 2100) throw new InvalidInputException("year", "range", "年度应在 2000 到 2100 之间。");
        var source = notice?.Trim();
        if (string.IsNullOrEmpty(source)) throw new InvalidInputException("notice", "required", "请填写所依据的通知名称及文号（notice）。");
        if (source.Length > 200) throw new InvalidInputException("notice", "max-length", "通知名称不能超过200字。");
        var days = new List<CalendarDay>();
        foreach (var (h, i) in (holidays ?? []).Select((h, i) => (h, i)))
        {
            var field = $"holidays[{i}]";
            var name = Name(h.Name, $"{field}.name");
            if (h.From is not { } from || h.To is not { } to || to < from)
                throw new InvalidInputException(field, "date-range", $"第{i + 1}个节假日的起止日期无效。");
            if (from.Year != year || to.Year != year && !(to.Year == year + 1 && to.DayNumber - from.DayNumber < 15))
                throw new InvalidInputException(field, "year", $"第{i + 1}个节假日不在 {year} 年。");
            for (var d = from; d <= to; d = d.AddDays(1))
                days.Add(new CalendarDay { Region = NationalHolidays.NationalRegion, Date = d, Kind = CalendarDayKind.Holiday, Name = name, Year = year });
        }
        foreach (var (w, i) in (workdays ?? []).Select((w, i) => (w, i)))
        {
            var field = $"workdays[{i}]";
            var name = Name(w.Name, $"{field}.name");
            if (w.Date is not { } date) throw new InvalidInputException($"{field}.date", "required", $"第{i + 1}个调休上班日缺少日期。");
            if (date.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday))
                throw new InvalidInputException($"{field}.date", "weekend", $"{date:yyyy-MM-dd} 本就是工作日，调休上班日应为周六或周日。");
            days.Add(new CalendarDay { Region = NationalHolidays.NationalRegion, Date = date, Kind = CalendarDayKind.MakeUpWorkday, Name = name, Year = year });
        }
        var twice = days.GroupBy(d => d.Date).FirstOrDefault(g => g.Count() > 1);
        if (twice is not null) throw new InvalidInputException("holidays", "duplicate-date", $"{twice.Key:yyyy-MM-dd} 出现了两次。");
        var beyondYear = days.Where(d => d.Date.Year != year).Select(d => d.Date).ToList();
        if (await db.Set<CalendarDay>().AnyAsync(d => d.Region == NationalHolidays.NationalRegion && d.Year != year && beyondYear.Contains(d.Date), ct))
            throw new InvalidInputException("holidays", "overlap", "跨年的日期已登记在另一年度中。");

        var now = clock.Now();
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await db.Set<CalendarDay>().Where(d => d.Region == NationalHolidays.NationalRegion && d.Year == year).ExecuteDeleteAsync(ct);
        var existing = await db.Set<CalendarYear>().FirstOrDefaultAsync(y => y.Region == NationalHolidays.NationalRegion && y.Year == year, ct);
        if (existing is null) db.Add(new CalendarYear { Region = NationalHolidays.NationalRegion, Year = year, Notice = source, UpdatedAt = now });
        else { existing.Notice = source; existing.UpdatedAt = now; }
        db.AddRange(days);
        db.Audit(actor, existing is null ? "calendar.year-added" : "calendar.year-amended", "calendar-year", year.ToString(), source, now);
        await InTransactionAsync(ct);
        await tx.CommitAsync(ct);
        await AfterChangeAsync(actor, $"{year}年节假日安排（{source}）", ct);
    }

    public async Task AddClosureAsync(Actor actor, DateOnly? date, string? name, CancellationToken ct)
    {
        EnsureAdmin(actor);
        if (date is not { } day) throw new InvalidInputException("date", "required", "请填写停止办公的日期（date）。");
        var label = Name(name, "name");
        if (!workingDays.IsWorkingDay(day)) throw new InvalidInputException("date", "not-a-working-day", $"{day:yyyy-MM-dd} 本就不是工作日。");
        var now = clock.Now();
        db.Add(new CalendarDay { Region = workingDays.Region, Date = day, Kind = CalendarDayKind.LocalClosure, Name = label, Year = day.Year });
        db.Audit(actor, "calendar.closure-added", "calendar-day", day.ToString("yyyy-MM-dd"), label, now);
        var year = await db.Set<CalendarYear>().FirstOrDefaultAsync(y => y.Region == NationalHolidays.NationalRegion && y.Year == day.Year, ct);
        if (year is not null) year.UpdatedAt = now; // other instances notice the change through this stamp
        await InTransactionAsync(ct);
        await AfterChangeAsync(actor, $"{day:yyyy-MM-dd} 本地停止办公（{label}）", ct);
    }

    private async Task InTransactionAsync(CancellationToken ct)
    {
        try { await db.CommitAsync(ct); }
        catch (DbUpdateException)
        {
            throw new ConflictException("calendar-conflict", "该日期已有登记，请刷新后重试。");
        }
    }

    private async Task AfterChangeAsync(Actor actor, string reason, CancellationToken ct)
    {
        await workingDays.ReloadAsync(db, ct);
        foreach (var l in listeners) await l.OnCalendarChangedAsync(actor, reason, ct);
    }

    private static string Name(string? name, string field)
    {
        var n = name?.Trim();
        if (string.IsNullOrEmpty(n)) throw new InvalidInputException(field, "required", "请填写名称。");
        if (n.Length > 64) throw new InvalidInputException(field, "max-length", "名称不能超过64字。");
        return n;
    }

    private static void EnsureAdmin(Actor actor)
    {
        if (!actor.Has(Roles.Admin)) throw new ForbiddenException("role", "只有系统管理员可以维护工作日历。");
    }

    /// <summary>The years entered, newest first.</summary>
    public async Task<List<CalendarYear>> YearsAsync(CancellationToken ct) =>
        await db.Set<CalendarYear>().AsNoTracking().OrderByDescending(y => y.Year).ToListAsync(ct);

    /// <summary>The latest local closures (at most <paramref name="take"/>), newest first.</summary>
    public async Task<List<CalendarDay>> ClosuresAsync(int take, CancellationToken ct) =>
        await db.Set<CalendarDay>().AsNoTracking().Where(d => d.Kind == CalendarDayKind.LocalClosure).OrderByDescending(d => d.Date).Take(take).ToListAsync(ct);

    /// <summary>The national holidays and make-up working days of one year, by date.</summary>
    public async Task<List<CalendarDay>> NationalDaysAsync(int year, CancellationToken ct) =>
        await db.Set<CalendarDay>().AsNoTracking().Where(d => d.Region == NationalHolidays.NationalRegion && d.Year == year).OrderBy(d => d.Date).ToListAsync(ct);
}
