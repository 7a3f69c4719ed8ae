using Microsoft.EntityFrameworkCore;
using OneSeal.Cases.Clock;
using OneSeal.Cases.Rules;
using OneSeal.Catalog;
using OneSeal.Organisation;
using OneSeal.Platform.Database;
using OneSeal.Platform.Http;
using OneSeal.Platform.Security;
using OneSeal.Platform.Time;

namespace OneSeal.Cases;

/// <summary>The working-day clock of a running case: suspension (Art. 45), resumption, extension (Art. 42).</summary>
public sealed partial class CaseCommands
{
    public const int MaxPauseDays = 365;

    public async Task<Case> SuspendAsync(Actor actor, Guid caseId, string? kind, string? reason, int? expectedDays, int? expectedVersion, CancellationToken ct)
    {
        var c = await LoadAsync(caseId, ct);
        EnsureReviewerOrChief(actor, c);
        EnsureVersion(c, expectedVersion);
        CaseTransitions.Ensure(CaseActions.Suspended, c);
        // Every problem with the request at once, so a form can show them all beside their fields.
        var errors = new Dictionary<string, string[]>();
        if (!PauseLabels.TryParse(kind, out var pauseKind))
            errors["kind"] = ["中止事由（kind）应为 " + string.Join("、", Enum.GetValues<PauseKind>().Select(PauseLabels.Api)) + " 之一。"];
        var text = reason?.Trim();
        if (string.IsNullOrEmpty(text)) errors["reason"] = ["请说明中止理由（reason）。"];
        else if (text.Length > 2000) errors["reason"] = ["中止理由不能超过2000字。"];
        if (expectedDays is not (>= 1 and <= MaxPauseDays))
            errors["expectedDays"] = [$"预计所需工作日（expectedDays）应为 1 到 {MaxPauseDays} 之间的整数。"];
        if (errors.Count > 0) throw new InvalidInputsException(errors);

        var now = clock.Now();
        var today = LegalDates.ToLegalDate(now);
        var pause = new CasePause
        {
            Id = Guid.NewGuid(), CaseId = c.Id, Kind = pauseKind, Reason = text!, ExpectedDays = expectedDays!.Value,
            StartedOn = today, StartedAt = now, StartedById = actor.Id, ResumeStatus = c.Status,
        };
        db.Add(pause);
        var pauses = await PausesAsync(c.Id, ct);
        pauses.Add(pause);
        Reschedule(c, pauses, today);
        await NoticeAsync(c, Notices.NoticeKind.Suspension, now, ct, (Notices.NoticeFields.Procedure, PauseLabels.Of(pauseKind)),
            (Notices.NoticeFields.Reason, text), (Notices.NoticeFields.ExpectedDays, expectedDays.ToString()), (Notices.NoticeFields.SuspendedOn, Iso(today)));
        return await MoveAsync(c, actor, CaseActions.Suspended, CaseStatus.Suspended,
            $"{PauseLabels.Of(pauseKind)}：{text!.TrimEnd('。', '.')}。预计{expectedDays}个工作日，所需时间不计入审批期限（《行政许可法》第四十五条）", now, ct);
    }

    public async Task<Case> ResumeAsync(Actor actor, Guid caseId, int? expectedVersion, CancellationToken ct)
    {
        var c = await LoadAsync(caseId, ct);
        EnsureReviewerOrChief(actor, c);
        EnsureVersion(c, expectedVersion);
        CaseTransitions.Ensure(CaseActions.Resumed, c);
        var now = clock.Now();
        var today = LegalDates.ToLegalDate(now);
        var pauses = await PausesAsync(c.Id, ct);
        // Read after the case: someone may have resumed or ended it in between; that is a stale version, not a crash.
        var open = pauses.SingleOrDefault(p => p.EndedOn is null)
            ?? throw new ConflictException("stale-version", "该办件已被他人更新，请刷新后重试。");
        open.EndedOn = today;
        open.EndedAt = now;
        open.EndedById = actor.Id;
        Reschedule(c, pauses, today);
        var stopped = calendar.CountWorkingDays(open.StartedOn, today);
        await NoticeAsync(c, Notices.NoticeKind.Resumption, now, ct, (Notices.NoticeFields.SuspendedOn, Iso(open.StartedOn)),
            (Notices.NoticeFields.ResumedOn, Iso(today)), (Notices.NoticeFields.PausedDays, stopped.ToString()), (Notices.NoticeFields.DueDate, Iso(c.DueDate)));
        return await MoveAsync(c, actor, CaseActions.Resumed, open.ResumeStatus,
            $"{PauseLabels.Of(open.Kind)}结束，中止{stopped}个工作日；办结期限顺延至 {c.DueDate:yyyy-MM-dd}", now, ct);
    }

    public async Task<Case> ExtendAsync(Actor actor, Guid caseId, string? reason, int? expectedVersion, CancellationToken ct)
    {
        var c = await LoadAsync(caseId, ct);
        CaseAccess.EnsureStaff(actor, c, Roles.Chief);
        EnsureVersion(c, expectedVersion);
        CaseTransitions.Ensure(CaseActions.Extended, c);
        var text = RequiredText("reason", reason, "延长期限须说明理由（reason），并告知申请人。", maxLength: 2000);
        if (c.ExtensionDays > 0)
            throw new ConflictException("extension-once", "审批期限只能延长一次（《行政许可法》第四十二条）。");
        var now = clock.Now();
        var today = LegalDates.ToLegalDate(now);
        if (c.DueDate is { } due && today > due)
            throw new ConflictException("extension-after-due", $"办结期限已于 {due:yyyy-MM-dd} 届满，延期须在期限内批准。");

        var kind = await db.Set<Item>().Where(i => i.Id == c.ItemId).Select(i => i.Kind).FirstAsync(ct);
        c.ExtensionDays = LicensingLimits.ExtensionDays(kind);
        c.ExtensionReason = text;
        c.ExtendedById = actor.Id;
        Reschedule(c, await PausesAsync(c.Id, ct), today);
        await NoticeAsync(c, Notices.NoticeKind.Extension, now, ct, (Notices.NoticeFields.ExtensionDays, c.ExtensionDays.ToString()),
            (Notices.NoticeFields.Reason, text), (Notices.NoticeFields.DueDate, Iso(c.DueDate)), (Notices.NoticeFields.JointHandling, kind == ItemKind.Joint ? "是" : "否"));
        return await MoveAsync(c, actor, CaseActions.Extended, c.Status,
            $"经负责人批准延长{c.ExtensionDays}个工作日，办结期限延至 {c.DueDate:yyyy-MM-dd}。理由：{text}", now, ct);
    }

    /// <summary>The calendar changed: recompute this running case's clock; a moved due date is noted on the timeline.</summary>
    public async Task RescheduleAsync(Actor actor, Guid caseId, string reason, CancellationToken ct)
    {
        var c = await LoadAsync(caseId, ct);
        if (!CaseStatusLabels.Running.Contains(c.Status)) return;
        var before = c.DueDate;
        var now = clock.Now();
        Reschedule(c, await PausesAsync(c.Id, ct), LegalDates.ToLegalDate(now));
        if (c.DueDate == before) return;
        await MoveAsync(c, actor, CaseActions.Rescheduled, c.Status, $"因{reason}，办结期限由 {before:yyyy-MM-dd} 调整为 {c.DueDate:yyyy-MM-dd}", now, ct);
    }

    /// <summary>Recomputes due date, yellow date and deadline state from the case's clock; the one place they are set.</summary>
    private void Reschedule(Case c, IReadOnlyList<CasePause> pauses, DateOnly today)
    {
        if (c.AcceptedOn is not { } acceptedOn) return;
        var share = YellowShare;
        var model = new CaseClock(acceptedOn, c.PromisedDays + c.ExtensionDays, pauses);
        c.DueDate = model.Due(calendar, today);
        c.PausedDays = pauses.Where(p => p.EndedOn is not null).Sum(p => calendar.CountWorkingDays(p.StartedOn, p.EndedOn!.Value));
        var limit = c.PromisedDays + c.ExtensionDays;
        c.YellowOn = limit == 0 ? null : new CaseClock(acceptedOn, (int)Math.Ceiling(limit * share), pauses).Due(calendar, today);
        c.DeadlineState = model.State(calendar, today, share);
    }

    /// <summary>A case that ends while suspended closes its pause, so no clock is left running.</summary>
    private async Task ClosePauseAsync(Case c, Actor actor, DateTimeOffset now, CancellationToken ct)
    {
        if (c.Status != CaseStatus.Suspended) return;
        var open = await db.Set<CasePause>().FirstOrDefaultAsync(p => p.CaseId == c.Id && p.EndedOn == null, ct)
            ?? throw new ConflictException("stale-version", "该办件已被他人更新，请刷新后重试。");
        open.EndedOn = LegalDates.ToLegalDate(now);
        open.EndedAt = now;
        open.EndedById = actor.Id;
        c.PausedDays += calendar.CountWorkingDays(open.StartedOn, open.EndedOn.Value);
    }

    /// <summary>
    /// Deadline sweep: a pause running longer than expected pushes the estimated due date on (see <see cref="CaseClock.Due"/>),
    /// so the stored due date stays what the clock says. Returns whether it moved.
    /// </summary>
    public async Task<bool> RefreshPausedAsync(Guid caseId, CancellationToken ct)
    {
        var c = await LoadAsync(caseId, ct);
        if (c.Status != CaseStatus.Suspended) return false;
        var due = c.DueDate;
        Reschedule(c, await PausesAsync(c.Id, ct), LegalDates.ToLegalDate(clock.Now()));
        if (c.DueDate == due) return false;
        c.Version++;
        await db.CommitAsync(ct);
        return true;
    }

    private double YellowShare => config.GetValue("Deadlines:YellowShare", 0.8);

    private async Task<List<CasePause>> PausesAsync(Guid caseId, CancellationToken ct) =>
        await db.Set<CasePause>().Where(p => p.CaseId == caseId).OrderBy(p => p.StartedAt).ToListAsync(ct);

    private static void EnsureReviewerOrChief(Actor actor, Case c) =>
        CaseAccess.EnsureStaff(actor, c, actor.Has(Roles.Chief) ? Roles.Chief : Roles.Reviewer);
}
