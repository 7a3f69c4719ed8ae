using Microsoft.EntityFrameworkCore;
using OneSeal.Hall;
using OneSeal.Organisation;
using OneSeal.Platform.Audit;
using OneSeal.Platform.Database;
using OneSeal.Platform.Http;
using OneSeal.Platform.Security;
using OneSeal.Platform.Time;

namespace OneSeal.Queue.Appointments;

public sealed record ThemeCapacity(string Code, string Name, int PerSlot, bool IsDefault);

public sealed record AppointmentSetup(int HorizonDays, int DefaultCapacity, IReadOnlyList<ThemeCapacity> Themes, string Hours, int ReleaseDelayMinutes);

/// <summary>The system administrator sets the places per half hour of each theme and the booking horizon.</summary>
public sealed class AppointmentAdmin(OneSealDb db, AppointmentSlots slots, AppointmentOptions options, TimeProvider clock)
{
    public const int MaxCapacity = 200, MaxHorizon = 60;

    public async Task<AppointmentSetup> GetAsync(Actor actor, CancellationToken ct)
    {
        Ensure(actor);
        var set = await db.Set<AppointmentCapacity>().AsNoTracking().ToDictionaryAsync(c => c.ThemeCode, c => c.PerSlot, ct);
        var themes = (await slots.ThemesAsync(ct)).Select(t => new ThemeCapacity(t.Code, t.Name,
            set.TryGetValue(t.Code, out var n) ? n : options.DefaultCapacity, !set.ContainsKey(t.Code))).ToList();
        var hours = string.Join("，", options.Hours.Select(h => $"{AppointmentSlots.Clock(h.From)}–{AppointmentSlots.Clock(h.To)}"));
        return new AppointmentSetup(await slots.HorizonAsync(ct), options.DefaultCapacity, themes, hours, options.ReleaseDelayMinutes);
    }

    /// <summary>Saves the horizon and every theme's capacity (text as typed, so a bad one is named, not dropped).</summary>
    public async Task SaveAsync(Actor actor, string? horizon, IReadOnlyDictionary<string, string?> capacities, CancellationToken ct)
    {
        Ensure(actor);
        var errors = new FieldErrors();
        var themes = await slots.ThemesAsync(ct);
        if (!int.TryParse(horizon?.Trim(), out var h) || h < 1 || h > MaxHorizon)
            errors.Add("horizon", "horizon-range", $"可预约范围应为 1 到 {MaxHorizon} 个工作日。");
        var values = new Dictionary<string, int>();
        foreach (var t in themes)
        {
            if (!capacities.TryGetValue(t.Code, out var text)) continue;
            if (int.TryParse(text?.Trim(), out var n) && n >= 0 && n <= MaxCapacity) values[t.Code] = n;
            else errors.Add("capacity-" + t.Code, "capacity-range", $"{t.Name}每半小时名额应为 0 到 {MaxCapacity} 的整数。");
        }
        errors.ThrowIfAny();
        await db.InTransactionAsync(async () =>
        {
            var now = clock.Now();
            var settings = await db.Set<AppointmentSettings>().FirstOrDefaultAsync(s => s.Id == 1, ct);
            if (settings is null) db.Add(settings = new AppointmentSettings { Id = 1 });
            settings.HorizonDays = h;
            settings.UpdatedAt = now;
            var rows = await db.Set<AppointmentCapacity>().ToDictionaryAsync(c => c.ThemeCode, ct);
            foreach (var (code, n) in values)
            {
                if (!rows.TryGetValue(code, out var row)) db.Add(row = new AppointmentCapacity { ThemeCode = code });
                row.PerSlot = n;
                row.UpdatedAt = now;
            }
            db.Audit(actor, "appointment.setup", "appointment-setup", "1",
                $"可预约 {h} 个工作日；" + string.Join("，", themes.Where(t => values.ContainsKey(t.Code)).Select(t => $"{t.Name} {values[t.Code]}")), now);
            await db.CommitAsync(ct);
        }, ct);
    }

    private static void Ensure(Actor actor)
    {
        if (!actor.Has(Roles.Admin)) throw new ForbiddenException("role", "仅系统管理员可设置预约名额。");
    }
}
