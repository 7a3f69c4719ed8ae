using Microsoft.EntityFrameworkCore;
using OneSeal.Organisation;
using OneSeal.Platform.Audit;
using OneSeal.Platform.Database;
using OneSeal.Platform.Jobs;
using OneSeal.Platform.Security;
using OneSeal.Platform.Sms;
using OneSeal.Platform.Time;

namespace OneSeal.Queue.Appointments;

/// <summary>
/// The appointments' periodic work: an appointment not checked in by the end of its slot plus the grace becomes a
/// no-show; an appointment on the next working day gets its reminder text (queued in the same transaction that marks it
/// reminded, so at least once, and once unless the send is retried by the outbox).
/// </summary>
public sealed class AppointmentSweep(OneSealDb db, AppointmentSlots slots, AppointmentOptions options, Calendar.WorkingDayClock calendar, SmsQueue sms,
    PersonalData personalData, ILogger<AppointmentSweep> log)
{
    public const int Batch = 500;

    public sealed record Result(int NoShows, int Reminders);

    public async Task<Result> RunOnceAsync(DateTimeOffset now, CancellationToken ct) =>
        new(await MarkNoShowsAsync(now, ct), await RemindAsync(now, ct));

    private async Task<int> MarkNoShowsAsync(DateTimeOffset now, CancellationToken ct)
    {
        var startedBefore = now.AddMinutes(-(AppointmentOptions.SlotMinutes + options.NoShowGraceMinutes));
        return await db.InTransactionAsync(async () =>
        {
            var late = await db.Set<Appointment>().Where(a => a.Status == AppointmentStatus.Booked && a.StartsAt < startedBefore)
                .OrderBy(a => a.StartsAt).Take(Batch).ToListAsync(ct);
            foreach (var a in late)
            {
                a.Status = AppointmentStatus.NoShow;
                a.NoShowAt = now;
                db.Audit(SystemActor.Instance, "appointment.no-show", "appointment", a.Id.ToString(),
                    $"{AppointmentLabels.When(a.Day, a.StartMinute)} 未签到，记为爽约", now);
            }
            await db.CommitAsync(ct);
            return late.Count;
        }, ct);
    }

    private async Task<int> RemindAsync(DateTimeOffset now, CancellationToken ct)
    {
        var today = LegalDates.ToLegalDate(now);
        var nextWorkingDay = calendar.AddWorkingDays(today, 1);
        try
        {
            return await db.InTransactionAsync(async () =>
            {
                var due = await db.Set<Appointment>().Where(a => a.Status == AppointmentStatus.Booked && a.RemindedAt == null
                        && a.Day > today && a.Day <= nextWorkingDay)
                    .OrderBy(a => a.StartsAt).Take(Batch).ToListAsync(ct);
                if (due.Count == 0) return 0;
                var themes = (await slots.ThemesAsync(ct)).ToDictionary(t => t.Code, t => t.Name);
                var hallIds = due.Select(a => a.HallId).Distinct().ToList();
                var halls = await db.Set<Agency>().AsNoTracking().Where(h => hallIds.Contains(h.Id)).ToDictionaryAsync(h => h.Id, h => h.Name, ct);
                foreach (var a in due)
                {
                    sms.Queue(personalData.Unprotect(a.PhoneProtected),
                        $"【一章通】提醒：您预约了{AppointmentLabels.When(a.Day, a.StartMinute)}到{halls.GetValueOrDefault(a.HallId)}办理{themes.GetValueOrDefault(a.ThemeCode)}。" +
                        $"请在时段开始前 {options.CheckInBeforeMinutes} 分钟至开始后 {options.CheckInAfterMinutes} 分钟内，到大厅自助机凭预约码或身份证号码签到取号；不能前来请提前取消。", now);
                    a.RemindedAt = now;
                }
                await db.CommitAsync(ct);
                return due.Count;
            }, ct);
        }
        catch (SmsUnavailableException)
        {
            log.LogWarning("Appointment reminders not sent: no SMS gateway configured");
            return 0;
        }
    }
}

/// <summary>Runs <see cref="AppointmentSweep"/> every <c>Queue:Appointments:SweepSeconds</c> (default 60; 0 turns it off).</summary>
public sealed class AppointmentSweepService(IServiceScopeFactory scopes, TimeProvider clock, IConfiguration config, ILogger<AppointmentSweepService> log)
    : LeasedJobService(scopes, clock, config, log)
{
    protected override string LeaseName => "appointment-sweep";
    protected override string IntervalSetting => "Queue:Appointments:SweepSeconds";
    protected override int DefaultSeconds => 60;

    protected override async Task RunAsync(IServiceProvider services, DateTimeOffset now, CancellationToken ct)
    {
        var result = await services.GetRequiredService<AppointmentSweep>().RunOnceAsync(now, ct);
        if (result != new AppointmentSweep.Result(0, 0)) log.LogInformation("Appointment sweep: {Result}", result);
    }
}
