using System.Globalization;
using OneSeal.Platform.Http;

namespace OneSeal.Calendar;

/// <summary>Public working-day arithmetic: the day of <c>from</c> is not counted; <c>to</c> is.</summary>
public static class CalendarApi
{
    public const int MaxDays = 3650;

    public static void MapCalendarApi(this IEndpointRouteBuilder app)
    {
        var g = app.MapGroup("/api/v1/calendar").AllowAnonymous().WithTags("calendar");

        g.MapGet("/add-working-days", (string? from, string? days, IWorkingDayCalendar calendar) =>
        {
            var start = ParseDate("from", from);
            if (!int.TryParse(days, NumberStyles.None, CultureInfo.InvariantCulture, out var n) || n > MaxDays)
                throw new InvalidInputException("days", "range", $"days 应为 0 到 {MaxDays} 之间的整数。");
            return TypedResults.Ok(new { from = start, days = n, due = calendar.AddWorkingDays(start, n) });
        });

        g.MapGet("/working-days", (string? from, string? to, IWorkingDayCalendar calendar) =>
        {
            var start = ParseDate("from", from);
            var end = ParseDate("to", to);
            if (end < start) throw new InvalidInputException("to", "not-before-from", "to 不能早于 from。");
            if (end.DayNumber - start.DayNumber > MaxDays * 2) throw new InvalidInputException("to", "range", "日期跨度过大。");
            return TypedResults.Ok(new { from = start, to = end, count = calendar.CountWorkingDays(start, end) });
        });
    }

    public static DateOnly ParseDate(string field, string? value) =>
        DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)
            ? d
            : throw new InvalidInputException(field, "date-format", $"{field} 应为日期，格式 YYYY-MM-DD。");
}
