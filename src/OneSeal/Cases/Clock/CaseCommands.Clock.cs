using Microsoft.EntityFrameworkCore;
using OneSeal.Cases.Clock;
using OneSeal.Cases.Machine;
using OneSeal.Cases.Rules;
using OneSeal.Catalog;
using OneSeal.Platform.Audit;
using OneSeal.Platform.Database;
using OneSeal.Platform.Http;
using OneSeal.Platform.Security;
using OneSeal.Platform.Time;
using F = OneSeal.Notices.NoticeFields;

namespace OneSeal.Cases;

/// <summary>The working-day clock of a running case: suspension (Art. 45), resumption, extension (Art. 42).</summary>
public sealed partial class CaseCommands
{
    public const int MaxPauseDays = 365;

    public Task<Case> SuspendAsync(Actor actor, Guid caseId, string? kind, string? reason, int? expectedDays, int? expectedVersion, CancellationToken ct) =>
        db.InTransactionAsync(async () =>
    {
        var (c, row) = await BeginAsync(caseId, CaseAction.Suspend, actor, expectedVersion, ct);
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
        return await ApplyAsync(c, row, actor,
            $"{PauseLabels.Of(pauseKind)}：{text!.TrimEnd('。', '.')}。预计{expectedDays}个工作日，所需时间不计入审批期限（《行政许可法》第四十五条）", now, ct,
            [(F.Procedure, PauseLabels.Of(pauseKind)), (F.Reason, text), (F.ExpectedDays, expectedDays.ToString()), (F.SuspendedOn, Iso(today))]);
    }, ct);

    /// <summary>The clock runs again; the case returns to the status it was suspended from (the machine's row says which).</summary>
    public Task<Case> ResumeAsync(Actor actor, Guid caseId, int? expectedVersion, CancellationToken ct) => db.InTransactionAsync(async () =>
    {
        var (c, row) = await BeginAsync(caseId, CaseAction.Resume, actor, expectedVersion, ct);
        var now = clock.Now();
        var today = LegalDates.ToLegalDate(now);
        var pauses = await PausesAsync(c.Id, ct);
        var open = pauses.Single(p => p.EndedOn is null);
        open.EndedOn = today;
        open.EndedAt = now;
        open.EndedById = actor.Id;
        Reschedule(c, pauses, today);
        var stopped = calendar.CountWorkingDays(open.StartedOn, today);
        return await ApplyAsync(c, row, actor, $"{PauseLabels.Of(open.Kind)}结束，中止{stopped}个工作日；办结期限顺延至 {c.DueDate:yyyy-MM-dd}", now, ct,
            [(F.SuspendedOn, Iso(open.StartedOn)), (F.ResumedOn, Iso(today)), (F.PausedDays, stopped.ToString()), (F.DueDate, Iso(c.DueDate))]);
    }, ct);

    public Task<Case> ExtendAsync(Actor actor, Guid caseId, string? reason, int? expectedVersion, CancellationToken ct) => db.InTransactionAsync(async () =>
    {
        var (c, row) = await BeginAsync(caseId, CaseAction.Extend, actor, expectedVersion, ct);
        var text = RequiredText("reason", reason, "延长期限须说明理由（reason），并告知申请人。", maxLength: 2000);
        var now = clock.Now();
        var today = LegalDates.ToLegalDate(now);
        var kind = await db.Set<Item>().Where(i => i.Id == c.ItemId).Select(i => i.Kind).FirstAsync(ct);
        c.RecordExtension(LicensingLimits.ExtensionDays(kind), text, actor.Id);
        Reschedule(c, await PausesAsync(c.Id, ct), today);
        return await ApplyAsync(c, row, actor, $"经负责人批准延长{c.ExtensionDays}个工作日，办结期限延至 {c.DueDate:yyyy-MM-dd}。理由：{text}", now, ct,
            [(F.ExtensionDays, c.ExtensionDays.ToString()), (F.Reason, text), (F.DueDate, Iso(c.DueDate)), (F.JointHandling, kind == ItemKind.Joint ? "是" : "否")]);
    }, ct);

    /// <summary>
    /// The calendar changed: recompute this running case's clock; a moved due date is noted on the timeline. Not a
    /// transition (no status change, no legal act): bookkeeping of the clock, outside the machine.
    /// </summary>
    public Task RescheduleAsync(Actor actor, Guid caseId, string reason, CancellationToken ct) => db.InTransactionAsync(async () =>
    {
        var c = await LoadAsync(caseId, ct);
        if (!CaseStatusLabels.Running.Contains(c.Status)) return;
        var before = c.DueDate;
        var now = clock.Now();
        Reschedule(c, await PausesAsync(c.Id, ct), LegalDates.ToLegalDate(now));
        if (c.DueDate == before) return;
        await NoteAsync(c, actor, CaseActions.Rescheduled, $"因{reason}，办结期限由 {before:yyyy-MM-dd} 调整为 {c.DueDate:yyyy-MM-dd}", now, ct);
    }, ct);

    /// <summary>Recomputes due date, yellow date and deadline state from the case's clock; the one place they are set.</summary>
    private void Reschedule(Case c, IReadOnlyList<CasePause> pauses, DateOnly today)
    {
        if (c.AcceptedOn is not { } acceptedOn) return;
        var share = YellowShare;
        var model = new CaseClock(acceptedOn, c.PromisedDays + c.ExtensionDays, pauses);
        var limit = c.PromisedDays + c.ExtensionDays;
        c.RecordClock(model.Due(calendar, today),
            limit == 0 ? null : new CaseClock(acceptedOn, (int)Math.Ceiling(limit * share), pauses).Due(calendar, today),
            model.State(calendar, today, share),
            pauses.Where(p => p.EndedOn is not null).Sum(p => calendar.CountWorkingDays(p.StartedOn, p.EndedOn!.Value)));
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
        c.AddPausedDays(calendar.CountWorkingDays(open.StartedOn, open.EndedOn.Value));
    }

    /// <summary>
    /// Deadline sweep: a pause running longer than expected pushes the estimated due date on (see <see cref="CaseClock.Due"/>),
    /// so the stored due date stays what the clock says. Returns whether it moved. Not a transition: the status stays
    /// Suspended and nothing is told to anyone; only the stored estimate and the version change.
    /// </summary>
    public Task<bool> RefreshPausedAsync(Guid caseId, CancellationToken ct) => db.InTransactionAsync(async () =>
    {
        var c = await LoadAsync(caseId, ct);
        if (c.Status != CaseStatus.Suspended) return false;
        var due = c.DueDate;
        Reschedule(c, await PausesAsync(c.Id, ct), LegalDates.ToLegalDate(clock.Now()));
        if (c.DueDate == due) return false;
        c.Touch();
        await db.CommitAsync(ct);
        return true;
    }, ct);

    private double YellowShare => config.GetValue("Deadlines:YellowShare", 0.8);

    private async Task<List<CasePause>> PausesAsync(Guid caseId, CancellationToken ct) =>
        await db.Set<CasePause>().Where(p => p.CaseId == caseId).OrderBy(p => p.StartedAt).ToListAsync(ct);
}
