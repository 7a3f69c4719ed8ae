namespace OneSeal.Platform.Time;

public static class Instants
{
    /// <summary>
    /// Now, truncated to the microsecond: PostgreSQL's timestamptz keeps microseconds, so a value read back
    /// equals the value written (the audit hash and "uploaded after the notice" comparisons depend on it).
    /// </summary>
    public static DateTimeOffset Now(this TimeProvider clock) => Truncate(clock.GetUtcNow());

    public static DateTimeOffset Truncate(DateTimeOffset instant) =>
        new(instant.UtcTicks - instant.UtcTicks % 10, TimeSpan.Zero);
}
