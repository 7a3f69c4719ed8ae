using System.Data;
using OneSeal.Platform.Database;

namespace OneSeal.Platform.Audit;

/// <summary>
/// Appends audit entries to their streams (docs/decisions/0006-audit-chain-per-stream.md): each entry hashes the
/// previous entry about the same entity. The stream heads are locked row by row (SQLite's write transactions are
/// serial anyway), so only writers of the same entity queue; the unique
/// (entity_type, entity_id, stream_seq) index makes a fork impossible even if they did not.
/// </summary>
internal static class AuditChain
{
    public const string Genesis = "0000000000000000000000000000000000000000000000000000000000000000";

    // Rows per statement: well under both databases' parameter limits (10 parameters per entry).
    private const int RowsPerStatement = 500;

    private sealed record Head(string EntityType, string EntityId, long Seq, string Hash);

    public static async Task AppendAsync(OneSealDb db, IReadOnlyList<AuditEntry> entries, CancellationToken ct)
    {
        if (entries.Count == 0) return;
        var heads = await LockHeadsAsync(db, entries, ct);
        foreach (var e in entries)
        {
            var key = (e.EntityType, e.EntityId);
            var head = heads[key];
            e.StreamSeq = head.Seq + 1;
            e.PrevHash = head.Hash;
            e.Hash = AuditTrail.HashOf(e);
            heads[key] = head with { Seq = e.StreamSeq.Value, Hash = e.Hash };
        }
        if (entries.Count <= RowsPerStatement && heads.Count <= RowsPerStatement)
        {
            // The usual unit of work: both statements in one command, one round trip while the heads are locked.
            var sql = new RawSql(db);
            AppendInsert(sql, [.. entries]).Append(";\n");
            await AppendMoveHeads(sql, [.. heads.Values]).ExecuteAsync(ct);
            return;
        }
        foreach (var chunk in entries.Chunk(RowsPerStatement)) await AppendInsert(new RawSql(db), chunk).ExecuteAsync(ct);
        foreach (var chunk in heads.Values.Chunk(RowsPerStatement)) await AppendMoveHeads(new RawSql(db), chunk).ExecuteAsync(ct);
    }

    /// <summary>
    /// Locks the head of every stream the entries belong to, creating the missing ones, in one statement per 500
    /// streams: an upsert whose no-op UPDATE branch takes the row lock (waiting for a writer of the same stream, then
    /// reading the head it left) and whose INSERT branch starts a new stream. Rows are locked in the order of the
    /// VALUES list, always ordinal by stream, so writers of several streams cannot deadlock each other.
    /// </summary>
    private static async Task<Dictionary<(string, string), Head>> LockHeadsAsync(OneSealDb db, IReadOnlyList<AuditEntry> entries, CancellationToken ct)
    {
        var streams = entries.Select(e => (e.EntityType, e.EntityId)).Distinct()
            .OrderBy(s => s.EntityType, StringComparer.Ordinal).ThenBy(s => s.EntityId, StringComparer.Ordinal).ToList();
        var heads = new Dictionary<(string, string), Head>();
        foreach (var chunk in streams.Chunk(RowsPerStatement))
        {
            var sql = new RawSql(db).Append("INSERT INTO audit_streams (entity_type, entity_id, seq, hash, anchored_seq) VALUES ");
            for (var i = 0; i < chunk.Length; i++)
            {
                sql.Append(i == 0 ? "(" : ", (").Param(chunk[i].EntityType, DbType.String).Append(", ").Param(chunk[i].EntityId, DbType.String)
                    .Append($", 0, '{Genesis}', 0)");
            }
            sql.Append("""
                 ON CONFLICT (entity_type, entity_id) DO UPDATE SET seq = audit_streams.seq
                 RETURNING entity_type AS "EntityType", entity_id AS "EntityId", seq AS "Seq", hash AS "Hash"
                """);
            foreach (var h in await sql.ReadAsync<Head>(ct)) heads[(h.EntityType, h.EntityId)] = h;
        }
        return heads;
    }

    private static RawSql AppendInsert(RawSql sql, AuditEntry[] rows)
    {
        sql.Append(
            "INSERT INTO audit_entries (at, actor_id, actor_name, action, entity_type, entity_id, detail, prev_hash, hash, stream_seq) VALUES ");
        for (var i = 0; i < rows.Length; i++)
        {
            var e = rows[i];
            sql.Append(i == 0 ? "(" : ", (")
                .Param(e.At, DbType.DateTimeOffset).Append(", ").Param(e.ActorId, DbType.Guid).Append(", ")
                .Param(e.ActorName, DbType.String).Append(", ").Param(e.Action, DbType.String).Append(", ")
                .Param(e.EntityType, DbType.String).Append(", ").Param(e.EntityId, DbType.String).Append(", ")
                .Param(e.Detail, DbType.String).Append(", ").Param(e.PrevHash, DbType.String).Append(", ")
                .Param(e.Hash, DbType.String).Append(", ").Param(e.StreamSeq, DbType.Int64).Append(")");
        }
        return sql;
    }

    /// <summary>Every head exists and is locked by now, so the upsert always takes its UPDATE branch; one statement for many heads.</summary>
    private static RawSql AppendMoveHeads(RawSql sql, Head[] heads)
    {
        sql.Append("INSERT INTO audit_streams (entity_type, entity_id, seq, hash, anchored_seq) VALUES ");
        for (var i = 0; i < heads.Length; i++)
        {
            sql.Append(i == 0 ? "(" : ", (").Param(heads[i].EntityType, DbType.String).Append(", ").Param(heads[i].EntityId, DbType.String)
                .Append(", ").Param(heads[i].Seq, DbType.Int64).Append(", ").Param(heads[i].Hash, DbType.String).Append(", 0)");
        }
        return sql.Append(" ON CONFLICT (entity_type, entity_id) DO UPDATE SET seq = excluded.seq, hash = excluded.hash");
    }
}
