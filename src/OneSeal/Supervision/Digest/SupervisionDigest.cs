using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using OneSeal.Calendar;
using OneSeal.Organisation;
using OneSeal.Organisation.Staff;
using OneSeal.Platform.Audit;
using OneSeal.Platform.Database;
using OneSeal.Platform.Jobs;
using OneSeal.Platform.Sms;
using OneSeal.Platform.Time;
using OneSeal.Supervision.Pushes;

namespace OneSeal.Supervision.Digest;

/// <summary>One department's digest of one day (每日汇总), kept so it goes out once per day whichever instance runs it.</summary>
public sealed class DigestSent
{
    public Guid DepartmentId { get; set; }
    public DateOnly Day { get; set; }
    public int ToClaim { get; set; }
    public int ClaimedToday { get; set; }
    public int Overdue { get; set; }
    public int Recipients { get; set; }
    public DateTimeOffset SentAt { get; set; }
}

internal sealed class DigestSentConfiguration : IEntityTypeConfiguration<DigestSent>
{
    public void Configure(EntityTypeBuilder<DigestSent> b)
    {
        b.ToTable("supervision_digests");
        b.HasKey(x => new { x.DepartmentId, x.Day });
    }
}

/// <summary>
/// 每日汇总: on working days only (the calendar: weekends, holidays and make-up days as published), from
/// <see cref="SupervisionOptions.DigestHour"/> Beijing time, each department with pushes gets one text per staff member
/// through the SMS sender: how many to claim, claimed today, overdue.
/// </summary>
public sealed class SupervisionDigest(OneSealDb db, IWorkingDayCalendar calendar, SupervisionOptions options, SmsQueue sms, StaffRoster roster,
    ILogger<SupervisionDigest> log)
{
    public sealed record Result(bool WorkingDay, int Departments, int Messages);

    public async Task<Result> RunOnceAsync(DateTimeOffset now, CancellationToken ct)
    {
        var today = LegalDates.ToLegalDate(now);
        if (!calendar.IsWorkingDay(today)) return new Result(false, 0, 0);
        if (LegalDates.ToLocal(now).Hour < options.DigestHour) return new Result(true, 0, 0);
        var startOfDay = LegalDates.StartOf(today);
        var done = await db.Set<DigestSent>().AsNoTracking().Where(d => d.Day == today).Select(d => d.DepartmentId).ToListAsync(ct);
        var counts = await db.Set<SupervisionPush>().AsNoTracking().Where(p => !done.Contains(p.DepartmentId))
            .GroupBy(p => p.DepartmentId)
            .Select(g => new
            {
                Department = g.Key,
                ToClaim = g.Count(p => p.ClaimedAt == null && p.ClaimBy >= today),
                ClaimedToday = g.Count(p => p.ClaimedAt != null && p.ClaimedAt >= startOfDay),
                Overdue = g.Count(p => p.ClaimedAt == null && p.ClaimBy < today),
            })
            .ToListAsync(ct);
        var staff = (await roster.HoldingAsync([Roles.DepartmentStaff], 10_000, ct)).ToLookup(s => s.OrganisationId);
        int messages = 0, departments = 0;
        foreach (var c in counts.Where(c => c.ToClaim + c.ClaimedToday + c.Overdue > 0))
        {
            var ids = staff[c.Department].Select(s => s.Id).ToList();
            var phones = await db.Set<Account>().AsNoTracking().Where(a => ids.Contains(a.Id) && a.Phone != null).Select(a => a.Phone!).ToListAsync(ct);
            var text = $"【一章通】审管互动每日汇总（{today:yyyy-MM-dd}）：待认领 {c.ToClaim} 件，今日已认领 {c.ClaimedToday} 件，逾期未认领 {c.Overdue} 件。请登录一章通部门工作台办理。";
            try
            {
                await db.InTransactionAsync(async () =>
                {
                    foreach (var phone in phones) sms.Queue(phone, text, now);
                    db.Add(new DigestSent
                    {
                        DepartmentId = c.Department, Day = today, ToClaim = c.ToClaim, ClaimedToday = c.ClaimedToday, Overdue = c.Overdue,
                        Recipients = phones.Count, SentAt = now,
                    });
                    db.Audit(null, "supervision.digest", "agency", c.Department.ToString(), $"每日汇总发送 {phones.Count} 人：待认领 {c.ToClaim}，今日认领 {c.ClaimedToday}，逾期 {c.Overdue}", now);
                    await db.CommitAsync(ct);
                }, ct);
            }
            catch (SmsUnavailableException)
            {
                log.LogWarning("Supervision digest not sent: no SMS gateway configured");
                return new Result(true, departments, messages);
            }
            departments++;
            messages += phones.Count;
        }
        return new Result(true, departments, messages);
    }
}

/// <summary>Runs <see cref="SupervisionDigest"/> every <c>Supervision:DigestSeconds</c> (default 600; 0 turns it off).</summary>
public sealed class SupervisionDigestService(IServiceScopeFactory scopes, TimeProvider clock, IConfiguration config, ILogger<SupervisionDigestService> log)
    : LeasedJobService(scopes, clock, config, log)
{
    protected override string LeaseName => "supervision-digest";
    protected override string IntervalSetting => "Supervision:DigestSeconds";
    protected override int DefaultSeconds => 600;

    protected override async Task RunAsync(IServiceProvider services, DateTimeOffset now, CancellationToken ct)
    {
        var result = await services.GetRequiredService<SupervisionDigest>().RunOnceAsync(now, ct);
        if (result.Messages > 0) log.LogInformation("Supervision digest: {Result}", result);
    }
}
