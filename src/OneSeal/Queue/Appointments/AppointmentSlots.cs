using System.Globalization;
using Microsoft.EntityFrameworkCore;
using OneSeal.Calendar;
using OneSeal.Hall;
using OneSeal.Organisation;
using OneSeal.Platform.Database;
using OneSeal.Platform.Http;
using OneSeal.Platform.Time;

namespace OneSeal.Queue.Appointments;

/// <summary>A half hour: places in all, places left; past, full, or open to booking.</summary>
public sealed record SlotView(string Time, string End, int Capacity, int Remaining, bool Past, bool Full, bool Bookable);

/// <summary>
/// A theme's day: whether the calendar makes it a working day, whether it lies within the booking horizon, the hall,
/// and its slots (none on a closed day). <c>note</c>: why nothing can be booked, in Chinese.
/// </summary>
public sealed record SlotsView(string Theme, string ThemeName, DateOnly Date, bool WorkingDay, bool WithinHorizon, string HallName,
    string? HallAddress, IReadOnlyList<SlotView> Slots, string? Note);

public sealed record ThemeOption(string Code, string Name);

/// <summary>The hall a theme is served in: name and address, for the confirmation.</summary>
public sealed record HallPlace(Guid Id, string Name, string? Address);

/// <summary>
/// Slots are computed, never stored: the calendar's working days (<see cref="WorkingDayClock"/>: none on holidays, yes
/// on make-up working days) × the opening hours' half hours × the theme's capacity, less the places taken — booked,
/// checked in, no-show, and cancelled ones until their release time.
/// </summary>
public sealed class AppointmentSlots(OneSealDb db, WindowQueries windows, WorkingDayClock calendar, AppointmentOptions options, TimeProvider clock)
{
    public async Task<IReadOnlyList<ThemeOption>> ThemesAsync(CancellationToken ct) =>
        (await windows.ThemesAsync(ct)).Select(t => new ThemeOption(t.Value, t.Label)).ToList();

    public async Task<SlotsView> DayAsync(string? theme, string? date, CancellationToken ct)
    {
        var errors = new FieldErrors();
        var t = await ThemeAsync(theme, errors, ct);
        var day = ParseDate(date, errors);
        errors.ThrowIfAny();
        var hall = await HallAsync(t!.Code, ct);
        var now = clock.Now();
        var today = LegalDates.ToLegalDate(now);
        var working = calendar.IsWorkingDay(day);
        var within = day >= today && day <= await LastDayAsync(today, ct);
        if (!working)
            return new SlotsView(t.Code, t.Name, day, false, within, hall.Name, hall.Address, [], "该日为休息日或法定节假日，大厅不对外办理预约。");
        var capacity = await CapacityAsync(t.Code, ct);
        var taken = await TakenAsync(t.Code, day, now, ct);
        var slots = options.SlotStarts().Select(m =>
        {
            var remaining = Math.Max(0, capacity - taken.GetValueOrDefault(m));
            var past = StartOf(day, m) <= now;
            return new SlotView(Clock(m), Clock(m + AppointmentOptions.SlotMinutes), capacity, remaining, past, remaining == 0, within && !past && remaining > 0);
        }).ToList();
        var note = !within ? (day < today ? "该日已过。" : "该日超出可预约范围。") : slots.All(s => !s.Bookable) ? "该日已无可预约时段。" : null;
        return new SlotsView(t.Code, t.Name, day, true, within, hall.Name, hall.Address, slots, note);
    }

    /// <summary>The bookable days: today (if a working day) and the next N working days (N: the horizon).</summary>
    public async Task<IReadOnlyList<DateOnly>> BookableDaysAsync(CancellationToken ct)
    {
        var today = LegalDates.Today(clock);
        var last = await LastDayAsync(today, ct);
        var days = new List<DateOnly>();
        for (var d = today; d <= last; d = d.AddDays(1))
            if (calendar.IsWorkingDay(d)) days.Add(d);
        return days;
    }

    public async Task<DateOnly> LastDayAsync(DateOnly today, CancellationToken ct) =>
        calendar.AddWorkingDays(today, await HorizonAsync(ct));

    public async Task<int> HorizonAsync(CancellationToken ct) =>
        await db.Set<AppointmentSettings>().AsNoTracking().Where(s => s.Id == 1).Select(s => (int?)s.HorizonDays).FirstOrDefaultAsync(ct) ?? options.HorizonDays;

    public async Task<int> CapacityAsync(string theme, CancellationToken ct) =>
        await db.Set<AppointmentCapacity>().AsNoTracking().Where(c => c.ThemeCode == theme).Select(c => (int?)c.PerSlot).FirstOrDefaultAsync(ct) ?? options.DefaultCapacity;

    /// <summary>Places taken per slot start of a theme's day at <paramref name="now"/>.</summary>
    public async Task<Dictionary<int, int>> TakenAsync(string theme, DateOnly day, DateTimeOffset now, CancellationToken ct, int? startMinute = null)
    {
        var q = db.Set<Appointment>().AsNoTracking().Where(a => a.ThemeCode == theme && a.Day == day)
            .Where(a => a.Status != AppointmentStatus.Cancelled || a.ReleasesAt > now);
        if (startMinute is { } m) q = q.Where(a => a.StartMinute == m);
        return await q.GroupBy(a => a.StartMinute).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.Count, ct);
    }

    /// <summary>The hall whose open windows take the theme; any open hall when none does yet.</summary>
    public async Task<HallPlace> HallAsync(string theme, CancellationToken ct)
    {
        // One query, not every window's view: the slots page asks on every day the applicant looks at.
        var byWindow = await db.Set<Window>().AsNoTracking().Where(w => w.ClosedAt == null && w.Themes.Any(t => t.ThemeCode == theme))
            .OrderBy(w => w.Number).Select(w => (Guid?)w.HallId).FirstOrDefaultAsync(ct);
        var hall = await db.Set<Agency>().AsNoTracking()
            .Where(a => a.Kind == OrganisationKind.Hall && a.ClosedAt == null && (byWindow == null || a.Id == byWindow))
            .OrderBy(a => a.Code).FirstOrDefaultAsync(ct);
        return hall is null
            ? throw new ConflictException("no-hall", "尚未设置政务服务大厅，暂不能预约。")
            : new HallPlace(hall.Id, hall.Name, hall.Address);
    }

    public async Task<ThemeOption?> ThemeAsync(string? code, FieldErrors errors, CancellationToken ct)
    {
        var c = errors.Text(code, "theme", "办事主题", 32, required: true);
        if (errors.Has("theme")) return null;
        var theme = (await ThemesAsync(ct)).FirstOrDefault(t => t.Code == c);
        if (theme is null) errors.Add("theme", "unknown-theme", "没有这个办事主题，请从列表中选择。");
        return theme;
    }

    public static DateOnly ParseDate(string? text, FieldErrors errors)
    {
        if (string.IsNullOrWhiteSpace(text)) errors.Add("date", "required", "请选择预约日期。");
        else if (DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)) return d;
        else errors.Add("date", "date-format", "预约日期格式应为 yyyy-MM-dd，例如 2026-03-02。");
        return default;
    }

    public static DateTimeOffset StartOf(DateOnly day, int minute) => LegalDates.StartOf(day).AddMinutes(minute);

    public static string Clock(int minute) => $"{minute / 60:00}:{minute % 60:00}";
}
