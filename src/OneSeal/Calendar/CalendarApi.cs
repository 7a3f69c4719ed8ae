using System.Globalization;
using OneSeal.Platform.Http;

namespace OneSeal.Calendar;

/// <summary>
/// Public working-day arithmetic: the day of <c>from</c> is not counted; <c>to</c> is. A count that reaches a year whose
/// holidays are not entered says so (<c>calendarIncomplete</c>, <c>missingYears</c>): there only weekends were skipped.
/// </summary>
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
            var due = calendar.AddWorkingDays(start, n);
            var missing = calendar.MissingYears(start, due);
            return TypedResults.Ok(new { from = start, days = n, due, calendarIncomplete = missing.Count > 0, missingYears = missing });
        }).WithName("addWorkingDays").WithSummary("Add working days to a date");

        g.MapGet("/working-days", (string? from, string? to, IWorkingDayCalendar calendar) =>
        {
            var start = ParseDate("from", from);
            var end = ParseDate("to", to);
            if (end < start) throw new InvalidInputException("to", "not-before-from", "to 不能早于 from。");
            if (end.DayNumber - start.DayNumber > MaxDays * 2) throw new InvalidInputException("to", "range", "日期跨度过大。");
            var missing = calendar.MissingYears(start, end);
            return TypedResults.Ok(new { from = start, to = end, count = calendar.CountWorkingDays(start, end), calendarIncomplete = missing.Count > 0, missingYears = missing });
        }).WithName("countWorkingDays").WithSummary("List the working days between two dates");
    }

    public sealed record YearRequest(string? Notice, List<HolidayRange>? Holidays, List<MakeUpDay>? Workdays);
    public sealed record ClosureRequest(DateOnly? Date, string? Name);

    /// <summary>Administration: <c>GET /api/v1/calendar/years</c>, <c>PUT /api/v1/calendar/years/{year}</c>, <c>POST /api/v1/calendar/closures</c>.</summary>
    public static void MapCalendarAdminApi(this IEndpointRouteBuilder app)
    {
        var g = app.MapGroup("/api/v1/calendar").RequireAuthorization(Platform.Security.AuthSetup.ApiPolicy).WithTags("calendar");

        g.MapGet("/years", async (Platform.Database.OneSealDb db, CancellationToken ct) =>
        {
            var years = await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.ToListAsync(
                db.Set<CalendarYear>().OrderBy(y => y.Region).ThenBy(y => y.Year), ct);
            return TypedResults.Ok(years.Select(y => new { region = y.Region, year = y.Year, notice = y.Notice, updatedAt = y.UpdatedAt }));
        }).WithName("listCalendarYears").WithSummary("List the calendar years and their holiday status");

        g.MapPut("/years/{year:int}", async (int year, YearRequest? body, HttpContext http, CalendarAdmin admin, CancellationToken ct) =>
        {
            if (body is null) throw new InvalidInputException("body", "required", "请求体不能为空。");
            await admin.SaveYearAsync(Platform.Security.HttpActor.Of(http), year, body.Notice, body.Holidays, body.Workdays, ct);
            return TypedResults.NoContent();
        }).WithName("setCalendarYear").WithSummary("Set a year's holidays and adjusted working days");

        g.MapPost("/closures", async (ClosureRequest? body, HttpContext http, CalendarAdmin admin, CancellationToken ct) =>
        {
            await admin.AddClosureAsync(Platform.Security.HttpActor.Of(http), body?.Date, body?.Name, ct);
            return TypedResults.NoContent();
        }).WithName("addCalendarClosure").WithSummary("Declare an unplanned closure day");
    }

    /// <summary>Legal dates the product counts with: far enough for any time limit, and never near <see cref="DateOnly.MaxValue"/>.</summary>
    public static readonly DateOnly MinDate = new(1900, 1, 1), MaxDate = new(2999, 12, 31);

    public static DateOnly ParseDate(string field, string? value) =>
        !DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)
            ? throw new InvalidInputException(field, "date-format", $"{field} 应为日期，格式 YYYY-MM-DD。")
            : d < MinDate || d > MaxDate
                ? throw new InvalidInputException(field, "date-range", $"{field} 应在 {MinDate:yyyy-MM-dd} 至 {MaxDate:yyyy-MM-dd} 之间。")
                : d;
}
