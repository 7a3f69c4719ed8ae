using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using OneSeal.Cases.Machine;
using OneSeal.Cases.WindowChief;
using OneSeal.Organisation;
using OneSeal.Platform.Audit;
using OneSeal.Platform.Database;
using OneSeal.Platform.Http;
using OneSeal.Platform.Security;
using OneSeal.Platform.Time;
using F = OneSeal.Notices.NoticeFields;

namespace OneSeal.Cases;

/// <summary>
/// Issue 11 §4: what the window chief's powers change on a case, each through the machine's row for the role
/// <c>window-chief</c>. <see cref="WindowChiefCommands"/> checks the grant (and the seat) before calling these.
/// </summary>
public sealed partial class CaseCommands
{
    /// <summary>即办件当场决定: the decision and its sealed documents exactly as the chief's, by the window chief at the window.</summary>
    internal Task<Case> DecideAtWindowAsync(Actor actor, Guid caseId, bool approve, string? reason, int? expectedVersion, CancellationToken ct) =>
        db.InTransactionAsync(async () =>
    {
        var (c, row) = await BeginAsync(caseId, approve ? CaseAction.ApproveAtWindow : CaseAction.DenyAtWindow, actor, expectedVersion, ct);
        var text = approve ? reason?.Trim() : RequiredText("reason", reason, "不予许可须说明理由（reason）。");
        if (text?.Length > 4000) throw new InvalidInputException("reason", "max-length", "理由不能超过4000字。");
        var now = clock.Now();
        await RecordDecisionAsync(c, actor, approve, text, now, ct);
        return approve
            ? await IssueApprovalAsync(c, row, actor, text, now, ct)
            : await ApplyAsync(c, row, actor, text, now, ct, [(F.Reason, text)]);
    }, ct);

    /// <summary>预审: one written list of what to fix on a draft; the status stays Draft.</summary>
    internal Task<CasePreReview> PreReviewAsync(Actor actor, Guid caseId, IReadOnlyList<string> items, string? note, int? expectedVersion, CancellationToken ct) =>
        db.InTransactionAsync(async () =>
    {
        var (c, row) = await BeginAsync(caseId, CaseAction.PreReview, actor, expectedVersion, ct);
        var now = clock.Now();
        var review = new CasePreReview
        {
            Id = Guid.NewGuid(), CaseId = c.Id, ReviewerId = actor.Id, ReviewerName = actor.DisplayName, At = now,
            ItemsJson = JsonSerializer.Serialize(items), Note = note,
        };
        db.Add(review);
        var lines = items.Select((x, i) => $"{i + 1}. {x}").ToList();
        if (note is not null) lines.Add(note);
        await ApplyAsync(c, row, actor, string.Join("\n", lines), now, ct);
        return review;
    }, ct);

    /// <summary>联审会签: one request per department, due on <paramref name="dueOn"/>; the status stays.</summary>
    internal Task<IReadOnlyList<JointReview>> RequestJointReviewAsync(Actor actor, Guid caseId, IReadOnlyList<Agency> departments, DateOnly dueOn,
        string? question, int? expectedVersion, CancellationToken ct) => db.InTransactionAsync(async () =>
    {
        var (c, row) = await BeginAsync(caseId, CaseAction.JointReview, actor, expectedVersion, ct);
        var open = await db.Set<JointReview>().Where(j => j.CaseId == c.Id && j.AnsweredAt == null).Select(j => j.DepartmentId).ToListAsync(ct);
        if (departments.FirstOrDefault(d => open.Contains(d.Id)) is { } pending)
            throw new ConflictException("joint-review-open", $"已向{pending.Name}征求意见，尚未答复，不能重复发起。");
        var now = clock.Now();
        var requests = departments.Select(d => new JointReview
        {
            Id = Guid.NewGuid(), CaseId = c.Id, DepartmentId = d.Id, RequestedById = actor.Id, RequestedAt = now, DueOn = dueOn, Question = question,
        }).ToList();
        db.AddRange(requests);
        var note = $"征求{string.Join("、", departments.Select(d => d.Name))}意见，{dueOn:yyyy-MM-dd}前答复" + (question is null ? "" : $"：{question}");
        await ApplyAsync(c, row, actor, note, now, ct);
        return (IReadOnlyList<JointReview>)requests;
    }, ct);

    /// <summary>A department's opinion on a joint review: not a transition (the department is not the handling organisation), a timeline line.</summary>
    internal Task<JointReview> AnswerJointReviewAsync(Actor actor, Guid requestId, string opinion, bool agree, CancellationToken ct) =>
        db.InTransactionAsync(async () =>
    {
        var request = await db.Set<JointReview>().FirstOrDefaultAsync(j => j.Id == requestId, ct);
        // Another department's request does not exist for this reader.
        if (request is null || !JointReviewAccess.MayAnswer(actor, request)) throw new NotFoundException("会签请求不存在或不属于本部门。");
        if (request.AnsweredAt is not null) throw new ConflictException("already-answered", "本部门已答复该会签请求。");
        var c = await LoadAsync(request.CaseId, ct);
        if (c.Status is not (CaseStatus.Accepted or CaseStatus.Reviewed or CaseStatus.Suspended))
            throw new ConflictException("case-closed", $"办件当前状态为“{CaseStatusLabels.Of(c.Status)}”，会签已结束。");
        var now = clock.Now();
        request.Opinion = opinion;
        request.Agree = agree;
        request.AnsweredById = actor.Id;
        request.AnsweredByName = actor.DisplayName;
        request.AnsweredAt = now;
        var department = await agencies.GetAsync(db, request.DepartmentId, ct);
        var late = LegalDates.ToLegalDate(now) > request.DueOn ? $"（逾期，应于 {request.DueOn:yyyy-MM-dd} 前答复）" : "";
        await NoteAsync(c, actor, CaseActions.JointReviewAnswered, $"{department.Name}：{(agree ? "同意" : "不同意")}。{opinion}{late}", now, ct);
        return request;
    }, ct);

    /// <summary>改派: the case's assignee becomes <paramref name="assignee"/> (checked by the caller); the status stays.</summary>
    internal Task<Case> ReassignAsync(Actor actor, Guid caseId, Func<Case, Task<Organisation.Staff.StaffMember>> assignee, string reason, int? expectedVersion, CancellationToken ct) =>
        db.InTransactionAsync(async () =>
    {
        var (c, row) = await BeginAsync(caseId, CaseAction.Reassign, actor, expectedVersion, ct);
        var to = await assignee(c);
        if (c.AssigneeId == to.Id) throw new ConflictException("same-assignee", $"该办件已由 {to.DisplayName} 承办。");
        var before = c.AssigneeId is { } id ? await db.Set<Account>().Where(a => a.Id == id).Select(a => a.DisplayName).FirstOrDefaultAsync(ct) : null;
        c.AssignTo(to.Id);
        return await ApplyAsync(c, row, actor, $"{(before is null ? "" : $"由 {before} ")}改派给 {to.DisplayName}：{reason}", clock.Now(), ct);
    }, ct);
}
