using System.Globalization;
using OneSeal.Calendar;
using OneSeal.Platform.Time;

namespace OneSeal.Queue.Tickets;

/// <summary>
/// The queue's settings (section <c>Queue</c>):
/// <c>OpeningHours</c> "08:30-17:30" (periods separated by commas, e.g. "08:30-12:00,13:30-17:30"), on the calendar's
/// working days only; <c>PriorityBurst</c> 2: at most this many appointment / 绿色通道 calls in a row at a window while
/// normal tickets wait; <c>MaxRecalls</c> 3 and <c>RecallSeconds</c> 30: recall limits, and no-show only after
/// <c>MaxRecalls</c> recalls or <c>NoShowSeconds</c> (180) after the call; <c>TicketsPerMinute</c> 30 per client
/// address; <c>DefaultServiceMinutes</c> 8 for the estimate before the day's first finished ticket; <c>NoticeLine</c>
/// the board's scrolling line; <c>ExpirySweepSeconds</c> 60 (0 turns the closing-time sweep off).
/// </summary>
public sealed record QueueOptions(IReadOnlyList<(TimeOnly From, TimeOnly To)> OpeningHours, int PriorityBurst, int MaxRecalls, int RecallSeconds,
    int NoShowSeconds, int TicketsPerMinute, int DefaultServiceMinutes, string NoticeLine)
{
    public const string DefaultNoticeLine = "请留意叫号，过号请重新取号；老年人、残疾人、孕妇等可走绿色通道优先办理。欢迎对窗口服务作出评价。";

    public static QueueOptions From(IConfiguration config) => new(
        ParseHours(config["Queue:OpeningHours"] ?? "08:30-17:30"),
        Math.Max(1, config.GetValue("Queue:PriorityBurst", 2)),
        Math.Max(0, config.GetValue("Queue:MaxRecalls", 3)),
        Math.Max(0, config.GetValue("Queue:RecallSeconds", 30)),
        Math.Max(0, config.GetValue("Queue:NoShowSeconds", 180)),
        Math.Max(1, config.GetValue("Queue:TicketsPerMinute", 30)),
        Math.Max(1, config.GetValue("Queue:DefaultServiceMinutes", 8)),
        config["Queue:NoticeLine"] is { Length: > 0 } line ? line : DefaultNoticeLine);

    private static List<(TimeOnly, TimeOnly)> ParseHours(string text)
    {
        var periods = new List<(TimeOnly, TimeOnly)>();
        foreach (var part in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var ends = part.Split('-', StringSplitOptions.TrimEntries);
            if (ends.Length != 2 || !TimeOnly.TryParseExact(ends[0], "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var from)
                || !TimeOnly.TryParseExact(ends[1], "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var to) || to <= from)
                throw new InvalidOperationException($"Queue:OpeningHours: \"{part}\" is not a period like 08:30-17:30.");
            periods.Add((from, to));
        }
        if (periods.Count == 0) throw new InvalidOperationException("Queue:OpeningHours names no period.");
        return periods.OrderBy(p => p.Item1).ToList();
    }

    /// <summary>Whether the hall takes tickets at <paramref name="now"/>: a working day, within a period.</summary>
    public bool IsOpen(IWorkingDayCalendar calendar, DateTimeOffset now)
    {
        var local = LegalDates.ToLocal(now);
        var time = TimeOnly.FromDateTime(local.DateTime);
        return calendar.IsWorkingDay(DateOnly.FromDateTime(local.DateTime)) && OpeningHours.Any(p => time >= p.From && time < p.To);
    }

    /// <summary>The hall's closing time on <paramref name="day"/> (the end of its last period), as an instant.</summary>
    public DateTimeOffset ClosingOf(DateOnly day) => LegalDates.StartOf(day) + OpeningHours[^1].To.ToTimeSpan();

    /// <summary>When the hall next opens after <paramref name="now"/> (within a year), in local time.</summary>
    public DateTimeOffset? NextOpening(IWorkingDayCalendar calendar, DateTimeOffset now)
    {
        var local = LegalDates.ToLocal(now);
        var day = DateOnly.FromDateTime(local.DateTime);
        var time = TimeOnly.FromDateTime(local.DateTime);
        for (var i = 0; i < 366; i++, day = day.AddDays(1))
        {
            if (!calendar.IsWorkingDay(day)) continue;
            foreach (var p in OpeningHours)
                if (i > 0 || p.From > time)
                    return LegalDates.ToLocal(LegalDates.StartOf(day) + p.From.ToTimeSpan());
        }
        return null;
    }

    public string HoursText => string.Join("、", OpeningHours.Select(p => $"{p.From:HH\\:mm}–{p.To:HH\\:mm}"));
}
