using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore.Query;
using OneSeal.Organisation;
using OneSeal.Platform.Http;
using OneSeal.Platform.Security;

namespace OneSeal.Cases.Rules;

/// <summary>
/// Who may see and act on a case: the role, and the data scope (staff act only on their organisation's cases).
/// Least privilege: the administrator keeps the catalog and the calendar, and sees no case, material or notice.
/// </summary>
public static class CaseAccess
{
    /// <summary>
    /// The applicant side's read (issue 10): the account that filed the case, and the enterprise its agent filed it for.
    /// The one rule: lists query it (<see cref="ReadableAsApplicantBy"/>), single reads test it (<see cref="ReadsAsApplicant"/>).
    /// Acting on the case stays the filer's (<see cref="EnsureApplicant"/>): the enterprise reads its agents' cases.
    /// </summary>
    private static readonly Expression<Func<Case, Guid, bool>> ApplicantSide =
        (c, account) => c.ApplicantAccountId == account || c.ForEnterpriseAccountId == account;

    private static readonly Func<Case, Guid, bool> ApplicantSideCheck = ApplicantSide.Compile();

    public static bool ReadsAsApplicant(Actor actor, Case c) => ApplicantSideCheck(c, actor.Id);

    /// <summary><see cref="ApplicantSide"/> for one account as a query filter (the account is a parameter, not inlined SQL).</summary>
    public static Expression<Func<Case, bool>> ReadableAsApplicantBy(Guid accountId)
    {
        Expression<Func<Guid>> account = () => accountId;
        var body = ReplacingExpressionVisitor.Replace(ApplicantSide.Parameters[1], account.Body, ApplicantSide.Body);
        return Expression.Lambda<Func<Case, bool>>(body, ApplicantSide.Parameters[0]);
    }

    /// <summary>
    /// The cases one of <paramref name="roles"/> reaches, as a query filter for queues and searches (the single-case checks
    /// use <see cref="DataReach.Reaches"/> with the same parts): every case with scope All; else those of the work unit,
    /// with section scope in a section those its section handles, and with region scope those handled in the account's region.
    /// </summary>
    public static Expression<Func<Case, bool>> HandledWithinReach(Actor actor, IReadOnlyCollection<string> roles)
    {
        if (actor.ReachesAll(roles)) return c => true;
        var parts = new List<Expression<Func<Case, bool>>>();
        if (actor.OrganisationReach(roles) is { } org) parts.Add(c => c.HandlingOrganisationId == org);
        if (actor.SectionReach(roles) is { } section) parts.Add(c => c.HandlingSectionId == section);
        if (actor.RegionArea(roles) is { } area) parts.Add(c => c.HandlingRegionCode != null && c.HandlingRegionCode.StartsWith(area));
        if (parts.Count == 0) return c => false;
        // One OR of the parts over one parameter: each part stays a plain comparison the indexes serve.
        var parameter = parts[0].Parameters[0];
        var body = parts.Skip(1).Aggregate(parts[0].Body,
            (either, part) => Expression.OrElse(either, ReplacingExpressionVisitor.Replace(part.Parameters[0], parameter, part.Body)));
        return Expression.Lambda<Func<Case, bool>>(body, parameter);
    }

    public static bool CanView(Actor actor, Case c) =>
        ReadsAsApplicant(actor, c)
        || actor.Has(Roles.Monitor)
        || Roles.CaseHandling.Any(r => actor.Reaches(r, c.HandlingOrganisationId, c.HandlingRegionCode, c.HandlingSectionId))
        // issue 11 — the window chief reads the cases of the organisation(s) the role reaches, to use their powers on them
        // (each power is a machine row for that role plus a grant); the role is not in Roles.CaseHandling, so work queues
        // and the certificate's holders stay as they were.
        || actor.Reaches(Roles.WindowChief, c.HandlingOrganisationId, c.HandlingRegionCode, c.HandlingSectionId)
        // issue 13 — staff of the supervising department read (never act on: no machine row names their role) the submitted
        // cases of the items they supervise; an applicant's draft stays theirs.
        || (actor.Kind == AccountKind.Staff && actor.Has(Roles.DepartmentStaff) && c.SupervisingDepartmentId is { } supervisor
            && actor.WorkUnitId == supervisor && c.SubmittedAt is not null);

    public static void EnsureCanView(Actor actor, Case c)
    {
        // Not revealing that someone else's case exists.
        if (!CanView(actor, c)) throw new NotFoundException("办件不存在或无权查看。");
    }

    public static void EnsureApplicant(Actor actor, Case c)
    {
        EnsureCanView(actor, c);
        if (c.ApplicantAccountId != actor.Id)
            throw new ForbiddenException("applicant-only", "只有申请人本人可以办理此操作。");
    }

    /// <summary>The actor holds <paramref name="role"/> and it reaches the organisation handling the case (<see cref="DataReach"/>).</summary>
    public static void EnsureStaff(Actor actor, Case c, string role)
    {
        EnsureCanView(actor, c);
        if (!actor.Has(role))
            throw new ForbiddenException("role", $"需要“{RoleLabels.Of(role)}”角色。");
        if (!actor.Reaches(role, c.HandlingOrganisationId, c.HandlingRegionCode, c.HandlingSectionId))
            throw new ForbiddenException("data-scope", "只能办理本单位承办的办件。");
    }
}
