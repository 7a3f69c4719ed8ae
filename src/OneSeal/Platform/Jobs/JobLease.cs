using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using OneSeal.Platform.Database;

namespace OneSeal.Platform.Jobs;

/// <summary>Who runs a periodic job right now. With several app instances, only the lease holder sweeps.</summary>
public sealed class JobLease
{
    public required string Name { get; set; }
    public required string Holder { get; set; }
    public DateTimeOffset LeaseUntil { get; set; }
}

internal sealed class JobLeaseConfiguration : IEntityTypeConfiguration<JobLease>
{
    public void Configure(EntityTypeBuilder<JobLease> b)
    {
        b.ToTable("job_leases");
        b.HasKey(x => x.Name);
        b.Property(x => x.Name).HasMaxLength(64);
        b.Property(x => x.Holder).HasMaxLength(128);
    }
}

public static class JobLeases
{
    /// <summary>This process's name in leases: machine, process and a random part, cut to the column's 128 characters.</summary>
    public static readonly string Instance = Fit($"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid():N}");

    private static string Fit(string holder) => holder.Length <= 128 ? holder : holder[^128..];

    /// <summary>
    /// Takes or renews the lease when it is free, expired, or already ours — one upsert statement, so two
    /// instances cannot both win. Returns whether this instance holds it until <paramref name="until"/>.
    /// </summary>
    public static async Task<bool> TryClaimAsync(this OneSealDb db, string name, DateTimeOffset now, DateTimeOffset until, CancellationToken ct)
    {
        // Instants are ticks on SQLite and timestamptz on PostgreSQL (see OneSealDb.ConfigureConventions).
        object nowValue = db.IsPostgres ? now : now.UtcTicks;
        object untilValue = db.IsPostgres ? until : until.UtcTicks;
        var holders = await db.Database.SqlQuery<string>($"""
            INSERT INTO job_leases (name, holder, lease_until) VALUES ({name}, {Instance}, {untilValue})
            ON CONFLICT (name) DO UPDATE SET holder = excluded.holder, lease_until = excluded.lease_until
            WHERE job_leases.lease_until < {nowValue} OR job_leases.holder = excluded.holder
            RETURNING holder AS "Value"
            """).ToListAsync(ct);
        return holders.Count == 1;
    }
}
