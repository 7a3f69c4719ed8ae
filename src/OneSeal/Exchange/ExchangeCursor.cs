using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace OneSeal.Exchange;

/// <summary>How far an outbound channel (the broker) has carried the events: every event with <c>seq</c> ≤ <see cref="Seq"/> is confirmed delivered.</summary>
public sealed class ExchangeCursor
{
    public required string Name { get; set; }
    public long Seq { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}

internal sealed class ExchangeCursorConfiguration : IEntityTypeConfiguration<ExchangeCursor>
{
    public void Configure(EntityTypeBuilder<ExchangeCursor> b)
    {
        b.ToTable("exchange_cursors");
        b.HasKey(x => x.Name);
        b.Property(x => x.Name).HasMaxLength(64);
        b.Property(x => x.Seq).ValueGeneratedNever();
    }
}
