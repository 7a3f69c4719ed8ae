using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using OneSeal.Organisation.Accounts;
using OneSeal.Organisation.Identifiers;
using OneSeal.Platform.Audit;
using OneSeal.Platform.Database;
using OneSeal.Platform.Http;
using OneSeal.Platform.Security;
using OneSeal.Platform.Time;

namespace OneSeal.Organisation.Applicants;

public sealed record RegisterRequest(string? Kind, string? Name, string? IdNumber, string? Uscc, string? Phone, string? Password,
    string? Username = null, string? LegalRepresentative = null);

/// <summary>A person's checked fields (<see cref="ApplicantAccounts.ValidatePerson"/>); <c>Kind</c> and <c>Phone</c> null when bad.</summary>
public sealed record PersonFields(AccountKind? Kind, string Name, string Identity, string IdentityField, string? Phone, string? LegalRepresentative);

public sealed record RegisterResponse(string Username, string PhoneMasked, int CodeValidSeconds, int ResendAfterSeconds);

public sealed record VerifyPhoneRequest(string? Phone, string? Code);

public sealed record SendCodeRequest(string? Phone, string? Purpose);

public sealed record ResetPasswordRequest(string? Phone, string? Code, string? NewPassword);

/// <summary>
/// Applicants register themselves: a citizen (name, GB 11643 ID number) or an enterprise (name, GB 32100 credit code,
/// legal representative), with a mobile number proved by a one-time code before the account can sign in, and reset a
/// forgotten password by code. Phone and identity code are stored encrypted, masked and as keyed hashes (one account per
/// phone and per code); an unverified registration holds neither — registering again replaces it.
/// </summary>
public sealed class ApplicantAccounts(OneSealDb db, OneTimeCodes codes, PersonalData personalData, LookupHash lookup, TimeProvider clock,
    PasswordHashing passwords)
{
    public const int MaxName = 64;
    public const int MaxEnterpriseName = 128;
    private PasswordHasher<Account> Hasher => passwords.Hasher;

    /// <param name="legalRepresentativeRequired">The page asks for it; API clients may leave it out.</param>
    public async Task<RegisterResponse> RegisterAsync(RegisterRequest? r, CancellationToken ct, bool legalRepresentativeRequired = false)
    {
        if (r is null) throw new InvalidInputException("body", "required", "请求体不能为空。");
        var now = clock.Now();
        var input = Validate(r, LegalDates.Today(clock), legalRepresentativeRequired);
        var phoneHash = codes.PhoneHash(input.Phone);
        var identityHash = lookup.Of("identity", input.Identity);

        return await db.InTransactionAsync(async () =>
        {
            var holders = await db.Set<Account>().Include(a => a.Roles)
                .Where(a => a.PhoneHash == phoneHash || a.IdentityCodeHash == identityHash || a.Username == input.Username)
                .ToListAsync(ct);
            var errors = new Dictionary<string, string[]>();
            foreach (var a in holders.Where(a => a.PhoneVerifiedAt is not null || a.Kind == AccountKind.Staff))
            {
                if (a.PhoneHash == phoneHash) errors["phone"] = ["该手机号码已注册。如忘记密码，可通过短信验证码重置密码。"];
                if (a.IdentityCodeHash == identityHash)
                    errors[input.IdentityField] = [input.Kind == AccountKind.Citizen ? "该身份证号码已注册账号。" : "该统一社会信用代码已注册账号。"];
                if (a.Username == input.Username)
                    errors[r.Username is null ? "phone" : "username"] = [r.Username is null ? "该手机号码已被用作登录名。" : "该登录名已被使用，请换一个。"];
            }
            if (errors.Count > 0) throw new InvalidInputsException(errors, "already-registered");

            // A walk-in recorded at a window with this identity code becomes this account, keeping its cases (窗口登记认领).
            var claimed = holders.FirstOrDefault(a => a.RecordedAtWindowAt is not null && a.IdentityCodeHash == identityHash);
            // Registrations never verified hold nothing: the new one replaces them. Another walk-in record only gives up the phone.
            foreach (var stale in holders.Where(a => a != claimed))
            {
                if (stale.RecordedAtWindowAt is not null)
                {
                    stale.PhoneHash = null;
                    continue;
                }
                db.Remove(stale);
                db.Audit(null, "account.registration-replaced", "account", stale.Id.ToString(), "未验证手机号的注册被新的注册取代", now);
            }
            if (holders.Count > 0) await db.SaveChangesAsync(ct);

            var account = claimed ?? new Account
            {
                Id = Guid.NewGuid(), Username = input.Username, PasswordHash = "", DisplayName = input.Name, Kind = input.Kind, CreatedAt = now,
            };
            account.Username = input.Username;
            account.DisplayName = input.Name;
            account.IdentityCodeProtected = personalData.Protect(input.Identity);
            account.IdentityCodeMasked = Masking.MaskIdentity(input.Identity);
            account.IdentityCodeHash = identityHash;
            account.PhoneProtected = personalData.Protect(input.Phone);
            account.PhoneMasked = Masking.MaskPhone(input.Phone);
            account.PhoneHash = phoneHash;
            account.PhoneVerifiedAt = null;
            account.LegalRepresentative = input.LegalRepresentative;
            if (!account.Roles.Any(x => x.Role == Roles.Applicant)) account.Roles.Add(new AccountRole { AccountId = account.Id, Role = Roles.Applicant });
            account.PasswordHash = Hasher.HashPassword(account, r.Password!);
            if (claimed is null) db.Add(account);
            await codes.IssueAsync(input.Phone, CodePurpose.Register, now, ct, reuseRecent: true);
            db.Audit(Self(account), "account.register", "account", account.Id.ToString(),
                $"{(input.Kind == AccountKind.Citizen ? "自然人" : "法人")}，手机 {account.PhoneMasked}，证件 {account.IdentityCodeMasked}"
                + (claimed is null ? "" : "，认领窗口登记的申请人记录"), now);
            await CommitUniqueAsync(ct);
            return new RegisterResponse(account.Username, account.PhoneMasked, (int)OneTimeCodes.Lifetime.TotalSeconds, (int)OneTimeCodes.ResendAfter.TotalSeconds);
        }, ct);
    }

    /// <summary>Proves the phone of an unverified registration; the account can sign in from now on. Returns its sign-in name.</summary>
    public async Task<string> VerifyPhoneAsync(VerifyPhoneRequest? r, CancellationToken ct)
    {
        var phone = MobilePhone.Normalise(r?.Phone);
        var now = clock.Now();
        var phoneHash = codes.PhoneHash(phone);
        var account = await db.Set<Account>().Include(a => a.Roles).FirstOrDefaultAsync(a => a.PhoneHash == phoneHash, ct);
        if (account is { PhoneVerifiedAt: not null })
            throw new ConflictException("already-verified", "该手机号码已验证，请直接登录。");
        if (account is null) throw new InvalidInputException("code", "code-expired", "验证码已过期或未获取，请重新获取验证码。");
        await codes.ConsumeAsync(phone, CodePurpose.Register, r!.Code, now, ct);
        account.PhoneVerifiedAt = now;
        db.Audit(Self(account), "account.phone-verified", "account", account.Id.ToString(), account.PhoneMasked, now);
        await db.CommitAsync(ct);
        return account.Username;
    }

    /// <summary>
    /// Sends a code for <paramref name="r"/>'s purpose when there is an account it can serve (an unverified registration,
    /// or a verified applicant for a reset); says nothing about whether there is one.
    /// </summary>
    public async Task SendCodeAsync(SendCodeRequest? r, CancellationToken ct)
    {
        var phone = MobilePhone.Normalise(r?.Phone);
        var purpose = r?.Purpose?.Trim().ToLowerInvariant() switch
        {
            "register" => CodePurpose.Register,
            "reset" or "reset-password" => CodePurpose.Reset,
            _ => throw new InvalidInputException("purpose", "purpose", "用途（purpose）应为 register（注册）或 reset（重置密码）。"),
        };
        var phoneHash = codes.PhoneHash(phone);
        var verified = purpose == CodePurpose.Reset;
        var exists = await db.Set<Account>().AnyAsync(a => a.PhoneHash == phoneHash && (a.PhoneVerifiedAt != null) == verified && !a.Disabled, ct);
        if (!exists) return;
        await codes.IssueAsync(phone, purpose, clock.Now(), ct);
        await db.CommitAsync(ct);
    }

    /// <summary>A new password by code; every session of the account ends (<see cref="Account.SetPasswordHash"/>).</summary>
    public async Task ResetPasswordAsync(ResetPasswordRequest r, CancellationToken ct)
    {
        var phone = MobilePhone.Normalise(r.Phone);
        var now = clock.Now();
        var phoneHash = codes.PhoneHash(phone);
        var account = await db.Set<Account>().FirstOrDefaultAsync(a => a.PhoneHash == phoneHash && a.PhoneVerifiedAt != null && !a.Disabled, ct);
        if (PasswordPolicy.Problem(r.NewPassword, account?.Kind ?? AccountKind.Citizen, account?.Username) is { } problem)
            throw new InvalidInputException("newPassword", "password-policy", problem);
        if (account is null) throw new InvalidInputException("code", "code-expired", "验证码已过期或未获取，请重新获取验证码。");
        await codes.ConsumeAsync(phone, CodePurpose.Reset, r.Code, now, ct);
        account.SetPasswordHash(Hasher.HashPassword(account, r.NewPassword!));
        account.FailedSignIns = 0;
        account.FailedSignInsSince = null;
        account.LockedUntil = null;
        db.Audit(Self(account), "account.password-reset", "account", account.Id.ToString(), "短信验证码重置密码，原有会话全部结束", now);
        await db.CommitAsync(ct);
    }

    private async Task CommitUniqueAsync(CancellationToken ct)
    {
        try
        {
            await db.CommitAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Another registration with the same phone, code or name committed between our check and our insert.
            throw new InvalidInputException("phone", "already-registered", "该手机号码、证件号码或登录名刚刚已被注册，请核对后重试。");
        }
    }

    private static Actor Self(Account a) => Actor.From(AccountPrincipal.Of(a, "registration"))!;

    private sealed record Input(AccountKind Kind, string Name, string Identity, string IdentityField, string Phone, string Username, string? LegalRepresentative);

    /// <summary>Every field checked at once: the problem names each bad field with its Chinese rule.</summary>
    private static Input Validate(RegisterRequest r, DateOnly today, bool legalRepresentativeRequired)
    {
        var errors = new Dictionary<string, string[]>();
        var person = ValidatePerson(r.Kind, r.Name, r.IdNumber, r.Uscc, r.Phone, r.LegalRepresentative, today, legalRepresentativeRequired, errors);
        var phone = person.Phone;
        var username = string.IsNullOrWhiteSpace(r.Username) ? phone ?? "" : r.Username.Trim();
        if (r.Username is not null && !string.IsNullOrWhiteSpace(r.Username) && !Usernames.IsValid(username))
            errors.TryAdd("username", ["登录名应为 4–32 位，以字母开头，只含字母、数字和 _ . -（不填则用手机号码登录）。"]);

        if (PasswordPolicy.Problem(r.Password, person.Kind ?? AccountKind.Citizen, username) is { } passwordError)
            errors.TryAdd("password", [passwordError.StartsWith("密码", StringComparison.Ordinal) || passwordError.StartsWith("请输入密码", StringComparison.Ordinal)
                ? passwordError : "密码：" + passwordError]);

        if (errors.Count > 0) throw new InvalidInputsException(errors);
        return new Input(person.Kind!.Value, person.Name, person.Identity, person.IdentityField, phone!, username, person.LegalRepresentative);
    }

    /// <summary>
    /// The person's fields as registration and the window's walk-in record both take them: kind, name, GB 11643 ID number
    /// or GB 32100 credit code (normalised), mobile phone, legal representative. Each bad field is added to <paramref name="errors"/>.
    /// </summary>
    public static PersonFields ValidatePerson(string? kindText, string? nameText, string? idNumber, string? usccText, string? phoneText,
        string? legalText, DateOnly today, bool legalRepresentativeRequired, Dictionary<string, string[]> errors, string kindLabel = "注册类型")
    {
        void Bad(string field, string message) => errors.TryAdd(field, [message]);

        var kind = kindText?.Trim().ToLowerInvariant() switch
        {
            "citizen" => AccountKind.Citizen,
            "enterprise" => AccountKind.Enterprise,
            _ => (AccountKind?)null,
        };
        if (kind is null) Bad("kind", $"{kindLabel}（kind）应为 citizen（个人）或 enterprise（企业）。");
        var enterprise = kind == AccountKind.Enterprise;

        var name = nameText?.Trim() ?? "";
        var maxName = enterprise ? MaxEnterpriseName : MaxName;
        if (name.Length == 0) Bad("name", enterprise ? "请填写企业名称。" : "请填写姓名。");
        else if (name.Length > maxName || !TextRules.IsClean(name) || name.Any(char.IsControl))
            Bad("name", enterprise ? $"企业名称不能超过 {maxName} 个字符，且不能含控制字符。" : $"姓名不能超过 {maxName} 个字符，且不能含控制字符。");

        string identity = "", identityField = enterprise ? "uscc" : "idNumber";
        if (enterprise)
        {
            if (UnifiedSocialCreditCode.TryParse(Bounded(usccText), out var uscc, out var error)) identity = uscc.Value;
            else Bad("uscc", "统一社会信用代码：" + error);
        }
        else if (kind == AccountKind.Citizen)
        {
            if (CitizenIdNumber.TryParse(Bounded(idNumber), today, out var id, out var error)) identity = id.Value;
            else Bad("idNumber", "身份证号码：" + error);
        }

        var legal = legalText?.Trim();
        if (string.IsNullOrEmpty(legal))
        {
            legal = null;
            if (enterprise && legalRepresentativeRequired) Bad("legalRepresentative", "请填写法定代表人姓名。");
        }
        else if (legal.Length > MaxName || !TextRules.IsClean(legal) || legal.Any(char.IsControl))
            Bad("legalRepresentative", $"法定代表人姓名不能超过 {MaxName} 个字符，且不能含控制字符。");

        if (MobilePhone.Problem(phoneText, out var phone) is { } phoneError) Bad("phone", phoneError);
        return new PersonFields(kind, name, identity, identityField, phone, legal);
    }

    internal static string? Bounded(string? s) => s is { Length: > 64 } ? s[..64] : s;
}
