namespace OneSeal.Platform.Time;

/// <summary>
/// Instants are stored in UTC; legal dates (accepted on, due on, issued on) are calendar dates in Asia/Shanghai.
/// </summary>
public static class LegalDates
{
    // China has kept UTC+8 without daylight saving since 1991; the fixed offset is the fallback when tzdata is absent.
    private static readonly TimeZoneInfo Shanghai = FindShanghai();

    public static DateOnly ToLegalDate(DateTimeOffset instant) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, Shanghai).DateTime);

    public static DateOnly Today(TimeProvider clock) => ToLegalDate(clock.GetUtcNow());

    /// <summary>The instant (in UTC, as stored) a legal date begins in Asia/Shanghai.</summary>
    public static DateTimeOffset StartOf(DateOnly date)
    {
        var local = date.ToDateTime(TimeOnly.MinValue);
        return new DateTimeOffset(local, Shanghai.GetUtcOffset(local)).ToUniversalTime();
    }

    public static DateTimeOffset ToLocal(DateTimeOffset instant) => TimeZoneInfo.ConvertTime(instant, Shanghai);

    private static TimeZoneInfo FindShanghai()
    {
        try { return TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai"); }
        catch (TimeZoneNotFoundException) { return TimeZoneInfo.CreateCustomTimeZone("Asia/Shanghai", TimeSpan.FromHours(8), "China Standard Time", "CST"); }
    }
}
