using OneSeal.Platform.Time;

namespace OneSeal.Tests.Platform;

public class LegalDatesTests
{
    [Fact]
    public void A_legal_date_begins_at_midnight_in_Shanghai_expressed_in_UTC()
    {
        var start = LegalDates.StartOf(new DateOnly(2026, 11, 23));
        start.Offset.ShouldBe(TimeSpan.Zero);
        start.ShouldBe(new DateTimeOffset(2026, 11, 22, 16, 0, 0, TimeSpan.Zero));
    }

    [Theory]
    [InlineData("2026-11-22T15:59:59Z", "2026-11-22")]
    [InlineData("2026-11-22T16:00:00Z", "2026-11-23")]
    [InlineData("2025-12-31T16:30:00Z", "2026-01-01")]
    public void An_instant_falls_on_the_Shanghai_calendar_date(string instant, string date) =>
        LegalDates.ToLegalDate(DateTimeOffset.Parse(instant)).ShouldBe(DateOnly.Parse(date));

    [Fact]
    public void Now_is_truncated_to_the_microsecond_PostgreSQL_keeps()
    {
        var clock = new OneSeal.Tests.Infrastructure.FakeTimeProvider(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero).AddTicks(1234567));
        (clock.Now().UtcTicks % 10).ShouldBe(0);
    }
}
