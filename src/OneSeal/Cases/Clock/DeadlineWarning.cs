using System.Data;
using Microsoft.EntityFrameworkCore;
using OneSeal.Platform.Database;
using OneSeal.Platform.Security;

namespace OneSeal.Cases.Clock;

/// <summary>
/// One kind of deadline warning as set-based SQL, the same text on both databases. The status and state values are
/// literals, not parameters: only then can SQLite (which matches terms) and PostgreSQL (which plans unprepared
/// statements with their values) use the partial indexes <c>ix_cases_due_date</c> / <c>ix_cases_yellow_on</c>, which
/// hold only the running cases this warning can still change.
/// </summary>
public sealed class DeadlineWarning
{
    public const int ChunkSize = 1000;

    /// <summary>The running statuses, as the filters of the partial indexes spell them.</summary>
    public const string RunningFilter = "status IN ('Accepted', 'Reviewed')";
    public const string NotRedFilter = RunningFilter + " AND deadline_state <> 'Red'";
    public const string NormalFilter = RunningFilter + " AND deadline_state = 'Normal'";

    public static readonly DeadlineWarning Red = new(nameof(DeadlineState.Red), NotRedFilter, "due_date <", "due_date", CaseActions.RedWarning, "已超过办结期限");
    public static readonly DeadlineWarning Yellow = new(nameof(DeadlineState.Yellow), NormalFilter, "yellow_on <=", "yellow_on", CaseActions.YellowWarning, "审批期限已用去预警比例");

    private readonly string state, candidates, dateTest, order, note;

    private DeadlineWarning(string state, string candidates, string dateTest, string order, string action, string note) =>
        (this.state, this.candidates, this.dateTest, this.order, Action, this.note) = (state, candidates, dateTest, order, action, note);

    public string Action { get; }

    /// <summary>
    /// Changes the state of at most <see cref="ChunkSize"/> cases, oldest first. The outer WHERE repeats the test, so
    /// on PostgreSQL a row another transaction changed meanwhile is re-checked before it is updated; SKIP LOCKED lets a
    /// second sweep take the next chunk instead of waiting. Each case changes once.
    /// </summary>
    public Task<List<Guid>> TurnAsync(OneSealDb db, DateOnly today, CancellationToken ct)
    {
        var sql = new RawSql(db).Append($"UPDATE cases SET deadline_state = '{state}', version = version + 1 WHERE id IN (SELECT id FROM cases WHERE {candidates} AND {dateTest} ")
            .Param(today, DbType.Date)
            .Append($" ORDER BY {order} LIMIT {ChunkSize}{(db.IsPostgres ? " FOR UPDATE SKIP LOCKED" : "")}) AND {candidates} AND {dateTest} ")
            .Param(today, DbType.Date)
            .Append(""" RETURNING id AS "Value" """);
        return sql.ReadAsync<Guid>(ct);
    }

    /// <summary>The timeline lines of the cases just turned, in one INSERT … SELECT that reads their status and due date.</summary>
    public Task<int> RecordTimelineAsync(OneSealDb db, List<Guid> ids, DateTimeOffset now, CancellationToken ct)
    {
        var dueText = db.IsPostgres ? "to_char(due_date, 'YYYY-MM-DD')" : "due_date";
        return new RawSql(db)
            .Append("INSERT INTO case_events (case_id, at, actor_id, actor_name, action, note, from_status, to_status) SELECT id, ")
            .Param(now, DbType.DateTimeOffset).Append(", NULL, ").Param(SystemActor.Instance.DisplayName, DbType.String).Append(", ")
            .Param(Action, DbType.String).Append(", ").Param($"{note}（办结期限 ", DbType.String)
            .Append($" || COALESCE({dueText}, '') || '）', status, status FROM cases WHERE id IN (")
            .List(ids, DbType.Guid).Append(")")
            .ExecuteAsync(ct);
    }
}
