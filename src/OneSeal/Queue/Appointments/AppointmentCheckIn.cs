using Microsoft.EntityFrameworkCore;
using OneSeal.Organisation.Identifiers;
using OneSeal.Platform.Audit;
using OneSeal.Platform.Database;
using OneSeal.Platform.Http;
using OneSeal.Platform.Security;
using OneSeal.Platform.Time;
using OneSeal.Queue.Tickets;

namespace OneSeal.Queue.Appointments;

/// <summary>
/// Checks an appointment in when its holder takes a ticket with it (inside the ticket's transaction, which commits):
/// only on its day, from <c>CheckInBeforeMinutes</c> before to <c>CheckInAfterMinutes</c> after the slot's start, and
/// only once. The state change is one conditional UPDATE, so two kiosks checking the same appointment in at once give
/// one ticket.
/// </summary>
public sealed class AppointmentCheckIn(OneSealDb db, AppointmentBooking booking, AppointmentOptions options, LookupHash lookup, TimeProvider clock)
    : IAppointmentCheckIn
{
    public async Task<CheckedInAppointment> CheckInAsync(Guid appointmentId, DateTimeOffset now, CancellationToken ct)
    {
        var a = await db.Set<Appointment>().AsNoTracking().FirstOrDefaultAsync(x => x.Id == appointmentId, ct)
            ?? throw new NotFoundException("预约不存在。");
        switch (a.Status)
        {
            case AppointmentStatus.Cancelled: throw new ConflictException("appointment-cancelled", "该预约已取消，不能签到。请直接取号。");
            case AppointmentStatus.NoShow: throw new ConflictException("appointment-no-show", "该预约已过签到时间，记为爽约。请直接取号。");
            case AppointmentStatus.CheckedIn: throw new ConflictException("appointment-checked-in", $"该预约已于 {AppointmentLabels.At(a.CheckedInAt!.Value)} 签到。");
        }
        if (LegalDates.ToLegalDate(now) != a.Day)
            throw new ConflictException("appointment-wrong-day", $"该预约的日期是 {a.Day.Year}年{a.Day.Month}月{a.Day.Day}日，请在预约当天签到。");
        var opens = a.StartsAt.AddMinutes(-options.CheckInBeforeMinutes);
        var closes = a.StartsAt.AddMinutes(options.CheckInAfterMinutes);
        if (now < opens)
            throw new ConflictException("check-in-too-early", $"预约时段 {AppointmentSlots.Clock(a.StartMinute)} 开始，请于 {AppointmentLabels.At(opens)} 后签到。");
        if (now > closes)
            throw new ConflictException("check-in-too-late", $"签到时间已过（须在 {AppointmentLabels.At(closes)} 前签到），请直接取号。");

        var changed = await db.Set<Appointment>().Where(x => x.Id == a.Id && x.Status == AppointmentStatus.Booked)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.Status, AppointmentStatus.CheckedIn).SetProperty(x => x.CheckedInAt, now), ct);
        if (changed == 0) throw new ConflictException("appointment-checked-in", "该预约刚刚已签到或已取消。");
        db.Audit(null, "appointment.check-in", "appointment", a.Id.ToString(), $"自助签到 {AppointmentSlots.Clock(a.StartMinute)} 时段", now);
        return new CheckedInAppointment(a.Id, a.ThemeCode, a.HallId, a.IdNumberHash);
    }

    /// <summary>The kiosk's lookup: today's booked appointments by booking code (6 digits) or by ID number.</summary>
    public async Task<IReadOnlyList<AppointmentView>> FindTodayAsync(string? codeOrIdNumber, CancellationToken ct)
    {
        var text = codeOrIdNumber?.Trim().ToUpperInvariant() ?? "";
        var now = clock.Now();
        var today = LegalDates.ToLegalDate(now);
        var q = db.Set<Appointment>().Where(a => a.Day == today && a.Status == AppointmentStatus.Booked);
        if (text.Length == AppointmentBooking.CodeLength && text.All(char.IsAsciiDigit))
        {
            var hash = booking.CodeHash(text);
            q = q.Where(a => a.CodeHash == hash);
        }
        else if (text.Length <= 32 && CitizenIdNumber.TryParse(text, today, out var id, out _))
        {
            var hash = lookup.Of("identity", id.Value);
            q = q.Where(a => a.IdNumberHash == hash);
        }
        else throw new InvalidInputException("code", "code-or-id", "请输入 6 位预约码或 18 位身份证号码。");
        return await booking.ViewsAsync(q.OrderBy(a => a.StartsAt), now, ct);
    }
}
