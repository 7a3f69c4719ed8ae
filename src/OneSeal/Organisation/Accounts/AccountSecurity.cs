using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using OneSeal.Platform.Audit;
using OneSeal.Platform.Database;
using OneSeal.Platform.Http;
using OneSeal.Platform.Security;
using OneSeal.Platform.Time;

namespace OneSeal.Organisation.Accounts;

/// <summary>The second factor as its holder sees it on the account page.</summary>
public sealed record SecondFactorState(bool Enrolled, DateTimeOffset? Since, int RecoveryCodesLeft, bool Required);

/// <summary>
/// What a signed-in person does for their own account: change the password (every other session ends, the caller signs
/// this one in again with the returned account), switch off an optional second factor, sign out everywhere.
/// A wrong current password counts toward the lockout, so a stolen session cannot be used to guess it.
/// </summary>
public sealed class AccountSecurity(OneSealDb db, TimeProvider clock, SecondFactor secondFactor, SecondFactorPolicy policy, PasswordHashing passwords)
{
    private PasswordHasher<Account> Hasher => passwords.Hasher;

    public async Task<Account> ChangePasswordAsync(Actor actor, string? current, string? password, string? confirm, CancellationToken ct)
    {
        var account = await CheckPasswordAsync(actor, current, "currentPassword", ct);
        if (PasswordPolicy.Problem(password, account.Kind, account.Username) is { } problem)
            throw new InvalidInputException("newPassword", "password-policy", problem);
        if (password != confirm) throw new InvalidInputException("confirmPassword", "mismatch", "两次输入的新密码不一致。");
        if (Hasher.VerifyHashedPassword(account, account.PasswordHash, password!) != PasswordVerificationResult.Failed)
            throw new InvalidInputException("newPassword", "password-unchanged", "新密码不能与当前密码相同。");
        account.SetPasswordHash(Hasher.HashPassword(account, password!));
        account.MustChangePassword = false;
        db.Audit(actor, "auth.password-changed", "account", account.Username, "其他会话已结束", clock.Now());
        await db.CommitAsync(ct);
        return account;
    }

    /// <summary>Switches the second factor off where it is not required (demo mode, applicants); asks for the password.</summary>
    public async Task DisableSecondFactorAsync(Actor actor, string? current, CancellationToken ct)
    {
        var account = await CheckPasswordAsync(actor, current, "currentPassword", ct);
        if (policy.IsRequired(account))
            throw new ForbiddenException("second-factor-required", "工作人员必须使用动态验证码，不能停用；更换手机请联系安全管理员重置。");
        if (!account.HasSecondFactor) return;
        await secondFactor.RemoveAsync(account.Id, actor, "auth.second-factor-disabled", ct);
    }

    public async Task<SecondFactorState> SecondFactorStateAsync(Actor actor, CancellationToken ct)
    {
        var account = await db.Set<Account>().AsNoTracking().FirstOrDefaultAsync(a => a.Id == actor.Id, ct) ?? throw new NotFoundException("账号不存在。");
        return new SecondFactorState(account.HasSecondFactor, account.SecondFactorSince,
            account.HasSecondFactor ? await secondFactor.RecoveryCodesLeftAsync(account.Id, ct) : 0, policy.IsRequired(account));
    }

    public Task SignOutEverywhereAsync(Actor actor, CancellationToken ct) =>
        AccountSessions.EndAllAsync(db, actor.Id, actor, "auth.sign-out-everywhere", clock.Now(), ct);

    private async Task<Account> CheckPasswordAsync(Actor actor, string? current, string field, CancellationToken ct)
    {
        var account = await db.Set<Account>().Include(a => a.Roles).FirstOrDefaultAsync(a => a.Id == actor.Id, ct)
            ?? throw new NotFoundException("账号不存在。");
        if (string.IsNullOrEmpty(current)) throw new InvalidInputException(field, "required", "请输入当前密码。");
        if (current.Length <= PasswordPolicy.Maximum
            && Hasher.VerifyHashedPassword(account, account.PasswordHash, current) != PasswordVerificationResult.Failed) return account;
        var now = clock.Now();
        var locked = await Lockout.RegisterFailureAsync(db, account.Id, now, ct);
        db.Audit(actor, "auth.password-check-failed", "account", account.Username, null, now);
        await db.CommitAsync(ct);
        if (locked is { } until) throw new AccountLockedException(until);
        throw new InvalidInputException(field, "wrong-password", "当前密码不正确。");
    }
}
