using OneSeal.Platform.Database;

namespace OneSeal.Tests.Infrastructure;

/// <summary>The type rules the schema comparison (Platform/SchemaMatchesModelTests) relies on.</summary>
public class DatabaseSchemaTests
{
    [Theory]
    [InlineData("varchar(64)", "character varying(64)")]
    [InlineData("character varying(64)", "character varying(64)")]
    [InlineData("VARCHAR (64)", "character varying(64)")]
    [InlineData("timestamptz", "timestamp with time zone")]
    [InlineData("timestamp(3) with time zone", "timestamp(3) with time zone")]
    [InlineData("timestamptz(3)", "timestamp(3) with time zone")]
    [InlineData("timestamp", "timestamp without time zone")]
    [InlineData("int4", "integer")]
    [InlineData("int8", "bigint")]
    [InlineData("bool", "boolean")]
    [InlineData("numeric(18, 2)", "numeric(18,2)")]
    [InlineData("decimal(18,2)", "numeric(18,2)")]
    [InlineData("text[]", "text[]")]
    [InlineData("varchar(8)[]", "character varying(8)[]")]
    [InlineData("uuid", "uuid")]
    [InlineData("double precision", "double precision")]
    public void Postgres_types_are_compared_in_PostgreSQL_s_own_spelling(string type, string expected) =>
        DatabaseSchema.NormalizePostgresType(type).ShouldBe(expected);

    [Fact]
    public void Postgres_lengths_matter()
    {
        DatabaseSchema.TypesCompatible(DatabaseProvider.Postgres, "character varying(32)", "character varying(33)").ShouldBeFalse();
        DatabaseSchema.TypesCompatible(DatabaseProvider.Postgres, "timestamp with time zone", "timestamp without time zone").ShouldBeFalse();
    }

    [Theory]
    [InlineData("INTEGER", "INTEGER")]
    [InlineData("BIGINT", "INTEGER")]
    [InlineData("TEXT", "TEXT")]
    [InlineData("VARCHAR(64)", "TEXT")]
    [InlineData("BLOB", "BLOB")]
    [InlineData("", "BLOB")]
    [InlineData("REAL", "REAL")]
    [InlineData("DOUBLE", "REAL")]
    [InlineData("NUMERIC", "NUMERIC")]
    [InlineData("DECIMAL(18,2)", "NUMERIC")]
    public void Sqlite_types_are_compared_by_affinity(string declared, string affinity) =>
        DatabaseSchema.SqliteAffinity(declared).ShouldBe(affinity);
}
