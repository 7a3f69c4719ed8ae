using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using OneSeal.Organisation.Identifiers;
using OneSeal.Platform.Audit;
using OneSeal.Platform.Database;
using OneSeal.Platform.Http;
using OneSeal.Platform.Security;
using OneSeal.Platform.Sms;

namespace OneSeal.Organisation.Applicants;

/// <summary>
/// One-time SMS codes: 6 digits, valid <see cref="Lifetime"/>, dead after <see cref="MaxAttempts"/> wrong entries; a
/// phone gets at most one code per <see cref="ResendAfter"/> and <see cref="DailyCap"/> a day (so the form cannot be used
/// to flood someone's phone); the per-address limit of the endpoints is the sign-in one.
/// </summary>
public sealed class OneTimeCodes(OneSealDb db, LookupHash lookup, SmsQueue sms)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(10);
    public static readonly TimeSpan ResendAfter = TimeSpan.FromSeconds(60);
    public const int MaxAttempts = 5;
    public const int DailyCap = 10;

    public string PhoneHash(string phone) => lookup.Of("phone", phone);

    /// <summary>
    /// Adds a new code and its SMS to the unit of work (the caller commits). <paramref name="reuseRecent"/>: a code sent
    /// within the last minute is still valid, so do nothing instead of refusing (a registration submitted twice).
    /// </summary>
    public async Task IssueAsync(string phone, CodePurpose purpose, DateTimeOffset now, CancellationToken ct, bool reuseRecent = false)
    {
        var phoneHash = PhoneHash(phone);
        var recent = await db.Set<OneTimeCode>().AsNoTracking().Where(c => c.PhoneHash == phoneHash && c.CreatedAt > now - TimeSpan.FromDays(1))
            .Select(c => new { c.CreatedAt, c.Purpose }).ToListAsync(ct);
        var last = recent.OrderByDescending(c => c.CreatedAt).FirstOrDefault();
        if (last is not null && now - last.CreatedAt < ResendAfter)
        {
            if (reuseRecent && last.Purpose == purpose) return;
            var wait = (int)Math.Ceiling((ResendAfter - (now - last.CreatedAt)).TotalSeconds);
            throw new CodeLimitException("code-too-soon", $"验证码已发送，请 {wait} 秒后再重新获取。", wait);
        }
        if (recent.Count >= DailyCap)
            throw new CodeLimitException("code-daily-cap", $"该手机号 24 小时内获取验证码已达 {DailyCap} 次，请明天再试或到政务服务大厅办理。", 3600);

        var code = RandomNumberGenerator.GetInt32(0, 1_000_000).ToString("D6", System.Globalization.CultureInfo.InvariantCulture);
        var id = Guid.NewGuid();
        db.Add(new OneTimeCode
        {
            Id = id, PhoneHash = phoneHash, Purpose = purpose, CodeHash = CodeHash(id, code),
            CreatedAt = Platform.Time.Instants.Truncate(now), ExpiresAt = Platform.Time.Instants.Truncate(now + Lifetime),
        });
        var what = purpose == CodePurpose.Register ? "注册账号" : "重置密码";
        db.Audit(null, "account.code-sent", "phone", Masking.MaskPhone(phone), what, now);
        sms.Queue(phone, $"【一章通】您正在{what}，验证码 {code}，{Lifetime.TotalMinutes:0} 分钟内有效。请勿告诉他人，工作人员不会向您索要验证码。", now);
    }

    /// <summary>
    /// Uses up the newest code sent to <paramref name="phone"/> for <paramref name="purpose"/> when <paramref name="code"/>
    /// matches. A wrong entry is counted and committed at once (it must stick even though the command fails), then
    /// refused as a problem on the field <c>code</c>. Both writes are conditional, so parallel guesses cannot exceed the limit.
    /// </summary>
    public async Task ConsumeAsync(string phone, CodePurpose purpose, string? code, DateTimeOffset now, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(code)) throw new InvalidInputException("code", "required", "请填写短信验证码。");
        var phoneHash = PhoneHash(phone);
        var latest = await db.Set<OneTimeCode>().AsNoTracking()
            .Where(c => c.PhoneHash == phoneHash && c.Purpose == purpose && c.UsedAt == null)
            .OrderByDescending(c => c.CreatedAt).FirstOrDefaultAsync(ct);
        if (latest is null || latest.ExpiresAt <= now)
            throw new InvalidInputException("code", "code-expired", "验证码已过期或未获取，请重新获取验证码。");
        if (latest.Attempts >= MaxAttempts)
            throw new InvalidInputException("code", "code-attempts", "验证码输入错误次数过多，请重新获取验证码。");

        var entered = code.Trim();
        if (entered.Length == 6 && CryptographicOperations.FixedTimeEquals(
                System.Text.Encoding.ASCII.GetBytes(CodeHash(latest.Id, entered)), System.Text.Encoding.ASCII.GetBytes(latest.CodeHash)))
        {
            var taken = await db.Set<OneTimeCode>().Where(c => c.Id == latest.Id && c.UsedAt == null && c.Attempts < MaxAttempts)
                .ExecuteUpdateAsync(u => u.SetProperty(c => c.UsedAt, Platform.Time.Instants.Truncate(now)), ct);
            if (taken == 1) return;
            throw new InvalidInputException("code", "code-expired", "验证码已使用，请重新获取验证码。");
        }

        await db.Set<OneTimeCode>().Where(c => c.Id == latest.Id && c.Attempts < MaxAttempts)
            .ExecuteUpdateAsync(u => u.SetProperty(c => c.Attempts, c => c.Attempts + 1), ct);
        db.Audit(null, "account.code-wrong", "phone", Masking.MaskPhone(phone), $"第 {latest.Attempts + 1} 次输错", now);
        await db.CommitAsync(ct);
        var left = MaxAttempts - latest.Attempts - 1;
        throw new InvalidInputException("code", "code-wrong", left > 0
            ? $"验证码不正确，还可以再试 {left} 次。"
            : "验证码输入错误次数过多，请重新获取验证码。");
    }

    private string CodeHash(Guid id, string code) => lookup.Of("otp", id.ToString("N") + ":" + code);
}

/// <summary>429: a code was sent less than a minute ago, or the day's codes for the phone are used up.</summary>
public sealed class CodeLimitException(string rule, string message, int retryAfterSeconds) : DomainException(message)
{
    public override int StatusCode => 429;
    public override string Rule { get; } = rule;
    public int RetryAfterSeconds { get; } = retryAfterSeconds;
}
