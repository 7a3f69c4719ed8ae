using Microsoft.EntityFrameworkCore;

namespace OneSeal.Platform.Database;

/// <summary>
/// The one database context. Each capability owns its entities and their
/// <see cref="IEntityTypeConfiguration{TEntity}"/> in its own folder; they are picked up here.
/// </summary>
public sealed class OneSealDb(DbContextOptions<OneSealDb> options) : DbContext(options)
{
    public bool IsPostgres => Database.ProviderName == "Npgsql.EntityFrameworkCore.PostgreSQL";

    /// <summary>Numbers the unit of work takes last, just before COMMIT (<see cref="Sequences.NumberAtCommit"/>).</summary>
    internal List<(string Counter, Action<long> Assign)> NumbersAtCommit { get; } = [];

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(OneSealDb).Assembly);
        SnakeCaseNames.Apply(modelBuilder);
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // SQLite has no native instant type and cannot compare DateTimeOffset text server-side,
        // so instants are stored there as UTC ticks; PostgreSQL keeps timestamptz.
        if (!IsPostgres)
            configurationBuilder.Properties<DateTimeOffset>().HaveConversion<DateTimeOffsetToUtcTicksConverter>();
    }
}
