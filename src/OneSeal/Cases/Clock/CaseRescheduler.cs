using Microsoft.EntityFrameworkCore;
using OneSeal.Calendar;
using OneSeal.Platform.Database;
using OneSeal.Platform.Security;

namespace OneSeal.Cases.Clock;

/// <summary>A newly announced or amended calendar reschedules every running case; each change is noted on its timeline.</summary>
internal sealed class CaseRescheduler(OneSealDb db, CaseCommands cases) : ICalendarChangeListener
{
    public async Task OnCalendarChangedAsync(Actor actor, string reason, CancellationToken ct)
    {
        var running = CaseStatusLabels.Running;
        var offset = 0;
        while (true)
        {
            // Pages of ids, so a large county never loads every running case at once (rescheduling keeps them running).
            var ids = await db.Set<Case>().AsNoTracking()
                .Where(c => running.Contains(c.Status))
                .OrderBy(c => c.Id).Select(c => c.Id).Skip(offset).Take(500).ToListAsync(ct);
            if (ids.Count == 0) break;
            foreach (var id in ids)
            {
                db.ChangeTracker.Clear();
                await cases.RescheduleAsync(actor, id, reason, ct);
            }
            offset += ids.Count;
        }
        db.ChangeTracker.Clear();
    }
}
