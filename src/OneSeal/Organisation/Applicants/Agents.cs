using Microsoft.EntityFrameworkCore;
using OneSeal.Organisation.Identifiers;
using OneSeal.Platform.Audit;
using OneSeal.Platform.Database;
using OneSeal.Platform.Http;
using OneSeal.Platform.Security;
using OneSeal.Platform.Time;

namespace OneSeal.Organisation.Applicants;

public sealed record GrantAgentRequest(string? Phone, string? IdNumber, DateOnly? EndsOn);

/// <summary>One grant as its two sides see it: the enterprise sees the agent (masked), the agent sees the enterprise.</summary>
public sealed record AgentGrantView(Guid Id, string EnterpriseName, string AgentName, string AgentPhoneMasked, DateOnly EndsOn,
    DateTimeOffset GrantedAt, DateTimeOffset? RevokedAt, bool Active);

public sealed record MyAgentsView(IReadOnlyList<AgentGrantView> Agents, IReadOnlyList<AgentGrantView> ActingFor);

/// <summary>
/// 经办人授权 (<see cref="AgentGrant"/>): an enterprise authorises verified citizen accounts, found by phone or ID number,
/// lists and revokes them; a citizen sees which enterprises they may act for.
/// </summary>
public sealed class Agents(OneSealDb db, LookupHash lookup, TimeProvider clock)
{
    /// <summary>The longest a grant may run: renewed at least every three years.</summary>
    public const int MaxYears = 3;

    public async Task<MyAgentsView> ListAsync(Actor actor, CancellationToken ct)
    {
        EnsureApplicant(actor);
        var today = LegalDates.Today(clock);
        var rows = await (from g in db.Set<AgentGrant>().AsNoTracking()
                          join e in db.Set<Account>() on g.EnterpriseAccountId equals e.Id
                          join a in db.Set<Account>() on g.AgentAccountId equals a.Id
                          where g.EnterpriseAccountId == actor.Id || g.AgentAccountId == actor.Id
                          orderby g.GrantedAt descending
                          select new { g, Enterprise = e.DisplayName, Agent = a.DisplayName, a.PhoneMasked }).ToListAsync(ct);
        var views = rows.Select(r => (r.g, View: new AgentGrantView(r.g.Id, r.Enterprise, Masking.MaskName(r.Agent), r.PhoneMasked ?? "",
            r.g.EndsOn, r.g.GrantedAt, r.g.RevokedAt, r.g.IsActive(today)))).ToList();
        return new MyAgentsView(
            views.Where(v => v.g.EnterpriseAccountId == actor.Id).Select(v => v.View).ToList(),
            views.Where(v => v.g.AgentAccountId == actor.Id && v.View.Active).Select(v => v.View).ToList());
    }

    /// <summary>The enterprises <paramref name="agentId"/> may act for today (id, name).</summary>
    public async Task<IReadOnlyList<(Guid Id, string Name)>> ActingForAsync(Guid agentId, CancellationToken ct)
    {
        var today = LegalDates.Today(clock);
        var rows = await (from g in db.Set<AgentGrant>().AsNoTracking().Where(AgentGrant.ActiveOn(today))
                          join e in db.Set<Account>() on g.EnterpriseAccountId equals e.Id
                          where g.AgentAccountId == agentId && !e.Disabled
                          orderby e.DisplayName
                          select new { e.Id, e.DisplayName }).Distinct().ToListAsync(ct);
        return rows.Select(r => (r.Id, r.DisplayName)).ToList();
    }

    /// <summary>
    /// The enterprise account <paramref name="agentId"/> may file for today under an active grant (not revoked, not past its
    /// end date, the enterprise not disabled) with the grant's id; otherwise 403 <c>agent-not-authorised</c>. Cases ask it
    /// when an agent creates a case for the enterprise and again when they submit it.
    /// </summary>
    public static async Task<(Account Enterprise, Guid GrantId)> GrantingEnterpriseAsync(OneSealDb db, Guid agentId, Guid enterpriseId, DateOnly today,
        CancellationToken ct)
    {
        var found = await (from g in db.Set<AgentGrant>().AsNoTracking().Where(AgentGrant.ActiveOn(today))
                           join e in db.Set<Account>().AsNoTracking() on g.EnterpriseAccountId equals e.Id
                           where g.AgentAccountId == agentId && g.EnterpriseAccountId == enterpriseId
                                 && e.Kind == AccountKind.Enterprise && !e.Disabled
                           orderby g.EndsOn descending
                           select new { Enterprise = e, GrantId = g.Id }).FirstOrDefaultAsync(ct);
        return found is null
            ? throw new ForbiddenException("agent-not-authorised", "您没有该企业有效的经办人授权（未授权、已撤销或已过期），不能代表该企业办理。")
            : (found.Enterprise, found.GrantId);
    }

    public async Task<AgentGrantView> GrantAsync(Actor actor, GrantAgentRequest? r, CancellationToken ct)
    {
        EnsureEnterprise(actor);
        if (r is null) throw new InvalidInputException("body", "required", "请求体不能为空。");
        var today = LegalDates.Today(clock);
        if (r.EndsOn is not { } endsOn) throw new InvalidInputException("endsOn", "required", "请填写授权截止日期。");
        if (endsOn < today) throw new InvalidInputException("endsOn", "in-past", "授权截止日期不能早于今天。");
        if (endsOn > today.AddYears(MaxYears)) throw new InvalidInputException("endsOn", "too-far", $"授权期限最长 {MaxYears} 年，到期后可再次授权。");

        string field, hash;
        if (!string.IsNullOrWhiteSpace(r.Phone))
            (field, hash) = ("phone", lookup.Of("phone", MobilePhone.Normalise(r.Phone)));
        else if (!string.IsNullOrWhiteSpace(r.IdNumber))
            (field, hash) = CitizenIdNumber.TryParse(r.IdNumber.Length > 64 ? r.IdNumber[..64] : r.IdNumber, today, out var id, out var error)
                ? ("idNumber", lookup.Of("identity", id.Value))
                : throw new InvalidInputException("idNumber", "citizen-id", "身份证号码：" + error);
        else throw new InvalidInputException("phone", "required", "请填写经办人的手机号码或身份证号码。");

        var now = clock.Now();
        return await db.InTransactionAsync(async () =>
        {
            var agent = await db.Set<Account>().AsNoTracking().FirstOrDefaultAsync(a => field == "phone" ? a.PhoneHash == hash : a.IdentityCodeHash == hash, ct);
            if (agent is not { Kind: AccountKind.Citizen, Disabled: false, PhoneVerifiedAt: not null })
                throw new InvalidInputException(field, "agent-not-found", field == "phone"
                    ? "没有用该手机号码注册并验证的个人账号，请经办人先注册。"
                    : "没有用该身份证号码注册并验证的个人账号，请经办人先注册。");
            if (await db.Set<AgentGrant>().AnyAsync(g => g.EnterpriseAccountId == actor.Id && g.AgentAccountId == agent.Id && g.RevokedAt == null && g.EndsOn >= today, ct))
                throw new ConflictException("agent-already-granted", "该经办人已获授权；如需变更期限，请先撤销再重新授权。");
            var grant = new AgentGrant { Id = Guid.NewGuid(), EnterpriseAccountId = actor.Id, AgentAccountId = agent.Id, EndsOn = endsOn, GrantedAt = now };
            db.Add(grant);
            db.Audit(actor, "agent.grant", "account", actor.Id.ToString(), $"授权经办人 {Masking.MaskName(agent.DisplayName)}（{agent.PhoneMasked}）至 {endsOn:yyyy-MM-dd}", now);
            await db.CommitAsync(ct);
            return new AgentGrantView(grant.Id, actor.DisplayName, Masking.MaskName(agent.DisplayName), agent.PhoneMasked ?? "", endsOn, now, null, true);
        }, ct);
    }

    public Task RevokeAsync(Actor actor, Guid grantId, CancellationToken ct) => db.InTransactionAsync(async () =>
    {
        EnsureEnterprise(actor);
        var grant = await db.Set<AgentGrant>().FirstOrDefaultAsync(g => g.Id == grantId && g.EnterpriseAccountId == actor.Id, ct)
            ?? throw new NotFoundException("没有这项经办人授权。");
        if (grant.RevokedAt is not null) return;
        var now = clock.Now();
        grant.RevokedAt = now;
        db.Audit(actor, "agent.revoke", "account", actor.Id.ToString(), $"撤销经办人授权 {grant.Id}", now);
        await db.CommitAsync(ct);
    }, ct);

    private static void EnsureApplicant(Actor actor)
    {
        if (!actor.Has(Roles.Applicant) || actor.Kind == AccountKind.Staff)
            throw new ForbiddenException("role", "只有申请人账号可以管理经办人授权。");
    }

    private static void EnsureEnterprise(Actor actor)
    {
        EnsureApplicant(actor);
        if (actor.Kind != AccountKind.Enterprise) throw new ForbiddenException("enterprise-only", "只有企业（法人）账号可以授权经办人。");
    }
}
