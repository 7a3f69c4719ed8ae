using Microsoft.EntityFrameworkCore;
using OneSeal.Calendar;
using OneSeal.Hall;
using OneSeal.Hall.Seats;
using OneSeal.Organisation;
using OneSeal.Organisation.Identifiers;
using OneSeal.Platform.Audit;
using OneSeal.Platform.Database;
using OneSeal.Platform.Http;
using OneSeal.Platform.Security;
using OneSeal.Platform.Time;

namespace OneSeal.Queue.Tickets;

/// <summary>A ticket request: the theme (by code), optional ID number, an appointment to check in, or the 绿色通道.</summary>
public sealed record TicketInput(string? Theme, string? IdNumber, Guid? AppointmentId, bool? Priority, string? Channel = null);

/// <summary>A ticket as its holder sees it: where it stands, people ahead and the estimated wait (minutes).</summary>
public sealed record TicketView(Guid Id, string Number, string ThemeCode, string ThemeName, string Kind, string State, string StateLabel,
    DateTimeOffset TakenAt, int PeopleAhead, int EstimatedWaitMinutes, string? WindowNumber, string? WindowName, DateTimeOffset? CalledAt,
    int Recalls, string HallName);

/// <summary>A theme the kiosk offers: served today by at least one open window of the hall.</summary>
public sealed record TicketTheme(string Code, string Name, string Prefix, int Waiting);

/// <summary>
/// Taking a number (取号) at the kiosk, on a phone, or by checking in an appointment; and a ticket's standing. The hall
/// takes tickets on working days within <see cref="QueueOptions.OpeningHours"/>. Numbers come from gapless counters
/// per hall, day and prefix (<see cref="Sequences.NextAsync"/>, in the ticket's transaction), so concurrent takers never share one.
/// </summary>
public sealed class TicketDesk(OneSealDb db, QueueOptions options, WorkingDayClock calendar, LookupHash lookup, QueueAnnouncer announcer,
    WindowSeats seats, IServiceProvider services, TimeProvider clock)
{
    public const string AppointmentPrefix = "Y";
    public const string PriorityPrefix = "L";
    public const int MaxIdNumberLength = 64;

    public async Task<TicketView> TakeAsync(Actor? actor, TicketInput? input, CancellationToken ct)
    {
        if (input is null) throw new InvalidInputException("body", "required", "请求体不能为空。");
        var now = clock.Now();
        var today = LegalDates.ToLegalDate(now);
        var themeCode = input.Theme?.Trim();
        if (input.AppointmentId is null && string.IsNullOrEmpty(themeCode)) throw new InvalidInputException("theme", "required", "请选择办理业务（theme）。");
        if (themeCode is { Length: > 32 } || (themeCode is not null && !TextRules.IsClean(themeCode)))
            throw new InvalidInputException("theme", "theme", "业务类型（theme）不存在。");
        string? idHash = null, idMasked = null;
        if (!string.IsNullOrWhiteSpace(input.IdNumber))
        {
            var raw = input.IdNumber.Length > MaxIdNumberLength ? input.IdNumber[..MaxIdNumberLength] : input.IdNumber;
            if (!CitizenIdNumber.TryParse(raw, today, out var id, out var error))
                throw new InvalidInputException("idNumber", "id-number", "身份证号码：" + error);
            idHash = lookup.Of("identity", id.Value);
            idMasked = id.Masked;
        }
        var channel = input.Channel is "kiosk" or "phone" ? input.Channel : "kiosk";
        if (!options.IsOpen(calendar, now))
        {
            var next = options.NextOpening(calendar, now);
            throw new ConflictException("hall-closed", next is { } at
                ? $"大厅现在不取号（办公时间：工作日 {options.HoursText}），下次开放取号：{at:M月d日 HH:mm}。"
                : $"大厅现在不取号（办公时间：工作日 {options.HoursText}）。");
        }

        var ticket = await db.InTransactionAsync(async () =>
        {
            var kind = input.Priority == true ? TicketKind.Priority : TicketKind.Normal;
            Guid hallId;
            if (input.AppointmentId is { } appointmentId)
            {
                var checkIn = services.GetService<IAppointmentCheckIn>()
                    ?? throw new ConflictException("appointments-unavailable", "本大厅暂未开通预约取号，请直接选择业务取号。");
                var appointment = await checkIn.CheckInAsync(appointmentId, now, ct);
                (themeCode, hallId, kind) = (appointment.ThemeCode, appointment.HallId, TicketKind.Appointment);
                idHash ??= appointment.IdNumberHash;
            }
            else hallId = await DefaultHallAsync(ct) ?? throw new ConflictException("no-hall", "尚未设置政务服务大厅。");
            var theme = await db.Set<HallTheme>().AsNoTracking().FirstOrDefaultAsync(t => t.Code == themeCode, ct);
            if (theme?.TicketPrefix is not { Length: 1 }) throw new InvalidInputException("theme", "theme", $"业务类型（theme）“{themeCode}”不存在或不取号。");
            if (!await ServedAsync(hallId, theme.Code, ct))
                throw new ConflictException("theme-not-served", $"今天没有窗口办理“{theme.Name}”业务，请咨询导办台。");
            if (idHash is not null && await db.Set<Ticket>().AnyAsync(t => t.HallId == hallId && t.Day == today && t.ThemeCode == theme.Code
                    && t.IdNumberHash == idHash && (t.State == TicketState.Waiting || t.State == TicketState.Called || t.State == TicketState.Serving), ct))
                throw new ConflictException("ticket-held", $"该身份证号码已有“{theme.Name}”的有效排队号，请勿重复取号。");

            var prefix = kind switch { TicketKind.Appointment => AppointmentPrefix, TicketKind.Priority => PriorityPrefix, _ => theme.TicketPrefix };
            // The counter last: its row stays locked only for this small transaction's end.
            var n = await db.NextAsync($"queue:{hallId:N}:{today:yyyyMMdd}:{prefix}", ct);
            var t = new Ticket
            {
                Id = Guid.NewGuid(), HallId = hallId, Day = today, ThemeCode = theme.Code, Kind = kind, TakenAt = now, State = TicketState.Waiting,
                Channel = kind == TicketKind.Appointment ? "appointment" : channel, Number = $"{prefix}{n:000}",
                IdNumberHash = idHash, IdNumberMasked = idMasked, AppointmentId = input.AppointmentId,
            };
            db.Add(t);
            db.Audit(actor, "queue.ticket.take", "queue-ticket", t.Id.ToString(),
                $"取号 {t.Number}（{theme.Name}{(kind == TicketKind.Priority ? "，绿色通道" : kind == TicketKind.Appointment ? "，预约签到" : "")}）", now);
            await db.CommitAsync(ct);
            return t;
        }, ct);
        await announcer.ChangedAsync(ticket.HallId);
        return await ViewAsync(ticket.Id, ct);
    }

    /// <summary>The ticket's standing; 404 for an unknown id (the id is the holder's only key to it).</summary>
    public async Task<TicketView> ViewAsync(Guid id, CancellationToken ct)
    {
        var t = await db.Set<Ticket>().AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, ct) ?? throw new NotFoundException("排队号不存在。");
        var theme = await db.Set<HallTheme>().AsNoTracking().FirstAsync(x => x.Code == t.ThemeCode, ct);
        var hall = await db.Set<Agency>().AsNoTracking().Where(a => a.Id == t.HallId).Select(a => a.Name).FirstAsync(ct);
        var window = t.WindowId is { } w && t.State is TicketState.Called or TicketState.Serving
            ? await db.Set<Window>().AsNoTracking().Where(x => x.Id == w).Select(x => new { x.Number, x.Name }).FirstAsync(ct) : null;
        int ahead = 0, wait = 0;
        if (t.State == TicketState.Waiting)
        {
            ahead = await AheadAsync(t, ct);
            wait = await EstimateMinutesAsync(t, ahead, ct);
        }
        return new TicketView(t.Id, t.Number, t.ThemeCode, theme.Name, t.Kind.ToString(), t.State.ToString(), TicketLabels.Of(t.State),
            t.TakenAt, ahead, wait, window?.Number, window?.Name, t.LastCalledAt, t.Recalls, hall);
    }

    /// <summary>
    /// People called before this ticket: in its queue (its theme, or the window it was transferred to), appointments and
    /// the 绿色通道 first, then by the time taken. Counted in the database: a busy morning's queue is thousands long and a
    /// phone asks for its ticket every few seconds.
    /// </summary>
    private async Task<int> AheadAsync(Ticket t, CancellationToken ct)
    {
        var q = db.Set<Ticket>().AsNoTracking().Where(x => x.HallId == t.HallId && x.Day == t.Day && x.State == TicketState.Waiting && x.Id != t.Id);
        q = t.TransferWindowId is { } to ? q.Where(x => x.TransferWindowId == to) : q.Where(x => x.TransferWindowId == null && x.ThemeCode == t.ThemeCode);
        var (takenAt, number) = (t.TakenAt, t.Number);
        q = t.First
            ? q.Where(x => x.Kind != TicketKind.Normal && (x.TakenAt < takenAt || (x.TakenAt == takenAt && string.Compare(x.Number, number) < 0)))
            : q.Where(x => x.Kind != TicketKind.Normal || x.TakenAt < takenAt || (x.TakenAt == takenAt && string.Compare(x.Number, number) < 0));
        return await q.CountAsync(ct);
    }

    /// <summary>The themes the default hall's open windows take, with people waiting, for the kiosk and the phone page.</summary>
    public async Task<IReadOnlyList<TicketTheme>> ThemesAsync(CancellationToken ct)
    {
        if (await DefaultHallAsync(ct) is not { } hallId) return [];
        var today = LegalDates.Today(clock);
        var served = await db.Set<Window>().AsNoTracking().Where(w => w.HallId == hallId && w.ClosedAt == null)
            .SelectMany(w => w.Themes.Select(t => t.ThemeCode)).Distinct().ToListAsync(ct);
        var waiting = await db.Set<Ticket>().AsNoTracking()
            .Where(t => t.HallId == hallId && t.Day == today && t.State == TicketState.Waiting && t.TransferWindowId == null)
            .GroupBy(t => t.ThemeCode).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, ct);
        return (await db.Set<HallTheme>().AsNoTracking().Where(t => served.Contains(t.Code) && t.TicketPrefix != null)
                .OrderBy(t => t.SortOrder).ThenBy(t => t.Code).ToListAsync(ct))
            .Select(t => new TicketTheme(t.Code, t.Name, t.TicketPrefix!, waiting.GetValueOrDefault(t.Code))).ToList();
    }

    public bool IsOpen => options.IsOpen(calendar, clock.Now());

    public string OpeningText => $"工作日 {options.HoursText}";

    /// <summary>The hall of the queue when none is named: the first open hall (by code).</summary>
    public Task<Guid?> DefaultHallAsync(CancellationToken ct) => DefaultHallOf(db, ct);

    internal static Task<Guid?> DefaultHallOf(OneSealDb db, CancellationToken ct) =>
        db.Set<Agency>().AsNoTracking().Where(a => a.Kind == OrganisationKind.Hall && a.ClosedAt == null)
            .OrderBy(a => a.Code).Select(a => (Guid?)a.Id).FirstOrDefaultAsync(ct);

    private Task<bool> ServedAsync(Guid hallId, string theme, CancellationToken ct) =>
        db.Set<Window>().AnyAsync(w => w.HallId == hallId && w.ClosedAt == null && w.Themes.Any(t => t.ThemeCode == theme), ct);

    /// <summary>
    /// People ahead × today's mean service time of the theme (call or start to finish; the configured default before
    /// the first finished ticket), shared among the theme's windows staffed and not paused now.
    /// </summary>
    private async Task<int> EstimateMinutesAsync(Ticket t, int ahead, CancellationToken ct)
    {
        if (ahead == 0) return 0;
        var served = await db.Set<Ticket>().AsNoTracking()
            .Where(x => x.HallId == t.HallId && x.Day == t.Day && x.ThemeCode == t.ThemeCode && x.State == TicketState.Finished)
            .OrderByDescending(x => x.FinishedAt).Take(200).Select(x => new { x.CalledAt, x.ServingAt, x.FinishedAt }).ToListAsync(ct);
        var minutes = served.Count == 0 ? options.DefaultServiceMinutes
            : served.Average(x => (x.FinishedAt!.Value - (x.ServingAt ?? x.CalledAt ?? x.FinishedAt.Value)).TotalMinutes);
        var windows = await db.Set<Window>().AsNoTracking()
            .Where(w => w.HallId == t.HallId && w.ClosedAt == null && w.Themes.Any(x => x.ThemeCode == t.ThemeCode)).Select(w => w.Id).ToListAsync(ct);
        var seated = (await seats.OccupantsAsync(windows, ct)).Where(o => o.Value.Count > 0).Select(o => o.Key).ToList();
        var paused = await db.Set<Calling.QueueWindow>().AsNoTracking().Where(q => seated.Contains(q.WindowId) && q.Paused).CountAsync(ct);
        var open = Math.Max(1, seated.Count - paused);
        return (int)Math.Ceiling(ahead * Math.Max(1, minutes) / open);
    }
}

public static class TicketLabels
{
    public static string Of(TicketState state) => state switch
    {
        TicketState.Waiting => "等候中",
        TicketState.Called => "已叫号",
        TicketState.Serving => "办理中",
        TicketState.Finished => "已办结",
        TicketState.NoShow => "已过号",
        TicketState.Expired => "已失效",
        _ => state.ToString(),
    };
}
