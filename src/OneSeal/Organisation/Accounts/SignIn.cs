using OneSeal.Platform.Time;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using OneSeal.Platform.Audit;
using OneSeal.Platform.Database;
using OneSeal.Platform.Security;

namespace OneSeal.Organisation.Accounts;

/// <summary>Checks a username and password; used by the login page and <c>POST /api/v1/auth/token</c>.</summary>
public sealed class SignIn(OneSealDb db, TimeProvider clock)
{
    /// <summary>The username column's length; also the most of a typed username that reaches the audit trail.</summary>
    public const int MaxUsername = 64;

    private static readonly PasswordHasher<Account> Hasher = new();

    /// <summary>
    /// Verified when the username is unknown, so that answer costs the same hashing as a wrong password and the
    /// response time does not tell which usernames exist.
    /// </summary>
    private static readonly string DummyHash = Hasher.HashPassword(null!, "oneseal-unknown-user");

    /// <summary>The signed-in account, or null for a wrong username or password. Throws <see cref="AccountLockedException"/>.</summary>
    public async Task<Account?> CheckAsync(string? username, string? password, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(username) || string.IsNullOrEmpty(password)) return null;
        var name = username.Trim();
        var audited = name.Length > MaxUsername ? name[..MaxUsername] : name;
        var now = clock.Now();
        // Longer than any username: nothing to look up.
        var account = name.Length > MaxUsername ? null
            : await db.Set<Account>().Include(a => a.Roles).FirstOrDefaultAsync(a => a.Username == name, ct);

        if (account is not null && Lockout.IsLocked(account, now))
        {
            db.Audit(null, "auth.sign-in-refused-locked", "account", audited, null, now);
            await db.CommitAsync(ct);
            throw new AccountLockedException(account.LockedUntil!.Value);
        }

        var passwordOk = Hasher.VerifyHashedPassword(account!, account?.PasswordHash ?? DummyHash, password) != PasswordVerificationResult.Failed;
        if (account is { Disabled: false } && passwordOk)
        {
            if (account is { PhoneVerifiedAt: null, Kind: not AccountKind.Staff })
            {
                db.Audit(null, "auth.sign-in-refused-unverified", "account", audited, null, now);
                await db.CommitAsync(ct);
                throw new PhoneNotVerifiedException();
            }
            await Lockout.ResetAsync(db, account.Id, ct);
            db.Audit(Actor.From(AccountPrincipal.Of(account, "password")), "auth.sign-in", "account", audited, null, now);
            await db.CommitAsync(ct);
            return account;
        }

        var lockedUntil = account is null ? null : await Lockout.RegisterFailureAsync(db, account.Id, now, ct);
        db.Audit(null, "auth.sign-in-failed", "account", audited, null, now);
        if (lockedUntil is { } until)
            db.Audit(null, "auth.locked-out", "account", audited, $"锁定至 {until:O}，{Lockout.MaxFailures} 次失败于 {Lockout.Window.TotalMinutes} 分钟内", now);
        await db.CommitAsync(ct);
        if (lockedUntil is { } lockedNow) throw new AccountLockedException(lockedNow);
        return null;
    }

    /// <summary>Signing out ends every session of the account (<see cref="AccountSessions"/>): cookies and tokens alike.</summary>
    public Task SignOutEverywhereAsync(Actor actor, CancellationToken ct) =>
        AccountSessions.EndAllAsync(db, actor.Id, actor, "auth.sign-out", clock.Now(), ct);
}

/// <summary>403: an applicant registered but has not yet proved the phone with the code (Organisation/Applicants).</summary>
public sealed class PhoneNotVerifiedException() : OneSeal.Platform.Http.DomainException("该账号的手机号码尚未验证，请先输入短信验证码完成注册。")
{
    public override int StatusCode => 403;
    public override string Rule => "phone-not-verified";
}
