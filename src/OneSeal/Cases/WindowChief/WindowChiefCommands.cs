using Microsoft.EntityFrameworkCore;
using OneSeal.Calendar;
using OneSeal.Cases.Machine;
using OneSeal.Cases;
using OneSeal.Catalog;
using OneSeal.Hall.Chief;
using OneSeal.Hall.Seats;
using OneSeal.Organisation;
using OneSeal.Platform.Audit;
using OneSeal.Platform.Database;
using OneSeal.Platform.Http;
using OneSeal.Platform.Security;
using OneSeal.Platform.Time;

namespace OneSeal.Cases.WindowChief;

/// <summary>
/// The window chief's powers as commands: each asks <see cref="WindowChiefPowers.EnsureAsync"/> for its grant (a decision
/// also the seat at a comprehensive or department window), checks the input, then the case command applies the machine's
/// row. Refusals of the grant or the seat are audited.
/// </summary>
public sealed class WindowChiefCommands(OneSealDb db, Organisation.Staff.StaffRoster roster, CaseCommands cases, CaseQueries queries, WindowChiefPowers powers, WindowSeats seats,
    IWorkingDayCalendar calendar, AgencyDirectory agencies, TimeProvider clock)
{
    public const int MaxPreReviewItems = 30;
    public const int MaxDepartments = 10;
    /// <summary>When the item models no joint-review step: working days a department has to answer.</summary>
    public const int DefaultJointReviewDays = 5;

    public async Task<Case> DecideAsync(Actor actor, Guid caseId, bool? approve, string? reason, int? expectedVersion, CancellationToken ct)
    {
        await powers.EnsureAsync(actor, WindowChiefPower.DecideImmediate, ct);
        try
        {
            await seats.EnsureAtAsync(actor, "window", ct, Hall.WindowKind.Comprehensive, Hall.WindowKind.Department);
        }
        catch (DomainException e)
        {
            db.Audit(actor, "case.decide-at-window-refused", "case", caseId.ToString(), e.Message, clock.Now());
            await db.CommitAsync(ct);
            throw;
        }
        if (approve is null) throw new InvalidInputException("approve", "required", "请选择准予或不予许可（approve）。");
        return await cases.DecideAtWindowAsync(actor, caseId, approve.Value, reason, expectedVersion, ct);
    }

    public async Task<CasePreReview> PreReviewAsync(Actor actor, Guid caseId, IReadOnlyList<string?>? items, string? note, int? expectedVersion, CancellationToken ct)
    {
        await powers.EnsureAsync(actor, WindowChiefPower.PreReview, ct);
        var list = new List<string>();
        foreach (var (x, i) in (items ?? []).Select((x, i) => (x?.Trim(), i)))
        {
            if (string.IsNullOrEmpty(x)) continue;
            if (x.Length > 500) throw new InvalidInputException($"items[{i}]", "max-length", "每一项修改意见不能超过500字。");
            list.Add(x);
        }
        if (list.Count > MaxPreReviewItems) throw new InvalidInputException("items", "max-count", $"修改意见最多{MaxPreReviewItems}项，请合并后一次性告知。");
        var text = string.IsNullOrWhiteSpace(note) ? null : note.Trim();
        if (text?.Length > 2000) throw new InvalidInputException("note", "max-length", "说明不能超过2000字。");
        if (list.Count == 0 && text is null) throw new InvalidInputException("items", "required", "请列出需要申请人修改的内容（items 或 note）。");
        return await cases.PreReviewAsync(actor, caseId, list, text, expectedVersion, ct);
    }

    public async Task<IReadOnlyList<JointReview>> RequestJointReviewAsync(Actor actor, Guid caseId, IReadOnlyList<string?>? departments, int? dueInDays,
        string? question, int? expectedVersion, CancellationToken ct)
    {
        await powers.EnsureAsync(actor, WindowChiefPower.JointReview, ct);
        // Who may see the case first, so a stranger learns nothing from the input checks.
        var detail = await queries.GetAsync(actor, caseId, ct);
        if (departments is null || departments.Count == 0) throw new InvalidInputException("departments", "required", "请选择征求意见的部门（departments）。");
        if (departments.Count > MaxDepartments) throw new InvalidInputException("departments", "max-count", $"一次最多征求{MaxDepartments}个部门的意见。");
        var chosen = new List<Agency>();
        foreach (var (raw, i) in departments.Select((d, i) => (d, i)))
        {
            var field = $"departments[{i}]";
            if (!Guid.TryParse(raw, out var id)) throw new InvalidInputException(field, "format", "部门标识格式不正确。");
            var agency = await db.Set<Agency>().AsNoTracking().FirstOrDefaultAsync(a => a.Id == id, ct);
            if (agency is null || agency.ClosedAt is not null || agency.Kind != OrganisationKind.Department)
                throw new InvalidInputException(field, "department", "只能向在用的行政主管部门征求意见。");
            if (agency.Id == detail.Case.HandlingOrganisationId) throw new InvalidInputException(field, "department", "不能向承办单位自己征求会签意见。");
            if (chosen.All(a => a.Id != id)) chosen.Add(agency);
        }
        if (dueInDays is < 1 or > 30) throw new InvalidInputException("dueInDays", "range", "答复期限应为1至30个工作日。");
        var text = string.IsNullOrWhiteSpace(question) ? null : question.Trim();
        if (text?.Length > 2000) throw new InvalidInputException("question", "max-length", "征求意见的事项不能超过2000字。");
        return await cases.RequestJointReviewAsync(actor, caseId, chosen, DueOn(detail, dueInDays), text, expectedVersion, ct);
    }

    /// <summary>
    /// The answer date: <paramref name="dueInDays"/> working days from today; without it, the due date of the item's own
    /// joint-review step (联合审查, StepSchedule) while it lies ahead, else <see cref="DefaultJointReviewDays"/>. The request
    /// runs inside the case's limit: it neither stops nor moves the case's clock.
    /// </summary>
    private DateOnly DueOn(CaseQueries.CaseDetail detail, int? dueInDays)
    {
        var today = LegalDates.Today(clock);
        if (dueInDays is { } days) return calendar.AddWorkingDays(today, days);
        var step = detail.Steps.Steps.FirstOrDefault(s => s.Kind == ItemStepKind.JointReview && !s.StopsClock);
        return step?.DueDate is { } due && due > today ? due : calendar.AddWorkingDays(today, DefaultJointReviewDays);
    }

    public async Task<JointReview> AnswerAsync(Actor actor, Guid requestId, string? opinion, bool? agree, CancellationToken ct)
    {
        if (!actor.Has(Roles.DepartmentStaff)) throw new ForbiddenException("role", $"会签意见由被征求意见部门的“{RoleLabels.Of(Roles.DepartmentStaff)}”答复。");
        var text = opinion?.Trim();
        if (string.IsNullOrEmpty(text)) throw new InvalidInputException("opinion", "required", "请填写会签意见（opinion）。");
        if (text.Length > 2000) throw new InvalidInputException("opinion", "max-length", "会签意见不能超过2000字。");
        if (agree is null) throw new InvalidInputException("agree", "required", "请选择同意或不同意（agree）。");
        return await cases.AnswerJointReviewAsync(actor, requestId, text, agree.Value, ct);
    }

    public async Task<Case> ReassignAsync(Actor actor, Guid caseId, string? to, string? reason, int? expectedVersion, CancellationToken ct)
    {
        await powers.EnsureAsync(actor, WindowChiefPower.Reassign, ct);
        if (!Guid.TryParse(to, out var targetId)) throw new InvalidInputException("to", string.IsNullOrEmpty(to) ? "required" : "format", "请选择改派给的工作人员（to）。");
        var text = reason?.Trim();
        if (string.IsNullOrEmpty(text)) throw new InvalidInputException("reason", "required", "请说明改派理由（reason）。");
        if (text.Length > 500) throw new InvalidInputException("reason", "max-length", "改派理由不能超过500字。");
        return await cases.ReassignAsync(actor, caseId, c => EnsureAssigneeAsync(c, targetId, ct), text, expectedVersion, ct);
    }

    /// <summary>The roles that act on a case in each status (the current step): the one a reassignment's target must hold.</summary>
    public static IReadOnlyList<string> RolesFor(CaseStatus status) => status switch
    {
        CaseStatus.Submitted => [Roles.Clerk],
        CaseStatus.Accepted => [Roles.Reviewer, Roles.Chief],
        CaseStatus.Reviewed => [Roles.Chief],
        CaseStatus.Suspended => [Roles.Reviewer, Roles.Chief],
        _ => [],
    };

    /// <summary>The target: an active staff account whose work unit handles the case and who holds a role of the current step.</summary>
    private async Task<Organisation.Staff.StaffMember> EnsureAssigneeAsync(Case c, Guid targetId, CancellationToken ct)
    {
        if (await roster.FindAsync(targetId, ct) is not ({ } target, false))
            throw new InvalidInputException("to", "staff", "改派对象须是在用的工作人员账号。");
        var unit = target.OrganisationId is { } org ? await agencies.ApprovingOrganisationAsync(db, org, ct) : null;
        if (unit?.Id != c.HandlingOrganisationId)
            throw new InvalidInputException("to", "handling-organisation", $"{target.DisplayName} 不是承办单位的工作人员，不能改派给他/她。");
        var roles = RolesFor(c.Status);
        if (!target.Roles.Any(roles.Contains))
            throw new InvalidInputException("to", "step-role",
                $"办件当前在“{CaseStatusLabels.Of(c.Status)}”环节，须改派给具有{string.Join("或", roles.Select(r => $"“{RoleLabels.Of(r)}”"))}角色的人员。");
        return target;
    }
}
