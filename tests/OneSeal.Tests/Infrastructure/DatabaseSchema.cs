using System.Data.Common;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Migrations;
using OneSeal.Platform.Database;

namespace OneSeal.Tests.Infrastructure;

public sealed record ColumnSchema(string Name, string StoreType, bool Nullable);

public sealed record IndexSchema(string Name, bool Unique, IReadOnlyList<string> Columns, bool Partial, bool FromConstraint);

public sealed record ForeignKeySchema(string? Name, IReadOnlyList<string> Columns, string PrincipalTable, IReadOnlyList<string> PrincipalColumns, string OnDelete)
{
    public string Describe() => $"({string.Join(", ", Columns)}) → {PrincipalTable}({string.Join(", ", PrincipalColumns)})";
}

public sealed class TableSchema(string name, StringComparer names)
{
    public string Name { get; } = name;
    public Dictionary<string, ColumnSchema> Columns { get; } = new(names);
    public List<string> PrimaryKey { get; } = [];
    public string? PrimaryKeyName { get; set; }
    public List<IndexSchema> Indexes { get; } = [];
    public List<ForeignKeySchema> ForeignKeys { get; } = [];
}

/// <summary>
/// Tables, columns, keys, indexes and foreign keys — as the EF model of <see cref="OneSealDb"/> wants them
/// (<see cref="FromModel"/>) or as a real database has them (<see cref="ReadAsync"/>: SQLite's
/// sqlite_master and pragmas, PostgreSQL's catalogs) — and the differences between the two (<see cref="Compare"/>).
/// </summary>
public sealed class DatabaseSchema
{
    private DatabaseSchema(DatabaseProvider provider)
    {
        Provider = provider;
        // SQLite matches names without regard to case; PostgreSQL (quoted, as EF writes them) exactly.
        Names = provider == DatabaseProvider.Sqlite ? StringComparer.OrdinalIgnoreCase : StringComparer.Ordinal;
        Tables = new Dictionary<string, TableSchema>(Names);
    }

    public DatabaseProvider Provider { get; }
    public StringComparer Names { get; }
    public Dictionary<string, TableSchema> Tables { get; }

    private static DatabaseProvider ProviderOf(OneSealDb db) => db.IsPostgres ? DatabaseProvider.Postgres : DatabaseProvider.Sqlite;

    private static string Key(string? schema, string name) =>
        schema is null or "public" ? name : $"{schema}.{name}";

    // ---------------------------------------------------------------- the model

    public static DatabaseSchema FromModel(OneSealDb db)
    {
        var result = new DatabaseSchema(ProviderOf(db));
        var model = db.GetService<IDesignTimeModel>().Model.GetRelationalModel();
        foreach (var table in model.Tables)
        {
            var t = new TableSchema(Key(table.Schema, table.Name), result.Names);
            foreach (var c in table.Columns) t.Columns[c.Name] = new ColumnSchema(c.Name, c.StoreType, c.IsNullable);
            if (table.PrimaryKey is { } pk)
            {
                t.PrimaryKeyName = pk.Name;
                t.PrimaryKey.AddRange(pk.Columns.Select(c => c.Name));
            }
            foreach (var uc in table.UniqueConstraints.Where(u => u != table.PrimaryKey))
                t.Indexes.Add(new IndexSchema(uc.Name, true, uc.Columns.Select(c => c.Name).ToList(), false, FromConstraint: true));
            foreach (var ix in table.Indexes)
                t.Indexes.Add(new IndexSchema(ix.Name, ix.IsUnique, ix.Columns.Select(c => c.Name).ToList(), ix.Filter is not null, FromConstraint: false));
            foreach (var fk in table.ForeignKeyConstraints)
                t.ForeignKeys.Add(new ForeignKeySchema(fk.Name, fk.Columns.Select(c => c.Name).ToList(),
                    Key(fk.PrincipalTable.Schema, fk.PrincipalTable.Name), fk.PrincipalColumns.Select(c => c.Name).ToList(),
                    OnDeleteName(fk.OnDeleteAction)));
            result.Tables[t.Name] = t;
        }
        return result;
    }

    private static string OnDeleteName(ReferentialAction action) => action switch
    {
        ReferentialAction.Cascade => "CASCADE",
        ReferentialAction.Restrict => "RESTRICT",
        ReferentialAction.SetNull => "SET NULL",
        ReferentialAction.SetDefault => "SET DEFAULT",
        _ => "NO ACTION",
    };

    // ---------------------------------------------------------------- the database

    public static async Task<DatabaseSchema> ReadAsync(OneSealDb db, CancellationToken ct = default)
    {
        var result = new DatabaseSchema(ProviderOf(db));
        var conn = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            if (result.Provider == DatabaseProvider.Sqlite) await result.ReadSqliteAsync(conn, ct);
            else await result.ReadPostgresAsync(conn, ct);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
        return result;
    }

    private async Task ReadSqliteAsync(DbConnection conn, CancellationToken ct)
    {
        var tableNames = await QueryAsync(conn, "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name",
            r => r.GetString(0), ct);
        foreach (var name in tableNames)
        {
            var t = new TableSchema(name, Names);
            var columns = await QueryAsync(conn, "SELECT name, type, \"notnull\", pk FROM pragma_table_info(@p0)",
                r => (Name: r.GetString(0), Type: r.GetString(1), NotNull: r.GetInt64(2) != 0, Pk: r.GetInt64(3)), ct, name);
            foreach (var c in columns) t.Columns[c.Name] = new ColumnSchema(c.Name, c.Type, !c.NotNull);
            t.PrimaryKey.AddRange(columns.Where(c => c.Pk > 0).OrderBy(c => c.Pk).Select(c => c.Name));

            var indexes = await QueryAsync(conn, "SELECT name, \"unique\", origin, partial FROM pragma_index_list(@p0)",
                r => (Name: r.GetString(0), Unique: r.GetInt64(1) != 0, Origin: r.GetString(2), Partial: r.GetInt64(3) != 0), ct, name);
            foreach (var ix in indexes.Where(i => i.Origin != "pk"))
            {
                var cols = await QueryAsync(conn, "SELECT name FROM pragma_index_info(@p0) ORDER BY seqno",
                    r => r.IsDBNull(0) ? "<expression>" : r.GetString(0), ct, ix.Name);
                t.Indexes.Add(new IndexSchema(ix.Name, ix.Unique, cols, ix.Partial, FromConstraint: ix.Origin == "u"));
            }

            var fks = await QueryAsync(conn, "SELECT id, \"table\", \"from\", \"to\", on_delete FROM pragma_foreign_key_list(@p0) ORDER BY id, seq",
                r => (Id: r.GetInt64(0), Table: r.GetString(1), From: r.GetString(2), To: r.IsDBNull(3) ? "" : r.GetString(3), OnDelete: r.GetString(4)), ct, name);
            foreach (var fk in fks.GroupBy(f => f.Id))
                t.ForeignKeys.Add(new ForeignKeySchema(null, fk.Select(f => f.From).ToList(), fk.First().Table,
                    fk.Select(f => f.To).ToList(), fk.First().OnDelete.ToUpperInvariant()));
            Tables[name] = t;
        }
    }

    private const string UserSchemas =
        "n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\\_toast%' AND n.nspname NOT LIKE 'pg\\_temp%'";

    private async Task ReadPostgresAsync(DbConnection conn, CancellationToken ct)
    {
        foreach (var (schema, name) in await QueryAsync(conn,
                     $"SELECT n.nspname, c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.relkind IN ('r', 'p') AND {UserSchemas}",
                     r => (r.GetString(0), r.GetString(1)), ct))
            Tables[Key(schema, name)] = new TableSchema(Key(schema, name), Names);

        // information_schema.columns has the names and nullability; format_type gives the full type, e.g. character varying(64).
        foreach (var c in await QueryAsync(conn, $"""
                     SELECT n.nspname, c.relname, a.attname, format_type(a.atttypid, a.atttypmod), col.is_nullable = 'YES'
                     FROM information_schema.columns col
                     JOIN pg_namespace n ON n.nspname = col.table_schema
                     JOIN pg_class c ON c.relnamespace = n.oid AND c.relname = col.table_name AND c.relkind IN ('r', 'p')
                     JOIN pg_attribute a ON a.attrelid = c.oid AND a.attname = col.column_name AND a.attnum > 0 AND NOT a.attisdropped
                     WHERE {UserSchemas}
                     """,
                     r => (Table: Key(r.GetString(0), r.GetString(1)), Name: r.GetString(2), Type: r.GetString(3), Nullable: r.GetBoolean(4)), ct))
            if (Tables.TryGetValue(c.Table, out var t)) t.Columns[c.Name] = new ColumnSchema(c.Name, c.Type, c.Nullable);

        foreach (var ix in await QueryAsync(conn, $"""
                     SELECT n.nspname, t.relname, i.relname, ix.indisunique, ix.indisprimary, ix.indpred IS NOT NULL,
                            EXISTS (SELECT 1 FROM pg_constraint con WHERE con.conindid = ix.indexrelid AND con.contype = 'u'),
                            ARRAY(SELECT coalesce(a.attname, '<expression>') FROM unnest(ix.indkey::int2[]) WITH ORDINALITY k(attnum, ord)
                                  LEFT JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = k.attnum ORDER BY k.ord)
                     FROM pg_index ix
                     JOIN pg_class i ON i.oid = ix.indexrelid
                     JOIN pg_class t ON t.oid = ix.indrelid
                     JOIN pg_namespace n ON n.oid = t.relnamespace
                     WHERE t.relkind IN ('r', 'p') AND {UserSchemas}
                     """,
                     r => (Table: Key(r.GetString(0), r.GetString(1)), Name: r.GetString(2), Unique: r.GetBoolean(3), Primary: r.GetBoolean(4),
                         Partial: r.GetBoolean(5), Constraint: r.GetBoolean(6), Columns: r.GetFieldValue<string[]>(7)), ct))
        {
            if (!Tables.TryGetValue(ix.Table, out var t)) continue;
            if (ix.Primary)
            {
                t.PrimaryKeyName = ix.Name;
                t.PrimaryKey.AddRange(ix.Columns);
            }
            else t.Indexes.Add(new IndexSchema(ix.Name, ix.Unique, ix.Columns, ix.Partial, ix.Constraint));
        }

        foreach (var fk in await QueryAsync(conn, $"""
                     SELECT n.nspname, c.relname, con.conname, pn.nspname, pc.relname,
                            ARRAY(SELECT a.attname FROM unnest(con.conkey) WITH ORDINALITY k(attnum, ord)
                                  JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.attnum ORDER BY k.ord)::text[],
                            ARRAY(SELECT a.attname FROM unnest(con.confkey) WITH ORDINALITY k(attnum, ord)
                                  JOIN pg_attribute a ON a.attrelid = con.confrelid AND a.attnum = k.attnum ORDER BY k.ord)::text[],
                            con.confdeltype::text
                     FROM pg_constraint con
                     JOIN pg_class c ON c.oid = con.conrelid JOIN pg_namespace n ON n.oid = c.relnamespace
                     JOIN pg_class pc ON pc.oid = con.confrelid JOIN pg_namespace pn ON pn.oid = pc.relnamespace
                     WHERE con.contype = 'f' AND {UserSchemas}
                     """,
                     r => (Table: Key(r.GetString(0), r.GetString(1)), Name: r.GetString(2), Principal: Key(r.GetString(3), r.GetString(4)),
                         Columns: r.GetFieldValue<string[]>(5), PrincipalColumns: r.GetFieldValue<string[]>(6), OnDelete: r.GetString(7)), ct))
        {
            if (!Tables.TryGetValue(fk.Table, out var t)) continue;
            var onDelete = fk.OnDelete switch { "c" => "CASCADE", "r" => "RESTRICT", "n" => "SET NULL", "d" => "SET DEFAULT", _ => "NO ACTION" };
            t.ForeignKeys.Add(new ForeignKeySchema(fk.Name, fk.Columns, fk.Principal, fk.PrincipalColumns, onDelete));
        }
    }

    private static async Task<List<T>> QueryAsync<T>(DbConnection conn, string sql, Func<DbDataReader, T> map, CancellationToken ct, params object[] args)
    {
        await using var cmd = conn.CreateCommand();
        cmd.CommandText = sql;
        for (var i = 0; i < args.Length; i++)
        {
            var p = cmd.CreateParameter();
            p.ParameterName = $"@p{i}";
            p.Value = args[i];
            cmd.Parameters.Add(p);
        }
        var rows = new List<T>();
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) rows.Add(map(reader));
        return rows;
    }

    // ---------------------------------------------------------------- the comparison

    /// <summary>
    /// Every difference between what <paramref name="model"/> wants and what <paramref name="actual"/> has,
    /// one readable line each; empty when they match. Tables in <paramref name="allowedExtraTables"/> may exist
    /// in the database without being in the model (the migration runner's own <c>schema_migrations</c>, say).
    /// </summary>
    public static List<string> Compare(DatabaseSchema model, DatabaseSchema actual, IEnumerable<string> allowedExtraTables)
    {
        var diffs = new List<string>();
        var names = actual.Names;
        var allowed = new HashSet<string>(allowedExtraTables, names);

        foreach (var want in model.Tables.Values.OrderBy(t => t.Name, StringComparer.Ordinal))
        {
            if (!actual.Tables.TryGetValue(want.Name, out var have))
            {
                diffs.Add($"missing table {want.Name} (columns {string.Join(", ", want.Columns.Keys)})");
                continue;
            }
            CompareTable(model.Provider, want, have, names, diffs);
        }
        foreach (var extra in actual.Tables.Keys.Where(t => !model.Tables.ContainsKey(t) && !allowed.Contains(t)).Order(StringComparer.Ordinal))
            diffs.Add($"extra table {extra} (not in the model)");
        return diffs;
    }

    private static void CompareTable(DatabaseProvider provider, TableSchema want, TableSchema have, StringComparer names, List<string> diffs)
    {
        var t = want.Name;
        foreach (var c in want.Columns.Values)
        {
            if (!have.Columns.TryGetValue(c.Name, out var h))
            {
                diffs.Add($"{t}: missing column {c.Name} {c.StoreType}{(c.Nullable ? " NULL" : " NOT NULL")}");
                continue;
            }
            if (c.Nullable != h.Nullable)
                diffs.Add($"{t}.{c.Name}: model says {(c.Nullable ? "NULL" : "NOT NULL")}, database has {(h.Nullable ? "NULL" : "NOT NULL")}");
            if (!TypesCompatible(provider, c.StoreType, h.StoreType))
                diffs.Add($"{t}.{c.Name}: model type {c.StoreType}, database type {h.StoreType}");
        }
        foreach (var extra in have.Columns.Keys.Where(c => !want.Columns.ContainsKey(c)))
            diffs.Add($"{t}: extra column {extra} (not in the model)");

        if (!want.PrimaryKey.SequenceEqual(have.PrimaryKey, names))
            diffs.Add($"{t}: primary key ({string.Join(", ", want.PrimaryKey)}) in the model, ({string.Join(", ", have.PrimaryKey)}) in the database");
        else if (provider == DatabaseProvider.Postgres && want.PrimaryKeyName is not null && !names.Equals(want.PrimaryKeyName, have.PrimaryKeyName))
            diffs.Add($"{t}: primary key named {want.PrimaryKeyName} in the model, {have.PrimaryKeyName} in the database");

        var matched = new HashSet<IndexSchema>(ReferenceEqualityComparer.Instance);
        foreach (var ix in want.Indexes)
        {
            // SQLite does not keep the names of UNIQUE constraints (sqlite_autoindex_…): match those by columns.
            var found = provider == DatabaseProvider.Sqlite && ix.FromConstraint
                ? have.Indexes.FirstOrDefault(h => h.Unique && h.Columns.SequenceEqual(ix.Columns, names) && !matched.Contains(h))
                : have.Indexes.FirstOrDefault(h => names.Equals(h.Name, ix.Name));
            var what = ix.FromConstraint ? "unique constraint" : ix.Unique ? "unique index" : "index";
            if (found is null)
            {
                diffs.Add($"{t}: missing {what} {ix.Name} ({string.Join(", ", ix.Columns)})");
                continue;
            }
            matched.Add(found);
            if (found.Unique != ix.Unique)
                diffs.Add($"{t}: index {ix.Name} is {(ix.Unique ? "unique" : "not unique")} in the model, {(found.Unique ? "unique" : "not unique")} in the database");
            if (!found.Columns.SequenceEqual(ix.Columns, names))
                diffs.Add($"{t}: index {ix.Name} on ({string.Join(", ", ix.Columns)}) in the model, on ({string.Join(", ", found.Columns)}) in the database");
            if (found.Partial != ix.Partial)
                diffs.Add($"{t}: index {ix.Name} is {(ix.Partial ? "filtered" : "not filtered")} in the model, {(found.Partial ? "filtered" : "not filtered")} in the database");
        }
        foreach (var extra in have.Indexes.Where(h => !matched.Contains(h)))
            diffs.Add($"{t}: extra {(extra.Unique ? "unique index" : "index")} {extra.Name} ({string.Join(", ", extra.Columns)}) (not in the model)");

        var fkMatched = new HashSet<ForeignKeySchema>(ReferenceEqualityComparer.Instance);
        foreach (var fk in want.ForeignKeys)
        {
            var found = have.ForeignKeys.FirstOrDefault(h => !fkMatched.Contains(h)
                && h.Columns.SequenceEqual(fk.Columns, names) && names.Equals(h.PrincipalTable, fk.PrincipalTable)
                && h.PrincipalColumns.SequenceEqual(fk.PrincipalColumns, names));
            if (found is null)
            {
                diffs.Add($"{t}: missing foreign key {fk.Name} {fk.Describe()}");
                continue;
            }
            fkMatched.Add(found);
            if (found.OnDelete != fk.OnDelete)
                diffs.Add($"{t}: foreign key {fk.Name} {fk.Describe()} is ON DELETE {fk.OnDelete} in the model, ON DELETE {found.OnDelete} in the database");
            if (provider == DatabaseProvider.Postgres && !names.Equals(found.Name, fk.Name))
                diffs.Add($"{t}: foreign key {fk.Describe()} named {fk.Name} in the model, {found.Name} in the database");
        }
        foreach (var extra in have.ForeignKeys.Where(h => !fkMatched.Contains(h)))
            diffs.Add($"{t}: extra foreign key {extra.Name} {extra.Describe()} (not in the model)");
    }

    // ---------------------------------------------------------------- types

    public static bool TypesCompatible(DatabaseProvider provider, string modelType, string databaseType) =>
        provider == DatabaseProvider.Sqlite
            ? SqliteAffinity(modelType) == SqliteAffinity(databaseType)
            : NormalizePostgresType(modelType) == NormalizePostgresType(databaseType);

    /// <summary>The affinity SQLite gives a declared column type (https://sqlite.org/datatype3.html, 3.1).</summary>
    public static string SqliteAffinity(string declared)
    {
        var t = declared.ToUpperInvariant();
        if (t.Contains("INT")) return "INTEGER";
        if (t.Contains("CHAR") || t.Contains("CLOB") || t.Contains("TEXT")) return "TEXT";
        if (t.Length == 0 || t.Contains("BLOB")) return "BLOB";
        if (t.Contains("REAL") || t.Contains("FLOA") || t.Contains("DOUB")) return "REAL";
        return "NUMERIC";
    }

    private static readonly Dictionary<string, string> PgAliases = new()
    {
        ["varchar"] = "character varying", ["char"] = "character", ["bpchar"] = "character",
        ["int"] = "integer", ["int4"] = "integer", ["serial"] = "integer", ["serial4"] = "integer",
        ["int8"] = "bigint", ["bigserial"] = "bigint", ["serial8"] = "bigint",
        ["int2"] = "smallint", ["smallserial"] = "smallint",
        ["bool"] = "boolean", ["float8"] = "double precision", ["float4"] = "real", ["decimal"] = "numeric",
        ["timestamptz"] = "timestamp with time zone", ["timestamp"] = "timestamp without time zone",
        ["timetz"] = "time with time zone", ["time"] = "time without time zone",
    };

    /// <summary>PostgreSQL's own spelling of a type (as <c>format_type</c> writes it): varchar(64) → character varying(64).</summary>
    public static string NormalizePostgresType(string type)
    {
        var t = Regex.Replace(type.Trim().ToLowerInvariant(), @"\s+", " ");
        var array = "";
        while (t.EndsWith("[]", StringComparison.Ordinal)) { array += "[]"; t = t[..^2].TrimEnd(); }
        var m = Regex.Match(t, @"^(?<head>[^(]*?)\s*(?<args>\([^)]*\))?\s*(?<tail>[^()]*)$");
        if (!m.Success) return t + array;
        var name = (m.Groups["head"].Value + " " + m.Groups["tail"].Value).Trim();
        var args = m.Groups["args"].Value.Replace(" ", "");
        name = PgAliases.GetValueOrDefault(name, name);
        // timestamp(3) with time zone: the precision goes after the first word.
        var space = name.IndexOf(' ');
        return args.Length > 0 && (name.StartsWith("timestamp ", StringComparison.Ordinal) || name.StartsWith("time ", StringComparison.Ordinal))
            ? name[..space] + args + name[space..] + array
            : name + args + array;
    }
}
