using System.Globalization;
using Microsoft.EntityFrameworkCore;
using OneSeal.Hall;
using OneSeal.Organisation;
using OneSeal.Platform.Database;
using OneSeal.Platform.Http;
using OneSeal.Platform.Security;
using OneSeal.Platform.Time;
using OneSeal.Queue.Appointments;
using OneSeal.Queue.Tickets;

namespace OneSeal.Queue.Stats;

/// <summary>One group's figures: tickets taken, served, no-shows, transfers, mean waiting and service minutes.</summary>
public sealed record QueueStatsRow(string Key, string Label, int Taken, int Served, int NoShow, int Transferred,
    double? AvgWaitMinutes, double? AvgServiceMinutes, double? NoShowRate, double? TransferRate, double? IdleMinutes = null);

/// <summary>Appointments in the period: booked (any end), checked in, no-shows, cancelled; use = checked in / (checked in + no-shows).</summary>
public sealed record AppointmentUse(int Booked, int CheckedIn, int NoShow, int Cancelled, double? UseRate);

public sealed record QueueStatsView(DateOnly From, DateOnly To, QueueStatsRow Total, IReadOnlyList<QueueStatsRow> ByTheme,
    IReadOnlyList<QueueStatsRow> ByWindow, IReadOnlyList<QueueStatsRow> ByStaff, IReadOnlyList<QueueStatsRow> ByHour, AppointmentUse Appointments);

/// <summary>
/// 排队统计 (issue 12 §6): waiting time (taken → first call) and service time (serving or call → finish) per theme,
/// window, staff and hour of the day; no-show and transfer rates; appointment use; and per window the minutes it stood
/// idle while someone of its themes was waiting (from finishing one visitor to calling the next, counted when a ticket
/// of the window's themes was already waiting at the finish; pauses are not subtracted). Computed from the period's
/// tickets (at most 31 days) on request: an on-demand report, not a hot path.
/// </summary>
public sealed class QueueStats(OneSealDb db, WindowQueries windows, TimeProvider clock)
{
    public const int MaxDays = 31;
    public static readonly string[] Readers = [Roles.WindowChief, Roles.Leader, Roles.Monitor];

    public static bool MayRead(Actor actor) => Readers.Any(actor.Has);

    public async Task<QueueStatsView> ForAsync(Actor actor, string? from, string? to, CancellationToken ct)
    {
        if (!MayRead(actor)) throw new ForbiddenException("queue-stats", "只有窗口负责人、领导和监察人员可以查看排队统计。");
        var today = LegalDates.ToLegalDate(clock.Now());
        var end = Parse(to, "to") ?? today;
        var start = Parse(from, "from") ?? end;
        if (start > end) throw new InvalidInputException("from", "range", "起始日期（from）不能晚于截止日期（to）。");
        if (end.DayNumber - start.DayNumber + 1 > MaxDays) throw new InvalidInputException("to", "range", $"统计区间最长 {MaxDays} 天。");

        var views = await windows.ViewsAsync(null, ct);
        // By hall and day: the tickets' (hall_id, day, state) index.
        var halls = views.Select(v => v.HallId).Distinct().ToList();
        var tickets = await db.Set<Ticket>().AsNoTracking().Where(t => halls.Contains(t.HallId) && t.Day >= start && t.Day <= end)
            .Select(t => new Slim(t.ThemeCode, t.WindowId, t.StaffId, t.State, t.TakenAt, t.CalledAt, t.ServingAt, t.FinishedAt, t.Transfers, t.Day))
            .ToListAsync(ct);
        var themes = await windows.ThemesAsync(ct);
        var staffIds = tickets.Select(t => t.StaffId).OfType<Guid>().Distinct().ToList();
        var staff = await db.Set<Account>().Where(a => staffIds.Contains(a.Id)).ToDictionaryAsync(a => a.Id, a => a.DisplayName, ct);

        var waiting = WaitingSpans(tickets);
        var byWindow = tickets.Where(t => t.WindowId is not null).GroupBy(t => t.WindowId!.Value).Select(g =>
        {
            var w = views.FirstOrDefault(v => v.Id == g.Key);
            return Row(g.Key.ToString(), w is null ? "—" : $"{w.Number} {w.Name}", g.ToList(), IdleMinutes(g.ToList(), w?.Themes ?? [], waiting));
        }).OrderBy(r => r.Label, StringComparer.Ordinal).ToList();

        var booked = await db.Set<Appointment>().AsNoTracking().Where(a => a.Day >= start && a.Day <= end)
            .GroupBy(a => a.Status).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct);
        int Count(AppointmentStatus s) => booked.Where(b => b.Key == s).Sum(b => b.Count);
        var checkedIn = Count(AppointmentStatus.CheckedIn);
        var noShows = Count(AppointmentStatus.NoShow);

        return new QueueStatsView(start, end, Row("all", "合计", tickets),
            tickets.GroupBy(t => t.ThemeCode).Select(g => Row(g.Key, themes.FirstOrDefault(x => x.Value == g.Key)?.Label ?? g.Key, g.ToList()))
                .OrderBy(r => r.Key, StringComparer.Ordinal).ToList(),
            byWindow,
            tickets.Where(t => t.StaffId is not null).GroupBy(t => t.StaffId!.Value)
                .Select(g => Row(g.Key.ToString(), staff.GetValueOrDefault(g.Key) ?? "—", g.ToList())).OrderBy(r => r.Label, StringComparer.Ordinal).ToList(),
            tickets.GroupBy(t => LegalDates.ToLocal(t.TakenAt).Hour).OrderBy(g => g.Key)
                .Select(g => Row(g.Key.ToString("00", CultureInfo.InvariantCulture), $"{g.Key:00}:00–{g.Key + 1:00}:00", g.ToList())).ToList(),
            new AppointmentUse(booked.Sum(b => b.Count), checkedIn, noShows, Count(AppointmentStatus.Cancelled),
                checkedIn + noShows == 0 ? null : (double)checkedIn / (checkedIn + noShows)));
    }

    private sealed record Slim(string ThemeCode, Guid? WindowId, Guid? StaffId, TicketState State, DateTimeOffset TakenAt, DateTimeOffset? CalledAt,
        DateTimeOffset? ServingAt, DateTimeOffset? FinishedAt, int Transfers, DateOnly Day);

    private static QueueStatsRow Row(string key, string label, List<Slim> g, double? idle = null)
    {
        var called = g.Where(t => t.CalledAt is not null).ToList();
        var served = g.Where(t => t.State == TicketState.Finished && t.FinishedAt is not null).ToList();
        var noShow = g.Count(t => t.State == TicketState.NoShow);
        var transferred = g.Count(t => t.Transfers > 0);
        return new QueueStatsRow(key, label, g.Count, served.Count, noShow, transferred,
            called.Count == 0 ? null : Math.Round(called.Average(t => (t.CalledAt!.Value - t.TakenAt).TotalMinutes), 1),
            served.Count == 0 ? null : Math.Round(served.Average(t => (t.FinishedAt!.Value - (t.ServingAt ?? t.CalledAt ?? t.TakenAt)).TotalMinutes), 1),
            called.Count == 0 ? null : (double)noShow / called.Count,
            g.Count == 0 ? null : (double)transferred / g.Count,
            idle is null ? null : Math.Round(idle.Value, 1));
    }

    /// <summary>Minutes between finishing one visitor and calling the next, when a ticket of the window's themes already waited.</summary>
    private static double IdleMinutes(List<Slim> windowTickets, IReadOnlyCollection<string> themes, Dictionary<(DateOnly, string), List<(DateTimeOffset From, DateTimeOffset To)>> waiting)
    {
        var mine = windowTickets.Where(t => t.CalledAt is not null).OrderBy(t => t.CalledAt).ToList();
        var idle = 0.0;
        for (var i = 0; i + 1 < mine.Count; i++)
        {
            if (mine[i].FinishedAt is not { } finished || mine[i + 1].Day != mine[i].Day) continue;
            var next = mine[i + 1].CalledAt!.Value;
            if (next > finished && themes.Any(theme => waiting.TryGetValue((mine[i].Day, theme), out var spans) && Covers(spans, finished)))
                idle += (next - finished).TotalMinutes;
        }
        return idle;
    }

    /// <summary>Per day and theme, the times someone waited (taken → first call), merged into disjoint spans sorted by start.</summary>
    private static Dictionary<(DateOnly, string), List<(DateTimeOffset From, DateTimeOffset To)>> WaitingSpans(List<Slim> all) =>
        all.GroupBy(t => (t.Day, t.ThemeCode)).ToDictionary(g => g.Key, g =>
        {
            var merged = new List<(DateTimeOffset From, DateTimeOffset To)>();
            foreach (var (from, to) in g.Select(t => (t.TakenAt, t.CalledAt ?? DateTimeOffset.MaxValue)).OrderBy(x => x.TakenAt))
            {
                if (merged.Count > 0 && from <= merged[^1].To) merged[^1] = (merged[^1].From, to > merged[^1].To ? to : merged[^1].To);
                else merged.Add((from, to));
            }
            return merged;
        });

    /// <summary>Whether <paramref name="at"/> lies inside one of the spans (a strictly later end: the ticket was still waiting).</summary>
    private static bool Covers(List<(DateTimeOffset From, DateTimeOffset To)> spans, DateTimeOffset at)
    {
        int lo = 0, hi = spans.Count - 1;
        while (lo <= hi)
        {
            var mid = (lo + hi) / 2;
            if (spans[mid].From > at) hi = mid - 1;
            else if (spans[mid].To <= at) lo = mid + 1;
            else return true;
        }
        return false;
    }

    private static DateOnly? Parse(string? text, string field)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        return DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)
            ? d : throw new InvalidInputException(field, "date", $"日期（{field}）格式应为 yyyy-MM-dd。");
    }
}
