using Microsoft.EntityFrameworkCore;
using OneSeal.Platform.Database;
using OneSeal.Tests.Infrastructure;

namespace OneSeal.Tests.Platform;

/// <summary>
/// The hand-kept SQL migrations (Platform/Database/Migrations/{Sqlite|Postgres}/*.sql, applied by
/// <see cref="MigrationRunner"/>) must build exactly the schema the EF model of <see cref="OneSealDb"/>
/// expects, on each database (docs/decisions/0002-own-migrations.md). Each test makes a fresh database.
/// </summary>
public abstract class SchemaMatchesModelTests(DatabaseProvider provider)
{
    /// <summary>
    /// Tables allowed in the database without being in the EF model. Add one only with a reason
    /// (e.g. an FTS5 virtual table and its shadow tables, maintained by SQL the model cannot express).
    /// </summary>
    public static readonly IReadOnlyList<string> AllowedExtraTables = ["schema_migrations"];

    [Fact]
    public async Task Migrated_schema_matches_the_model()
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        MigrationRunner.Scripts(provider).ShouldNotBeEmpty(
            $"No migration scripts are embedded under src/OneSeal/Platform/Database/Migrations/{provider}/*.sql.");

        await database.MigrateAsync();

        await AssertSchemaMatchesModel(database);
    }

    [Fact]
    public async Task Migrating_twice_is_a_no_op()
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var scripts = MigrationRunner.Scripts(provider);

        (await database.MigrateAsync()).ShouldBe(scripts.Count);
        var before = await Describe(database);
        var appliedBefore = await AppliedVersions(database);

        (await database.MigrateAsync()).ShouldBe(0, "the second run must apply nothing");
        (await Describe(database)).ShouldBe(before, "the second run must not change the schema");
        (await AppliedVersions(database)).ShouldBe(appliedBefore);
        appliedBefore.ShouldBe(scripts.Select(s => s.Version).ToList());
    }

    [Fact]
    public async Task Migrate_only_switch_builds_the_schema_on_an_empty_database()
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var dataRoot = Directory.CreateTempSubdirectory("oneseal-migrate-only-").FullName;
        try
        {
            var (exitCode, output) = await AppProcess.RunAsync(["--migrate-only"], new()
            {
                ["Database__Provider"] = provider.ToString(),
                ["ConnectionStrings__Default"] = database.ConnectionString,
                ["OneSeal__DataRoot"] = dataRoot,
                ["OneSeal__Mode"] = "Production",
            }, workingDirectory: dataRoot);
            exitCode.ShouldBe(0, $"OneSeal --migrate-only failed:\n{output}");

            (await AppliedVersions(database)).ShouldBe(MigrationRunner.Scripts(provider).Select(s => s.Version).ToList());
            await AssertSchemaMatchesModel(database);
        }
        finally
        {
            TestDatabase.TryDeleteFolder(dataRoot);
        }
    }

    private static async Task AssertSchemaMatchesModel(TestDatabase database)
    {
        await using var db = database.NewContext();
        var model = DatabaseSchema.FromModel(db);
        var actual = await DatabaseSchema.ReadAsync(db);
        var differences = DatabaseSchema.Compare(model, actual, AllowedExtraTables);
        if (differences.Count > 0)
            Assert.Fail($"The migrated {database.Provider} schema differs from the EF model in {differences.Count} place(s):\n  - "
                + string.Join("\n  - ", differences)
                + "\nRegenerate or fix the scripts in src/OneSeal/Platform/Database/Migrations (docs/decisions/0002-own-migrations.md).");
    }

    private static async Task<string> Describe(TestDatabase database)
    {
        await using var db = database.NewContext();
        var schema = await DatabaseSchema.ReadAsync(db);
        return string.Join("\n", schema.Tables.Values.OrderBy(t => t.Name, StringComparer.Ordinal).Select(t =>
            $"{t.Name}: {string.Join(", ", t.Columns.Values.OrderBy(c => c.Name, StringComparer.Ordinal).Select(c => $"{c.Name} {c.StoreType} {(c.Nullable ? "NULL" : "NOT NULL")}"))}"
            + $" | pk {t.PrimaryKeyName}({string.Join(",", t.PrimaryKey)})"
            + $" | ix {string.Join("; ", t.Indexes.OrderBy(i => i.Name, StringComparer.Ordinal).Select(i => $"{i.Name}{(i.Unique ? " unique" : "")}({string.Join(",", i.Columns)})"))}"
            + $" | fk {string.Join("; ", t.ForeignKeys.Select(f => f.Describe() + " " + f.OnDelete).Order(StringComparer.Ordinal))}"));
    }

    private static async Task<List<string>> AppliedVersions(TestDatabase database)
    {
        await using var db = database.NewContext();
        var conn = db.Database.GetDbConnection();
        await conn.OpenAsync();
        await using var cmd = conn.CreateCommand();
        cmd.CommandText = "SELECT version FROM schema_migrations ORDER BY version";
        var versions = new List<string>();
        await using var reader = await cmd.ExecuteReaderAsync();
        while (await reader.ReadAsync()) versions.Add(reader.GetString(0));
        return versions.Order(StringComparer.Ordinal).ToList();
    }
}

[Trait("Provider", "Sqlite")]
public sealed class SchemaMatchesModelTests_Sqlite() : SchemaMatchesModelTests(DatabaseProvider.Sqlite);

[Trait("Provider", "Postgres")]
public sealed class SchemaMatchesModelTests_Postgres() : SchemaMatchesModelTests(DatabaseProvider.Postgres);
