using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace OneSeal.Platform.Database;

/// <summary>Stores an instant as UTC ticks (SQLite only), so ordering and range queries run in SQL.</summary>
public sealed class DateTimeOffsetToUtcTicksConverter() : ValueConverter<DateTimeOffset, long>(
    v => v.UtcTicks,
    v => new DateTimeOffset(v, TimeSpan.Zero));
