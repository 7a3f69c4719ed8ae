using Microsoft.EntityFrameworkCore;
using OneSeal.Platform.Audit;
using OneSeal.Platform.Database;
using OneSeal.Platform.Http;
using OneSeal.Platform.Security;
using OneSeal.Platform.Time;

namespace OneSeal.Organisation.Accounts;

/// <summary>An account as the security administrator sees it: no personal data, only its sign-in state.</summary>
public sealed record AccountSecurityState(Guid Id, string Username, string DisplayName, AccountKind Kind, bool Disabled,
    bool SecondFactor, DateTimeOffset? SecondFactorSince, DateTimeOffset? LockedUntil, int FailedSignIns);

/// <summary>
/// The security administrator's work on sign-in (三员分立: roles, lockouts, second factors, sessions; never cases or the
/// audit trail): unlock an account, reset a lost second factor, end a person's sessions everywhere. Every act is audited.
/// </summary>
public sealed class SecurityAdmin(OneSealDb db, TimeProvider clock, SecondFactor secondFactor)
{
    public async Task<IReadOnlyList<AccountSecurityState>> LockedAsync(Actor actor, CancellationToken ct)
    {
        Require(actor);
        var now = clock.Now();
        return await States(a => a.LockedUntil > now).Take(500).ToListAsync(ct);
    }

    public async Task<AccountSecurityState?> FindAsync(Actor actor, string? username, CancellationToken ct)
    {
        Require(actor);
        var name = username?.Trim();
        if (string.IsNullOrEmpty(name) || name.Length > SignIn.MaxUsername) return null;
        return await States(a => a.Username == name).FirstOrDefaultAsync(ct);
    }

    public async Task<AccountSecurityState> GetAsync(Actor actor, Guid id, CancellationToken ct)
    {
        Require(actor);
        return await States(a => a.Id == id).FirstOrDefaultAsync(ct) ?? throw new NotFoundException("账号不存在。");
    }

    public async Task UnlockAsync(Actor actor, Guid id, CancellationToken ct)
    {
        var account = await GetAsync(actor, id, ct);
        await Lockout.ResetAsync(db, id, ct);
        db.Audit(actor, "account.unlocked", "account", account.Username,
            account.LockedUntil is { } until && until > clock.Now() ? $"原锁定至 {until:O}" : "未锁定，失败计数清零", clock.Now());
        await db.CommitAsync(ct);
    }

    public async Task ResetSecondFactorAsync(Actor actor, Guid id, CancellationToken ct)
    {
        await GetAsync(actor, id, ct);
        await secondFactor.RemoveAsync(id, actor, "auth.second-factor-reset", ct);
    }

    public async Task SignOutAsync(Actor actor, Guid id, CancellationToken ct)
    {
        await GetAsync(actor, id, ct);
        await AccountSessions.EndAllAsync(db, id, actor, "auth.signed-out-by-admin", clock.Now(), ct);
    }

    /// <summary>Filtered on the table, then shaped (a filter on the constructed record would not translate to SQL).</summary>
    private IQueryable<AccountSecurityState> States(System.Linq.Expressions.Expression<Func<Account, bool>> filter) =>
        db.Set<Account>().AsNoTracking().Where(filter).OrderBy(a => a.Username).Select(a => new AccountSecurityState(a.Id, a.Username, a.DisplayName, a.Kind, a.Disabled,
            a.TotpSecretProtected != null, a.SecondFactorSince, a.LockedUntil, a.FailedSignIns));

    private static void Require(Actor actor)
    {
        if (!actor.Has(Roles.SecurityAdmin)) throw new ForbiddenException("role", "只有安全管理员可以解锁账号、重置动态验证码或强制下线。");
    }
}
