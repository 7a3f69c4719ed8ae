using Microsoft.EntityFrameworkCore;
using OneSeal.Cases;
using OneSeal.Platform.Audit;
using OneSeal.Platform.Database;
using OneSeal.Platform.Http;
using OneSeal.Platform.Security;
using OneSeal.Platform.Time;

namespace OneSeal.Supervision.Verification;

public sealed record VerificationView(Guid Id, Guid CaseId, string CaseNumber, string Subject, DateOnly DueOn, string Status, string StatusLabel,
    bool Yellow, bool Overdue, bool? Truthful, string? ResultNote, DateTimeOffset? VerifiedAt, string? VerifiedByName)
{
    public static VerificationView Of(VerificationTask t, DateOnly today) => new(t.Id, t.CaseId, t.CaseNumber, t.Subject, t.DueOn,
        Api(t.Status), Label(t.Status), t.Status == VerificationStatus.Open && today == t.DueOn, t.Status == VerificationStatus.Open && today > t.DueOn,
        t.Truthful, t.ResultNote, t.VerifiedAt, t.VerifiedByName);

    public static string Api(VerificationStatus s) => s switch
    {
        VerificationStatus.AwaitingRevocation => "awaiting-revocation",
        _ => s.ToString().ToLowerInvariant(),
    };

    public static string Label(VerificationStatus s) => s switch
    {
        VerificationStatus.Open => "待核查",
        VerificationStatus.Done => "核查属实",
        VerificationStatus.AwaitingRevocation => "核查不属实，待撤销",
        VerificationStatus.Revoked => "核查不属实，已撤销许可",
        _ => s.ToString(),
    };
}

/// <summary>
/// 告知承诺核查: the department records 属实 or 不属实 (with a note) once. 不属实 never acts by itself: the case's timeline
/// says so and the case goes on the approving bureau's chief's worklist until the chief revokes (CaseCommands.RevokeAsync).
/// </summary>
public sealed class VerificationCommands(OneSealDb db, TimeProvider clock, CaseCommands cases)
{
    public const int MaxNote = 2000;

    public async Task<IReadOnlyList<VerificationView>> ListAsync(Actor actor, CancellationToken ct)
    {
        var department = SupervisionScope.DepartmentOf(actor);
        var today = LegalDates.Today(clock);
        var rows = await db.Set<VerificationTask>().AsNoTracking().Where(t => t.DepartmentId == department)
            .OrderBy(t => t.Status == VerificationStatus.Open ? 0 : 1).ThenBy(t => t.DueOn).Take(500).ToListAsync(ct);
        return rows.Select(t => VerificationView.Of(t, today)).ToList();
    }

    public async Task<VerificationView> RecordResultAsync(Actor actor, Guid taskId, string? result, string? note, CancellationToken ct)
    {
        var department = SupervisionScope.DepartmentOf(actor);
        bool truthful = result switch
        {
            null or "" => throw new InvalidInputException("result", "required", "请选择核查结论：属实或不属实（result）。"),
            "truthful" => true,
            "untruthful" => false,
            _ => throw new InvalidInputException("result", "one-of", "核查结论（result）应为 truthful（属实）或 untruthful（不属实）。"),
        };
        var text = note?.Trim();
        if (!truthful && string.IsNullOrEmpty(text))
            throw new InvalidInputException("note", "required", "核查不属实须说明情况（note）。");
        if (text?.Length > MaxNote) throw new InvalidInputException("note", "max-length", $"核查说明（note）不能超过{MaxNote}个字。");
        return await db.InTransactionAsync(async () =>
        {
            var task = await db.Set<VerificationTask>().FirstOrDefaultAsync(t => t.Id == taskId, ct);
            if (task is null || task.DepartmentId != department) throw SupervisionScope.NotOurs("核查任务");
            if (task.Status != VerificationStatus.Open)
                throw new ConflictException("already-verified", $"该核查任务已有结论：{VerificationView.Label(task.Status)}。");
            var now = clock.Now();
            task.Truthful = truthful;
            task.ResultNote = string.IsNullOrEmpty(text) ? null : text;
            task.VerifiedAt = now;
            task.VerifiedById = actor.Id;
            task.VerifiedByName = actor.DisplayName;
            task.Status = truthful ? VerificationStatus.Done : VerificationStatus.AwaitingRevocation;
            db.Audit(actor, "supervision.verified", "verification-task", task.Id.ToString(),
                $"{task.CaseNumber}：{(truthful ? "属实" : "不属实")}{(text is { Length: > 0 } ? "，" + text : "")}", now);
            await cases.AddLineAsync(task.CaseId, actor, truthful ? CaseActions.VerificationConfirmed : CaseActions.VerificationFoundUntrue,
                truthful ? "监管部门核查：申请人承诺属实" : $"监管部门核查：申请人承诺不属实（{text}），待本机关依法撤销", now, ct);
            await db.CommitAsync(ct);
            return VerificationView.Of(task, LegalDates.ToLegalDate(now));
        }, ct);
    }
}
