using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace OneSeal.Platform.Database;

/// <summary>A named counter (case numbers per day, certificate numbers per year).</summary>
public sealed class Sequence
{
    public required string Name { get; set; }
    public long Value { get; set; }
}

internal sealed class SequenceConfiguration : IEntityTypeConfiguration<Sequence>
{
    public void Configure(EntityTypeBuilder<Sequence> b)
    {
        b.ToTable("sequences");
        b.HasKey(x => x.Name);
        b.Property(x => x.Name).HasMaxLength(64);
    }
}

public static class Sequences
{
    /// <summary>
    /// Next value of the named counter, atomically, in the caller's transaction if there is one.
    /// One upsert statement works on SQLite (3.35+) and PostgreSQL, so two instances never get the same value.
    /// </summary>
    public static async Task<long> NextAsync(this OneSealDb db, string name, CancellationToken ct)
    {
        var values = await db.Database
            .SqlQuery<long>($"INSERT INTO sequences (name, value) VALUES ({name}, 1) ON CONFLICT (name) DO UPDATE SET value = sequences.value + 1 RETURNING value AS \"Value\"")
            .ToListAsync(ct);
        return values.Single();
    }
}
