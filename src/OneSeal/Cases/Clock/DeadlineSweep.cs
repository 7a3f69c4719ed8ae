using Microsoft.EntityFrameworkCore;
using OneSeal.Calendar;
using OneSeal.Cases.Rules;
using OneSeal.Platform.Audit;
using OneSeal.Platform.Database;
using OneSeal.Platform.Security;
using OneSeal.Platform.Time;

namespace OneSeal.Cases.Clock;

/// <summary>
/// Keeps deadline states current and applies Art. 32's deemed acceptance. Due and yellow dates are computed when a
/// case's clock changes, so the sweep is two indexed set-based updates; each turns a case yellow or red once
/// (the update only matches cases not yet in that state) and writes its timeline line in the same transaction.
/// </summary>
public sealed class DeadlineSweep(OneSealDb db, TimeProvider clock, IWorkingDayCalendar calendar, CaseCommands cases)
{
    public sealed record Result(int DeemedAccepted, int Yellow, int Red, int ToleranceChecked = 0, int DeemedApproved = 0);

    public async Task<Result> RunOnceAsync(CancellationToken ct)
    {
        var now = clock.Now();
        var today = LegalDates.ToLegalDate(now);
        var deemed = await DeemAcceptedAsync(today, ct);
        var tolerance = await EachAsync(await OverdueToleranceAsync(today, ct), cases.EnforceToleranceAsync, ct);
        var approved = await EachAsync(await DeemedApprovalDueAsync(today, ct), cases.ApproveAsDeemedAsync, ct);
        await RefreshPausedAsync(ct);
        var (yellow, red) = await MarkWarningsAsync(today, now, ct);
        return new Result(deemed, yellow, red, tolerance, approved);
    }

    private Task<List<Guid>> OverdueToleranceAsync(DateOnly today, CancellationToken ct) =>
        db.Set<Commitments.CaseCommitment>().AsNoTracking()
            .Where(x => x.Kind == Commitments.CommitmentKind.Tolerance && x.FulfilledAt == null && x.SupplyBy < today)
            .Join(db.Set<Case>().Where(c => CaseStatusLabels.Running.Contains(c.Status)), x => x.CaseId, c => c.Id, (x, c) => c.Id)
            .OrderBy(id => id).Take(1000).ToListAsync(ct);

    private Task<List<Guid>> DeemedApprovalDueAsync(DateOnly today, CancellationToken ct) =>
        db.Set<Case>().AsNoTracking()
            .Where(c => (c.Status == CaseStatus.Accepted || c.Status == CaseStatus.Reviewed) && c.DueDate < today)
            .Join(db.Set<Catalog.Item>().Where(i => i.DeemedApprovalOnTimeout), c => c.ItemId, i => i.Id, (c, i) => c.Id)
            .OrderBy(id => id).Take(200).ToListAsync(ct);

    /// <summary>One case at a time, each in its own transaction; a case someone changed meanwhile is left to them.</summary>
    private async Task<int> EachAsync(List<Guid> ids, Func<Guid, CancellationToken, Task> act, CancellationToken ct)
    {
        foreach (var id in ids)
        {
            db.ChangeTracker.Clear();
            try { await act(id, ct); }
            catch (Exception e) when (e is DbUpdateConcurrencyException or Platform.Http.ConflictException) { }
        }
        db.ChangeTracker.Clear();
        return ids.Count;
    }

    /// <summary>Submitted cases nobody answered within 5 working days of receipt count as accepted from receipt.</summary>
    private async Task<int> DeemAcceptedAsync(DateOnly today, CancellationToken ct)
    {
        var lastOverdueDay = today.AddDays(-1);
        while (calendar.AddWorkingDays(lastOverdueDay, LicensingLimits.AcceptanceAnswer) >= today) lastOverdueDay = lastOverdueDay.AddDays(-1);
        var before = LegalDates.StartOf(lastOverdueDay.AddDays(1));
        var ids = await db.Set<Case>().AsNoTracking()
            .Where(c => c.Status == CaseStatus.Submitted && c.SubmittedAt < before)
            .OrderBy(c => c.SubmittedAt).Select(c => c.Id).Take(1000).ToListAsync(ct);
        var count = 0;
        foreach (var id in ids)
        {
            db.ChangeTracker.Clear();
            try
            {
                await cases.AcceptAsDeemedAsync(id, ct);
                count++;
            }
            catch (Exception e) when (e is DbUpdateConcurrencyException or Platform.Http.ConflictException)
            {
                // A clerk answered meanwhile: their answer stands.
            }
        }
        db.ChangeTracker.Clear();
        return count;
    }

    /// <summary>Suspended cases whose pause overran its expected length: their estimated due date moves on.</summary>
    private async Task RefreshPausedAsync(CancellationToken ct)
    {
        var ids = await db.Set<Case>().AsNoTracking().Where(c => c.Status == CaseStatus.Suspended).Select(c => c.Id).ToListAsync(ct);
        foreach (var id in ids)
        {
            db.ChangeTracker.Clear();
            try { await cases.RefreshPausedAsync(id, ct); }
            catch (DbUpdateConcurrencyException) { /* resumed or ended meanwhile: that change stands */ }
        }
        db.ChangeTracker.Clear();
    }

    private async Task<(int Yellow, int Red)> MarkWarningsAsync(DateOnly today, DateTimeOffset now, CancellationToken ct)
    {
        string[] running = [nameof(CaseStatus.Accepted), nameof(CaseStatus.Reviewed)];
        string red = nameof(DeadlineState.Red), yellow = nameof(DeadlineState.Yellow), normal = nameof(DeadlineState.Normal);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var turnedRed = await db.Database.SqlQuery<Guid>($"""
            UPDATE cases SET deadline_state = {red}, version = version + 1
            WHERE status IN ({running[0]}, {running[1]}) AND due_date < {today} AND deadline_state <> {red}
            RETURNING id AS "Value"
            """).ToListAsync(ct);
        var turnedYellow = await db.Database.SqlQuery<Guid>($"""
            UPDATE cases SET deadline_state = {yellow}, version = version + 1
            WHERE status IN ({running[0]}, {running[1]}) AND yellow_on <= {today} AND deadline_state = {normal}
            RETURNING id AS "Value"
            """).ToListAsync(ct);
        await RecordAsync(turnedRed, CaseActions.RedWarning, "已超过办结期限", now, ct);
        await RecordAsync(turnedYellow, CaseActions.YellowWarning, "审批期限已用去预警比例", now, ct);
        await db.CommitAsync(ct);
        await tx.CommitAsync(ct);
        return (turnedYellow.Count, turnedRed.Count);
    }

    private async Task RecordAsync(List<Guid> ids, string action, string note, DateTimeOffset now, CancellationToken ct)
    {
        foreach (var chunk in ids.Chunk(500))
        {
            var rows = await db.Set<Case>().AsNoTracking().Where(c => chunk.Contains(c.Id)).Select(c => new { c.Id, c.Status, c.DueDate }).ToListAsync(ct);
            foreach (var r in rows)
            {
                db.Add(new CaseEvent { CaseId = r.Id, At = now, ActorName = SystemActor.Instance.DisplayName, Action = action, Note = $"{note}（办结期限 {r.DueDate:yyyy-MM-dd}）", FromStatus = r.Status, ToStatus = r.Status });
                db.Audit(SystemActor.Instance, $"case.{action}", "case", r.Id.ToString(), null, now);
            }
        }
    }
}
