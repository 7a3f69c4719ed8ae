using Microsoft.EntityFrameworkCore;
using OneSeal.Organisation;
using OneSeal.Organisation.Staff;
using OneSeal.Platform.Audit;
using OneSeal.Platform.Database;
using OneSeal.Platform.Http;
using OneSeal.Platform.Security;
using OneSeal.Platform.Time;

namespace OneSeal.Hall.Chief;

/// <summary>One power as the staff page and the API show it.</summary>
public sealed record PowerView(string Power, string Label, bool Granted, DateTimeOffset? GrantedAt);
public sealed record SetPowersRequest(IReadOnlyList<string?>? Powers);

/// <summary>
/// The window chief's powers (<see cref="WindowChiefPower"/>): granted and revoked by the security administrator (who
/// assigns roles and permissions, 三员分立), each change in the audit trail; <see cref="EnsureAsync"/> is what every use
/// of a power asks first, and a refusal is audited too.
/// </summary>
public sealed class WindowChiefPowers(OneSealDb db, StaffRoster roster, TimeProvider clock)
{
    public async Task<bool> HasAsync(Actor actor, string power, CancellationToken ct) =>
        actor.Has(Roles.WindowChief) && await db.Set<WindowChiefGrant>().AnyAsync(g => g.AccountId == actor.Id && g.Power == power, ct);

    /// <summary>
    /// 403 <c>role</c> without the role <c>window-chief</c>, 403 <c>power-not-granted</c> (naming the power in Chinese) without
    /// the grant. Call it outside the command's transaction: the refusal's audit line is committed on its own.
    /// </summary>
    public async Task EnsureAsync(Actor actor, string power, CancellationToken ct)
    {
        if (!WindowChiefPower.All.Contains(power)) throw new ArgumentOutOfRangeException(nameof(power), power, "Unknown window chief power.");
        DomainException? refusal = !actor.Has(Roles.WindowChief)
            ? new ForbiddenException("role", $"“{WindowChiefPower.Label(power)}”是窗口负责人的权力，需要“{RoleLabels.Of(Roles.WindowChief)}”角色。")
            : !await HasAsync(actor, power, ct)
                ? new ForbiddenException("power-not-granted", $"您尚未被授予“{WindowChiefPower.Label(power)}”权力，请联系安全管理员授权。")
                : null;
        if (refusal is null) return;
        db.Audit(actor, "window-chief.power-refused", "account", actor.Id.ToString(), $"未获授权：{WindowChiefPower.Label(power)}", clock.Now());
        if (db.Database.CurrentTransaction is null) await db.CommitAsync(ct);
        throw refusal;
    }

    /// <summary>The five powers and which the account holds (security administrator, or the window chief about themself).</summary>
    public async Task<IReadOnlyList<PowerView>> ListAsync(Actor actor, Guid accountId, CancellationToken ct)
    {
        if (actor.Id != accountId) StaffAccess.EnsureRead(actor);
        var grants = await db.Set<WindowChiefGrant>().AsNoTracking().Where(g => g.AccountId == accountId).ToListAsync(ct);
        return WindowChiefPower.All.Select(p => new PowerView(p, WindowChiefPower.Label(p), grants.Any(g => g.Power == p),
            grants.FirstOrDefault(g => g.Power == p)?.GrantedAt)).ToList();
    }

    /// <summary>
    /// Sets the account's powers to exactly <paramref name="request"/>'s list: grants what is new, revokes what is gone, one
    /// audit line naming both. Only to a window chief; nobody grants to themself.
    /// </summary>
    public async Task SetAsync(Actor actor, Guid accountId, SetPowersRequest request, CancellationToken ct)
    {
        if (!actor.Has(Roles.SecurityAdmin)) throw new ForbiddenException("role", "只有安全管理员可以授予或收回窗口负责人的权力。");
        StaffAccess.EnsureNotSelf(actor, accountId, "授权");
        if (request.Powers is null) throw new InvalidInputException("powers", "required", "请给出授予的权力清单（powers，可为空清单）。");
        var wanted = new List<string>();
        foreach (var (p, i) in request.Powers.Select((p, i) => (p, i)))
        {
            if (p is null || !WindowChiefPower.All.Contains(p))
                throw new InvalidInputException($"powers[{i}]", "one-of", $"权力应为 {string.Join("、", WindowChiefPower.All)} 之一。");
            if (!wanted.Contains(p)) wanted.Add(p);
        }
        await db.InTransactionAsync(async () =>
        {
            var (account, _) = await roster.FindAsync(accountId, ct) ?? throw new NotFoundException("工作人员账号不存在。");
            if (wanted.Count > 0 && !account.Roles.Contains(Roles.WindowChief))
                throw new ConflictException("not-window-chief", $"{account.DisplayName} 不是窗口负责人，请先授予“{RoleLabels.Of(Roles.WindowChief)}”角色。");
            var current = await db.Set<WindowChiefGrant>().Where(g => g.AccountId == accountId).ToListAsync(ct);
            var now = clock.Now();
            var revoked = current.Where(g => !wanted.Contains(g.Power)).ToList();
            var granted = wanted.Where(p => current.All(g => g.Power != p)).ToList();
            if (revoked.Count == 0 && granted.Count == 0) return;
            db.RemoveRange(revoked);
            foreach (var p in granted) db.Add(new WindowChiefGrant { AccountId = accountId, Power = p, GrantedAt = now, GrantedById = actor.Id });
            string Names(IEnumerable<string> ps) => ps.Any() ? string.Join("、", ps.Select(WindowChiefPower.Label)) : "无";
            db.Audit(actor, "staff.powers-changed", "account", accountId.ToString(),
                $"{account.DisplayName} 窗口负责人权力：授予 {Names(granted)}；收回 {Names(revoked.Select(g => g.Power))}", now);
            await db.CommitAsync(ct);
        }, ct);
    }

    /// <summary>Demo mode: every power to each window chief account that holds none yet.</summary>
    public static async Task SeedDemoAsync(OneSealDb db, TimeProvider clock, CancellationToken ct)
    {
        var chiefs = await db.Set<Account>().Where(a => a.Username == "winchief").Select(a => a.Id).ToListAsync(ct);
        var granted = await db.Set<WindowChiefGrant>().Select(g => g.AccountId).Distinct().ToListAsync(ct);
        var by = await db.Set<Account>().Where(a => a.Username == "secadmin").Select(a => (Guid?)a.Id).FirstOrDefaultAsync(ct);
        var now = clock.Now();
        foreach (var id in chiefs.Except(granted))
            foreach (var p in WindowChiefPower.All)
                db.Add(new WindowChiefGrant { AccountId = id, Power = p, GrantedAt = now, GrantedById = by ?? id });
        await db.SaveChangesAsync(ct);
    }
}
