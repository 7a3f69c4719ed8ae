using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using OneSeal.Platform.Audit;
using OneSeal.Platform.Database;
using OneSeal.Platform.Http;
using OneSeal.Platform.Security;
using OneSeal.Platform.Time;
using OtpNet;

namespace OneSeal.Organisation.Accounts;

/// <summary>Whether staff must have a second factor (<c>OneSeal:Security:RequireStaffSecondFactor</c>; on in production).</summary>
public sealed record SecondFactorPolicy(bool RequireForStaff)
{
    public bool IsRequired(Account account) => RequireForStaff && account.Kind == AccountKind.Staff;
}

/// <summary>What the enrolment page shows: the secret for manual entry and the otpauth URI for the QR code.</summary>
public sealed record Enrolment(string Secret, string OtpAuthUri);

/// <summary>
/// The second factor (MLPS 2.0 level 3 asks two factors of privileged users): a TOTP secret (RFC 6238, 30-second steps,
/// six digits, SHA-1 as every authenticator app speaks it) encrypted at rest, and ten one-time recovery codes. A code
/// is accepted one step either side of now, and never twice (the last step used is kept in the account row).
/// </summary>
public sealed class SecondFactor(OneSealDb db, TimeProvider clock, IDataProtectionProvider protection)
{
    public const string Issuer = "OneSeal";
    public const int RecoveryCodeCount = 10;
    private readonly IDataProtector protector = protection.CreateProtector("OneSeal.SecondFactor.v1");

    /// <summary>A secret to enrol (the same one until it is confirmed or reset, so reloading the page keeps the QR code).</summary>
    public async Task<Enrolment> BeginAsync(Account account, CancellationToken ct)
    {
        if (account.HasSecondFactor) throw new ConflictException("second-factor-enrolled", "该账号已绑定动态验证码；如需更换，请先停用或请安全管理员重置。");
        var secret = account.TotpPendingProtected is { } pending ? Unprotect(pending) : null;
        if (secret is null)
        {
            secret = KeyGeneration.GenerateRandomKey(20);
            account.TotpPendingProtected = protector.Protect(Base32Encoding.ToString(secret));
            await db.CommitAsync(ct);
        }
        var text = Base32Encoding.ToString(secret);
        return new Enrolment(text, $"otpauth://totp/{Uri.EscapeDataString(Issuer)}:{Uri.EscapeDataString(account.Username)}" +
            $"?secret={text}&issuer={Uri.EscapeDataString(Issuer)}&algorithm=SHA1&digits=6&period=30");
    }

    /// <summary>Enrols the pending secret when <paramref name="code"/> is right; returns the recovery codes, shown once.</summary>
    public async Task<IReadOnlyList<string>> ConfirmAsync(Account account, string? code, Actor? actor, CancellationToken ct)
    {
        var secret = account.TotpPendingProtected is { } pending ? Unprotect(pending) : null;
        if (secret is null || account.HasSecondFactor) throw new ConflictException("second-factor-not-started", "请先开始绑定动态验证码。");
        if (Step(secret, code) is not { } step) throw BadCode("请输入验证器上显示的 6 位动态验证码。");
        var now = clock.Now();
        account.TotpSecretProtected = account.TotpPendingProtected;
        account.TotpPendingProtected = null;
        account.SecondFactorSince = now;
        account.TotpLastStep = step;
        var codes = await NewRecoveryCodesAsync(account.Id, ct);
        db.Audit(actor ?? Actor.From(AccountPrincipal.Of(account, "second-factor")), "auth.second-factor-enrolled", "account", account.Username, null, now);
        await db.CommitAsync(ct);
        return codes;
    }

    /// <summary>True when <paramref name="code"/> is a current TOTP code not used before, or an unused recovery code (then used up).</summary>
    public async Task<bool> VerifyAsync(Account account, string? code, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(code) || account.TotpSecretProtected is not { } stored || Unprotect(stored) is not { } secret) return false;
        if (Step(secret, code) is { } step)
        {
            // One conditional UPDATE: of two sign-ins with the same code, one wins.
            var claimed = await db.Set<Account>().Where(a => a.Id == account.Id && (a.TotpLastStep == null || a.TotpLastStep < step))
                .ExecuteUpdateAsync(u => u.SetProperty(a => a.TotpLastStep, step), ct);
            return claimed == 1;
        }
        var hash = RecoveryHash(code);
        var now = clock.Now();
        var used = await db.Set<RecoveryCode>().Where(r => r.AccountId == account.Id && r.CodeHash == hash && r.UsedAt == null)
            .ExecuteUpdateAsync(u => u.SetProperty(r => r.UsedAt, now), ct);
        if (used == 0) return false;
        var left = await db.Set<RecoveryCode>().CountAsync(r => r.AccountId == account.Id && r.UsedAt == null, ct);
        db.Audit(Actor.From(AccountPrincipal.Of(account, "second-factor")), "auth.recovery-code-used", "account", account.Username, $"剩余 {left} 个恢复码", now);
        return true;
    }

    /// <summary>
    /// Removes the second factor (the security administrator for a lost phone, or the holder where it is optional) and
    /// ends the account's sessions; the holder enrols again at the next sign-in where it is required.
    /// </summary>
    public async Task RemoveAsync(Guid accountId, Actor actor, string action, CancellationToken ct)
    {
        var username = await db.Set<Account>().Where(a => a.Id == accountId).Select(a => a.Username).FirstOrDefaultAsync(ct)
            ?? throw new NotFoundException("账号不存在。");
        await db.Set<RecoveryCode>().Where(r => r.AccountId == accountId).ExecuteDeleteAsync(ct);
        await db.Set<Account>().Where(a => a.Id == accountId).ExecuteUpdateAsync(u => u
            .SetProperty(a => a.TotpSecretProtected, (string?)null).SetProperty(a => a.TotpPendingProtected, (string?)null)
            .SetProperty(a => a.SecondFactorSince, (DateTimeOffset?)null).SetProperty(a => a.TotpLastStep, (long?)null)
            .SetProperty(a => a.SecurityStamp, Account.NewSecurityStamp()), ct);
        db.Audit(actor, action, "account", username, null, clock.Now());
        await db.CommitAsync(ct);
    }

    /// <summary>The account (tracked, with roles) to enrol: live, and still under <paramref name="stamp"/> when one is given.</summary>
    public Task<Account?> EnrollingAccountAsync(Guid id, string? stamp, CancellationToken ct) =>
        db.Set<Account>().Include(a => a.Roles)
            .FirstOrDefaultAsync(a => a.Id == id && !a.Disabled && (stamp == null || a.SecurityStamp == stamp), ct);

    public Task<int> RecoveryCodesLeftAsync(Guid accountId, CancellationToken ct) =>
        db.Set<RecoveryCode>().CountAsync(r => r.AccountId == accountId && r.UsedAt == null, ct);

    public static InvalidInputException BadCode(string message) => new("otp", "otp-invalid", message);

    private async Task<IReadOnlyList<string>> NewRecoveryCodesAsync(Guid accountId, CancellationToken ct)
    {
        await db.Set<RecoveryCode>().Where(r => r.AccountId == accountId).ExecuteDeleteAsync(ct);
        var codes = Enumerable.Range(0, RecoveryCodeCount).Select(_ => NewRecoveryCode()).ToList();
        db.AddRange(codes.Select(c => new RecoveryCode { Id = Guid.NewGuid(), AccountId = accountId, CodeHash = RecoveryHash(c) }));
        return codes;
    }

    /// <summary>The matched time step of a six-digit code, or null.</summary>
    private long? Step(byte[] secret, string? code)
    {
        var digits = code?.Replace(" ", "", StringComparison.Ordinal).Trim();
        if (digits is not { Length: 6 } || !digits.All(char.IsAsciiDigit)) return null;
        return new Totp(secret).VerifyTotp(clock.GetUtcNow().UtcDateTime, digits, out var step, new VerificationWindow(previous: 1, future: 1))
            ? step : null;
    }

    private byte[]? Unprotect(string protectedSecret)
    {
        try { return Base32Encoding.ToBytes(protector.Unprotect(protectedSecret)); }
        catch (CryptographicException) { return null; } // keys lost: treated as not enrolled, the administrator resets it
    }

    /// <summary>Ten characters of an alphabet without look-alikes (no 0/o, 1/l/i), shown as two groups of five.</summary>
    private static string NewRecoveryCode()
    {
        const string alphabet = "abcdefghjkmnpqrstuvwxyz23456789";
        var chars = Enumerable.Range(0, 10).Select(_ => alphabet[RandomNumberGenerator.GetInt32(alphabet.Length)]).ToArray();
        return new string(chars, 0, 5) + "-" + new string(chars, 5, 5);
    }

    private static string RecoveryHash(string code)
    {
        var normal = new string(code.Where(char.IsAsciiLetterOrDigit).Select(char.ToLowerInvariant).ToArray());
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(normal)));
    }
}
