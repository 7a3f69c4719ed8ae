using OneSeal.Platform.Time;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using OneSeal.Platform.Audit;
using OneSeal.Platform.Database;
using OneSeal.Platform.Security;

namespace OneSeal.Organisation.Accounts;

/// <summary>What follows a right password: signed in, or a second factor to give or (where required) to enrol first.</summary>
public enum SignInStep { Done, NeedsCode, NeedsEnrolment }

public sealed record PasswordChecked(Account Account, SignInStep Step);

/// <summary>
/// Checks a username and password, then the second factor where the account has one (or must enrol one); used by the
/// login pages and <c>POST /api/v1/auth/token</c>. Wrong codes count toward the lockout like wrong passwords, and a right
/// password alone clears no count while a code is still owed.
/// </summary>
public sealed class SignIn(OneSealDb db, TimeProvider clock, SecondFactor secondFactor, SecondFactorPolicy policy, PasswordHashing passwords)
{
    /// <summary>The username column's length; also the most of a typed username that reaches the audit trail.</summary>
    public const int MaxUsername = 64;

    private PasswordHasher<Account> Hasher => passwords.Hasher;


    /// <summary>The account and its next step, or null for a wrong username or password. Throws <see cref="AccountLockedException"/>.</summary>
    public async Task<PasswordChecked?> CheckAsync(string? username, string? password, CancellationToken ct)
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

        var passwordOk = Hasher.VerifyHashedPassword(account!, account?.PasswordHash ?? passwords.DummyHash, password) != PasswordVerificationResult.Failed;
        if (account is { Disabled: false } && passwordOk)
        {
            if (account is { PhoneVerifiedAt: null, Kind: not AccountKind.Staff })
            {
                db.Audit(null, "auth.sign-in-refused-unverified", "account", audited, null, now);
                await db.CommitAsync(ct);
                throw new PhoneNotVerifiedException();
            }
            var step = account.HasSecondFactor ? SignInStep.NeedsCode
                : policy.IsRequired(account) ? SignInStep.NeedsEnrolment
                : SignInStep.Done;
            if (step == SignInStep.Done) await SignedInAsync(account, null, ct);
            else
            {
                db.Audit(Actor.From(AccountPrincipal.Of(account, "password")), "auth.password-accepted", "account", audited,
                    step == SignInStep.NeedsCode ? "待输入动态验证码" : "待绑定动态验证码", now);
                await db.CommitAsync(ct);
            }
            return new PasswordChecked(account, step);
        }

        await FailedAsync(account?.Id, audited, "auth.sign-in-failed", ct);
        return null;
    }

    /// <summary>
    /// The second step of a sign-in whose password was right: the account, or null for a wrong code (counted toward the
    /// lockout). <paramref name="stamp"/> is the security stamp at the password step: a reset or sign-out meanwhile voids it.
    /// </summary>
    public async Task<Account?> CompleteAsync(Guid accountId, string? stamp, string? code, CancellationToken ct)
    {
        var now = clock.Now();
        var account = await db.Set<Account>().Include(a => a.Roles).FirstOrDefaultAsync(a => a.Id == accountId, ct);
        if (account is null || account.Disabled || account.SecurityStamp != stamp || !account.HasSecondFactor) return null;
        if (Lockout.IsLocked(account, now))
        {
            db.Audit(null, "auth.sign-in-refused-locked", "account", account.Username, null, now);
            await db.CommitAsync(ct);
            throw new AccountLockedException(account.LockedUntil!.Value);
        }
        if (await secondFactor.VerifyAsync(account, code, ct))
        {
            await SignedInAsync(account, "动态验证码", ct);
            return account;
        }
        await FailedAsync(account.Id, account.Username, "auth.second-factor-failed", ct);
        return null;
    }

    /// <summary>A sign-in that ended with enrolling the second factor (its first code was checked by the enrolment).</summary>
    public Task EnrolledAsync(Account account, CancellationToken ct) => SignedInAsync(account, "绑定动态验证码", ct);

    private async Task SignedInAsync(Account account, string? how, CancellationToken ct)
    {
        await Lockout.ResetAsync(db, account.Id, ct);
        db.Audit(Actor.From(AccountPrincipal.Of(account, "password")), "auth.sign-in", "account", account.Username, how, clock.Now());
        await db.CommitAsync(ct);
    }

    private async Task FailedAsync(Guid? accountId, string audited, string action, CancellationToken ct)
    {
        var now = clock.Now();
        var lockedUntil = accountId is { } id ? await Lockout.RegisterFailureAsync(db, id, now, ct) : null;
        db.Audit(null, action, "account", audited, null, now);
        if (lockedUntil is { } until)
            db.Audit(null, "auth.locked-out", "account", audited, $"锁定至 {until:O}，{Lockout.MaxFailures} 次失败于 {Lockout.Window.TotalMinutes} 分钟内", now);
        await db.CommitAsync(ct);
        if (lockedUntil is { } lockedNow) throw new AccountLockedException(lockedNow);
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
