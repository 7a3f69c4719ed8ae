using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace OneSeal.Platform.Database;

/// <summary>A named counter (case numbers per day, notice numbers per kind and year, certificate numbers per year).</summary>
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
    /// The next value of the named counter, taken by <see cref="UnitOfWork.CommitAsync"/> after everything else is written
    /// and handed to <paramref name="assign"/> (which sets the number on a row added with a placeholder): the counter's row
    /// lock, which serialises every command numbering the same kind until it commits, is then held only for the number's
    /// own statements and the COMMIT.
    /// </summary>
    public static void NumberAtCommit(this OneSealDb db, string name, Action<long> assign) => db.NumbersAtCommit.Add((name, assign));

    /// <summary>
    /// A number taken at commit like <see cref="NumberAtCommit(OneSealDb, string, Action{long})"/>, for a document whose number
    /// other rows of the same unit of work repeat (the certificate's: the case, the approval notice, the timeline line, the
    /// events). Returns a placeholder to write wherever the number belongs; at commit the number is formatted and the
    /// placeholder replaced in every string property of every tracked row, so nothing that shows it needs a handle on
    /// the others. Audit lines are chained before numbers are taken: they must name the document otherwise (its id).
    /// </summary>
    public static string NumberAtCommit(this OneSealDb db, string name, Func<long, string> format)
    {
        var placeholder = "~" + Guid.NewGuid().ToString("N")[..24];
        db.NumberAtCommit(name, sequence => Replace(db, placeholder, format(sequence)));
        return placeholder;
    }

    private static void Replace(OneSealDb db, string placeholder, string value)
    {
        foreach (var entry in db.ChangeTracker.Entries())
            foreach (var property in entry.Properties)
                if (!property.Metadata.IsKey() && property.CurrentValue is string text && text.Contains(placeholder, StringComparison.Ordinal))
                    property.CurrentValue = text.Replace(placeholder, value, StringComparison.Ordinal);
    }

    /// <summary>Takes the numbers registered with <see cref="NumberAtCommit(OneSealDb, string, Action{long})"/>, counters in name order (no two commands wait on each other's counters).</summary>
    internal static async Task<bool> AssignNumbersAsync(this OneSealDb db, CancellationToken ct)
    {
        if (db.NumbersAtCommit.Count == 0) return false;
        var pending = db.NumbersAtCommit.OrderBy(n => n.Counter, StringComparer.Ordinal).ToList();
        db.NumbersAtCommit.Clear();
        foreach (var (counter, assign) in pending) assign(await db.NextAsync(counter, ct));
        return true;
    }

    /// <summary>
    /// Next value of the named counter, in the caller's transaction (case commands always run in one): the increment commits with the
    /// document that carries the number or rolls back with it, so a register numbered from here has no holes
    /// (docs/decisions/0009-case-state-machine.md). Outside a transaction the increment would autocommit and a failed
    /// command would leave a hole, so that is refused. The upsert locks the counter's row until that transaction ends, which
    /// serialises numbering of one name: take numbers late in a command. One statement works on SQLite (3.35+) and PostgreSQL.
    /// </summary>
    public static async Task<long> NextAsync(this OneSealDb db, string name, CancellationToken ct)
    {
        if (db.Database.CurrentTransaction is null)
            throw new InvalidOperationException($"Counter {name} is numbered only inside a transaction (a number taken in autocommit leaves a hole when its command fails).");
        var values = await db.Database
            .SqlQuery<long>($"INSERT INTO sequences (name, value) VALUES ({name}, 1) ON CONFLICT (name) DO UPDATE SET value = sequences.value + 1 RETURNING value AS \"Value\"")
            .ToListAsync(ct);
        return values.Single();
    }
}
