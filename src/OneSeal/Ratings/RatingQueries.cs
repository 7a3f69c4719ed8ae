using Microsoft.EntityFrameworkCore;
using OneSeal.Platform.Database;
using OneSeal.Platform.Time;

namespace OneSeal.Ratings;

/// <summary>A staff member's ratings this month: how many, and the share that were not bad (好评率, GB/T 39734).</summary>
public sealed record StaffRatingSummary(int Count, int Good, decimal? GoodRate);

public sealed class RatingQueries(OneSealDb db, TimeProvider clock)
{
    public async Task<StaffRatingSummary> StaffThisMonthAsync(Guid staffId, CancellationToken ct)
    {
        var today = LegalDates.ToLegalDate(clock.Now());
        var from = LegalDates.StartOf(new DateOnly(today.Year, today.Month, 1));
        var levels = await db.Set<Rating>().Where(r => r.StaffId == staffId && r.CreatedAt >= from)
            .GroupBy(r => r.Level).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct);
        var count = levels.Sum(l => l.Count);
        var good = levels.Where(l => !RatingLevels.IsBad(l.Key)).Sum(l => l.Count);
        return new StaffRatingSummary(count, good, count == 0 ? null : Math.Round(100m * good / count, 1));
    }
}
