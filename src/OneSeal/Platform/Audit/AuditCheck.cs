using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using OneSeal.Platform.Database;
using OneSeal.Platform.Security;

namespace OneSeal.Platform.Audit;

/// <summary>
/// Runs a verification of the whole audit trail for an operator (<c>oneseal --verify-audit</c>) or an auditor (the
/// /admin/audit page) and records it, with its own audit line, so the last verification and who ran it stay visible.
/// </summary>
public sealed class AuditCheck(OneSealDb db, AuditKeys keys, TimeProvider clock)
{
    private const int ProblemLength = 4000;

    public async Task<AuditVerificationRun> RunAsync(string source, Actor? actor, CancellationToken ct)
    {
        var started = Stopwatch.GetTimestamp();
        var result = await AuditTrail.VerifyAsync(db, keys, ct);
        var run = new AuditVerificationRun
        {
            At = Time.Instants.Truncate(clock.GetUtcNow()),
            Source = source,
            ActorName = actor?.Username ?? "system",
            Intact = result.Intact,
            Entries = result.Entries,
            Anchors = result.Anchors,
            FirstBrokenId = result.FirstBrokenId,
            Problem = Clip(result.Problem),
            ProblemZh = Clip(result.ProblemZh),
            ElapsedMs = (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds,
        };
        db.Add(run);
        db.Audit(actor, "audit.verified", "audit", "trail",
            result.Intact ? $"intact, {result.Entries} entries, {result.Anchors} anchors" : $"broken, first entry {result.FirstBrokenId}", run.At);
        await db.CommitAsync(ct);
        return run;
    }

    /// <summary>The most recent verifications, newest first.</summary>
    public Task<List<AuditVerificationRun>> RecentAsync(int count, CancellationToken ct) =>
        db.Set<AuditVerificationRun>().AsNoTracking().OrderByDescending(r => r.Id).Take(count).ToListAsync(ct);

    private static string? Clip(string? text) => text is { Length: > ProblemLength } ? text[..(ProblemLength - 1)] + "…" : text;
}
