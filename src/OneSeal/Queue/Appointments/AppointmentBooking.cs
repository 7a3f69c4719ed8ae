using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using OneSeal.Organisation;
using OneSeal.Organisation.Applicants;
using OneSeal.Organisation.Identifiers;
using OneSeal.Platform.Audit;
using OneSeal.Platform.Database;
using OneSeal.Platform.Http;
using OneSeal.Platform.Security;
using OneSeal.Platform.Time;

namespace OneSeal.Queue.Appointments;

/// <summary>
/// Booking and cancelling (issue 12 §4). A booking is real-name (GB 11643 ID number, mobile phone), one active booking
/// per person per theme, refused while the person's no-shows block them, and counted against the slot's capacity under
/// the slot's lock (<see cref="AppointmentSlotLock"/>), so the last place goes to one of two simultaneous bookings.
/// </summary>
public sealed class AppointmentBooking(OneSealDb db, AppointmentSlots slots, AppointmentOptions options, PersonalData personalData,
    LookupHash lookup, Calendar.WorkingDayClock calendar, TimeProvider clock)
{
    public const int CodeLength = 6;

    public async Task<AppointmentView> BookAsync(Actor? actor, BookingInput? input, CancellationToken ct)
    {
        if (input is null) throw new InvalidInputException("body", "required", "请求体不能为空。");
        var errors = new FieldErrors();
        var theme = await slots.ThemeAsync(input.Theme, errors, ct);
        var day = AppointmentSlots.ParseDate(input.Date, errors);
        var minute = ParseTime(input.Time, errors);
        var name = errors.Text(input.Name, "name", "姓名", AppointmentConfiguration.MaxName, required: true);
        if (!errors.Has("name") && name.Any(char.IsControl)) errors.Add("name", "name-characters", "姓名不能含控制字符。");
        var now = clock.Now();
        var today = LegalDates.ToLegalDate(now);
        var idNumber = IdNumber(input.IdNumber, today, errors);
        if (MobilePhone.Problem(input.Phone, out var phone) is { } phoneError) errors.Add("phone", "phone-format", phoneError);
        if (!errors.Has("date"))
        {
            if (!calendar.IsWorkingDay(day)) errors.Add("date", "not-working-day", "该日为休息日或法定节假日，不能预约。");
            else if (day < today) errors.Add("date", "date-past", "不能预约已过去的日期。");
            else if (day > await slots.LastDayAsync(today, ct)) errors.Add("date", "beyond-horizon", $"只能预约 {await slots.HorizonAsync(ct)} 个工作日内的时段。");
        }
        if (!errors.Has("date") && !errors.Has("time") && AppointmentSlots.StartOf(day, minute) <= now)
            errors.Add("time", "slot-past", "该时段已开始或已过，请选择其他时段。");
        errors.ThrowIfAny();

        var hall = await slots.HallAsync(theme!.Code, ct);
        var idHash = lookup.Of("identity", idNumber!);
        var phoneHash = lookup.Of("phone", phone!);
        var capacity = await slots.CapacityAsync(theme.Code, ct);
        try
        {
            return await db.InTransactionAsync(async () =>
            {
                await LockSlotAsync(theme.Code, day, minute, ct);
                if (await NoShowBlockUntilAsync(idHash, now, ct) is { } until)
                    throw new ConflictException("no-show-block",
                        $"您在 {options.NoShowWindowDays} 天内爽约已达 {options.NoShowLimit} 次，{AppointmentLabels.At(until)} 前不能预约。");
                if (await db.Set<Appointment>().AsNoTracking().FirstOrDefaultAsync(a => a.ThemeCode == theme.Code && a.IdNumberHash == idHash
                        && a.Status == AppointmentStatus.Booked, ct) is { } held)
                    throw new ConflictException("one-per-theme",
                        $"您已预约{theme.Name} {AppointmentLabels.When(held.Day, held.StartMinute)}，每人每个主题只能有一个有效预约；如需改约，请先取消原预约。");
                var since = now.AddDays(-1);
                if (await db.Set<Appointment>().CountAsync(a => a.PhoneHash == phoneHash && a.BookedAt > since, ct) >= options.BookingsPerPhonePerDay)
                    throw new TooManyBookingsException($"同一手机号码 24 小时内最多预约 {options.BookingsPerPhonePerDay} 次，请明天再试。");
                if ((await slots.TakenAsync(theme.Code, day, now, ct, minute)).GetValueOrDefault(minute) >= capacity)
                    throw new ConflictException("slot-full", $"{AppointmentLabels.When(day, minute)} 已约满，请选择其他时段。");

                var code = await NewCodeAsync(day, ct);
                var a = new Appointment
                {
                    Id = Guid.NewGuid(), ThemeCode = theme.Code, HallId = hall.Id, Day = day, StartMinute = minute,
                    StartsAt = AppointmentSlots.StartOf(day, minute), Status = AppointmentStatus.Booked, Name = name,
                    IdNumberProtected = personalData.Protect(idNumber!), IdNumberMasked = Masking.MaskIdentity(idNumber!), IdNumberHash = idHash,
                    PhoneProtected = personalData.Protect(phone!), PhoneMasked = Masking.MaskPhone(phone!), PhoneHash = phoneHash,
                    CodeHash = CodeHash(code), AccountId = actor?.Kind == AccountKind.Staff ? null : actor?.Id, BookedAt = now,
                };
                db.Add(a);
                db.Audit(actor, "appointment.book", "appointment", a.Id.ToString(),
                    $"{theme.Name} {AppointmentLabels.When(day, minute)}，{Masking.MaskName(name)}，证件 {a.IdNumberMasked}", now);
                await db.CommitAsync(ct);
                return View(a, theme.Name, hall, code, now);
            }, ct);
        }
        catch (DbUpdateException e) when (e.InnerException?.Message is { } m && m.Contains("id_number_hash"))
        {
            // Two bookings of one person for two slots of the theme at once: the partial unique index let one in.
            throw new ConflictException("one-per-theme", "您已有该主题的有效预约，每人每个主题只能有一个有效预约。");
        }
    }

    /// <summary>
    /// Cancels a booked appointment: the signed-in applicant who holds it, hall staff (clerk, window chief), or anyone
    /// proving it with the ID number and booking code. The place returns to the pool after the release delay.
    /// </summary>
    public async Task<AppointmentView> CancelAsync(Actor? actor, Guid id, CancelInput? proof, CancellationToken ct)
    {
        var now = clock.Now();
        return await db.InTransactionAsync(async () =>
        {
            var a = await db.Set<Appointment>().FirstOrDefaultAsync(x => x.Id == id, ct);
            if (a is null || !await MayActOnAsync(actor, a, proof, now, ct))
                throw new NotFoundException("预约不存在，或身份证号码与预约码不符。");
            if (a.Status != AppointmentStatus.Booked)
                throw new ConflictException("appointment-not-active", $"该预约{AppointmentLabels.Of(a.Status)}，不能取消。");
            a.Status = AppointmentStatus.Cancelled;
            a.CancelledAt = now;
            a.ReleasesAt = now.AddMinutes(options.ReleaseDelayMinutes);
            var by = actor is { Kind: AccountKind.Staff } ? "工作人员取消" : "本人取消";
            db.Audit(actor, "appointment.cancel", "appointment", a.Id.ToString(), $"{by}，名额于 {AppointmentLabels.At(a.ReleasesAt.Value)} 释放", now);
            await db.CommitAsync(ct);
            return (await ViewsAsync(db.Set<Appointment>().Where(x => x.Id == a.Id), now, ct)).Single();
        }, ct);
    }

    /// <summary>The public lookup: the appointment an ID number and booking code name (404 when they do not match).</summary>
    public async Task<AppointmentView> LookUpAsync(CancelInput? proof, CancellationToken ct)
    {
        var errors = new FieldErrors();
        var today = LegalDates.Today(clock);
        var idNumber = IdNumber(proof?.IdNumber, today, errors);
        var code = errors.Text(proof?.BookingCode, "bookingCode", "预约码", 16, required: true);
        errors.ThrowIfAny();
        var idHash = lookup.Of("identity", idNumber!);
        var codeHash = CodeHash(code);
        var found = await ViewsAsync(db.Set<Appointment>().Where(a => a.IdNumberHash == idHash && a.CodeHash == codeHash), clock.Now(), ct);
        return found.OrderByDescending(v => v.StartsAt).FirstOrDefault() ?? throw new NotFoundException("没有找到预约，请核对身份证号码与预约码。");
    }

    /// <summary>"我的预约": those the applicant made signed in, and those made with their verified identity number.</summary>
    public async Task<IReadOnlyList<AppointmentView>> MineAsync(Actor actor, CancellationToken ct)
    {
        var idHash = await db.Set<Account>().AsNoTracking().Where(x => x.Id == actor.Id).Select(x => x.IdentityCodeHash).FirstOrDefaultAsync(ct);
        var q = db.Set<Appointment>().Where(a => a.AccountId == actor.Id || (idHash != null && a.IdNumberHash == idHash));
        return (await ViewsAsync(q.OrderByDescending(a => a.StartsAt).Take(50), clock.Now(), ct)).OrderByDescending(v => v.StartsAt).ToList();
    }

    public async Task<(string? Name, string? IdNumber, string? Phone)> PrefillAsync(Actor actor, CancellationToken ct)
    {
        var a = await db.Set<Account>().AsNoTracking().FirstOrDefaultAsync(x => x.Id == actor.Id && x.Kind == AccountKind.Citizen, ct);
        if (a is null) return (null, null, null);
        return (a.DisplayName, a.IdentityCodeProtected is null ? null : personalData.Unprotect(a.IdentityCodeProtected),
            a.PhoneProtected is null ? null : personalData.Unprotect(a.PhoneProtected));
    }

    public async Task<IReadOnlyList<AppointmentView>> ViewsAsync(IQueryable<Appointment> query, DateTimeOffset now, CancellationToken ct)
    {
        var rows = await query.AsNoTracking().ToListAsync(ct);
        var themes = (await slots.ThemesAsync(ct)).ToDictionary(t => t.Code, t => t.Name);
        var hallIds = rows.Select(r => r.HallId).Distinct().ToList();
        var halls = await db.Set<Agency>().AsNoTracking().Where(h => hallIds.Contains(h.Id)).ToDictionaryAsync(h => h.Id, ct);
        return rows.Select(r =>
        {
            var h = halls[r.HallId];
            return View(r, themes.GetValueOrDefault(r.ThemeCode) ?? r.ThemeCode, new HallPlace(h.Id, h.Name, h.Address), null, now);
        }).ToList();
    }

    private static AppointmentView View(Appointment a, string themeName, HallPlace hall, string? code, DateTimeOffset now) =>
        new(a.Id, code, a.ThemeCode, themeName, a.Day, AppointmentSlots.Clock(a.StartMinute), AppointmentSlots.Clock(a.StartMinute + AppointmentOptions.SlotMinutes),
            AppointmentLabels.Api(a.Status), AppointmentLabels.Of(a.Status), Masking.MaskName(a.Name), a.IdNumberMasked, a.PhoneMasked, hall.Name, hall.Address,
            a.StartsAt, a.Status == AppointmentStatus.Booked && a.StartsAt > now);

    private async Task<bool> MayActOnAsync(Actor? actor, Appointment a, CancelInput? proof, DateTimeOffset now, CancellationToken ct)
    {
        if (actor is { Kind: AccountKind.Staff } && (actor.Has(Roles.Clerk) || actor.Has(Roles.WindowChief))) return true;
        if (actor is not null && actor.Kind != AccountKind.Staff)
        {
            if (a.AccountId == actor.Id) return true;
            var own = await db.Set<Account>().AsNoTracking().Where(x => x.Id == actor.Id).Select(x => x.IdentityCodeHash).FirstOrDefaultAsync(ct);
            if (own is not null && own == a.IdNumberHash) return true;
        }
        if (proof is null || string.IsNullOrWhiteSpace(proof.IdNumber) || string.IsNullOrWhiteSpace(proof.BookingCode)) return false;
        var errors = new FieldErrors();
        var idNumber = IdNumber(proof.IdNumber, LegalDates.ToLegalDate(now), errors);
        var code = proof.BookingCode.Trim();
        return idNumber is not null && code.Length <= 16 && lookup.Of("identity", idNumber) == a.IdNumberHash && CodeHash(code) == a.CodeHash;
    }

    /// <summary>
    /// The end of the booking block when the person reached the no-show limit within the window (N no-shows in D days)
    /// less than the block's length ago; null when they may book.
    /// </summary>
    public async Task<DateTimeOffset?> NoShowBlockUntilAsync(string idHash, DateTimeOffset now, CancellationToken ct)
    {
        var from = now.AddDays(-(options.NoShowBlockDays + options.NoShowWindowDays));
        var noShows = (await db.Set<Appointment>().AsNoTracking()
            .Where(a => a.IdNumberHash == idHash && a.Status == AppointmentStatus.NoShow && a.StartsAt > from)
            .Select(a => a.StartsAt).ToListAsync(ct)).Order().ToList();
        DateTimeOffset? until = null;
        for (var i = options.NoShowLimit - 1; i < noShows.Count; i++)
            if (noShows[i] - noShows[i - options.NoShowLimit + 1] <= TimeSpan.FromDays(options.NoShowWindowDays))
                until = noShows[i].AddDays(options.NoShowBlockDays);
        return until > now ? until : null;
    }

    /// <summary>Takes the slot's lock row for the rest of the transaction (an upsert: PostgreSQL row lock; SQLite write lock).</summary>
    private Task LockSlotAsync(string theme, DateOnly day, int minute, CancellationToken ct)
    {
        object dayValue = db.IsPostgres ? day : day.ToString("yyyy-MM-dd");
        return db.Database.ExecuteSqlAsync($"""
            INSERT INTO appointment_slot_locks (theme_code, day, start_minute, bookings) VALUES ({theme}, {dayValue}, {minute}, 1)
            ON CONFLICT (theme_code, day, start_minute) DO UPDATE SET bookings = appointment_slot_locks.bookings + 1
            """, ct);
    }

    private async Task<string> NewCodeAsync(DateOnly day, CancellationToken ct)
    {
        for (var attempt = 0; ; attempt++)
        {
            var code = RandomNumberGenerator.GetInt32(0, 1_000_000).ToString("D" + CodeLength);
            var hash = CodeHash(code);
            if (attempt >= 8 || !await db.Set<Appointment>().AnyAsync(a => a.Day == day && a.CodeHash == hash, ct)) return code;
        }
    }

    public string CodeHash(string code) => lookup.Of("appointment-code", code.Trim());

    public static string? IdNumber(string? input, DateOnly today, FieldErrors errors)
    {
        if (string.IsNullOrWhiteSpace(input)) { errors.Add("idNumber", "required", "请填写身份证号码。"); return null; }
        if (input.Length > 32) { errors.Add("idNumber", "id-number", "身份证号码应为 18 位。"); return null; }
        if (CitizenIdNumber.TryParse(input, today, out var id, out var error)) return id.Value;
        errors.Add("idNumber", "id-number", error ?? "身份证号码有误。");
        return null;
    }

    private int ParseTime(string? text, FieldErrors errors)
    {
        if (string.IsNullOrWhiteSpace(text)) { errors.Add("time", "required", "请选择预约时段。"); return 0; }
        if (text.Length <= 8 && TimeOnly.TryParseExact(text.Trim(), "HH:mm", out var t) && options.SlotStarts().Contains(t.Hour * 60 + t.Minute))
            return t.Hour * 60 + t.Minute;
        errors.Add("time", "slot-time", "预约时段应为大厅开放时间内的半点或整点，例如 09:30。");
        return 0;
    }
}

/// <summary>429: one phone number booking too often (places hoarded by booking and cancelling).</summary>
public sealed class TooManyBookingsException(string message) : DomainException(message)
{
    public override int StatusCode => 429;
    public override string Rule => "too-many-bookings";
}
