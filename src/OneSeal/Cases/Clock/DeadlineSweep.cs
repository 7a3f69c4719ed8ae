using Microsoft.EntityFrameworkCore;
using OneSeal.Calendar;
using OneSeal.Catalog;
using OneSeal.Cases.Rules;
using OneSeal.Platform.Audit;
using OneSeal.Platform.Database;
using OneSeal.Platform.Security;
using OneSeal.Platform.Time;

namespace OneSeal.Cases.Clock;

/// <summary>
/// Keeps deadline states current and applies Art. 32's deemed acceptance. Due and yellow dates are computed when a
/// case's clock changes, so warning is set-based (<see cref="DeadlineWarning"/>): chunks of indexed updates, each
/// turning a case yellow or red once (the update only matches cases not yet in that state) and writing its timeline
/// and audit lines in the same transaction.
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
        // Red first: a case that went from normal straight past its due date gets the red warning only.
        var red = await WarnAllAsync(DeadlineWarning.Red, today, now, ct);
        var yellow = await WarnAllAsync(DeadlineWarning.Yellow, today, now, ct);
        return (yellow, red);
    }

    /// <summary>
    /// Chunk after chunk, each in its own short transaction, so the first sweep after a long holiday (tens of
    /// thousands of cases crossing a line at once) never holds case rows or audit streams for more than one chunk.
    /// </summary>
    private async Task<int> WarnAllAsync(DeadlineWarning warning, DateOnly today, DateTimeOffset now, CancellationToken ct)
    {
        var total = 0;
        while (true)
        {
            var turned = await WarnChunkAsync(warning, today, now, ct);
            total += turned;
            // A short chunk means nothing is left, or (PostgreSQL) the rest is locked by another sweep, which warns it.
            if (turned < DeadlineWarning.ChunkSize) return total;
        }
    }

    private async Task<int> WarnChunkAsync(DeadlineWarning warning, DateOnly today, DateTimeOffset now, CancellationToken ct)
    {
        db.ChangeTracker.Clear();
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var turned = await warning.TurnAsync(db, today, ct);
        if (turned.Count == 0) return 0;
        await warning.RecordTimelineAsync(db, turned, now, ct);
        foreach (var id in turned)
            db.Audit(SystemActor.Instance, $"case.{warning.Action}", "case", id.ToString(), null, now);
        await db.CommitAsync(ct);
        await tx.CommitAsync(ct);
        db.ChangeTracker.Clear();
        return turned.Count;
    }
}
