using Microsoft.EntityFrameworkCore;
using OneSeal.Organisation.Identifiers;
using OneSeal.Platform.Audit;
using OneSeal.Platform.Database;
using OneSeal.Platform.Http;
using OneSeal.Platform.Security;
using OneSeal.Platform.Time;

namespace OneSeal.Organisation.Applicants;

public sealed record WalkInRequest(string? Kind, string? Name, string? IdNumber, string? Uscc, string? Phone, string? LegalRepresentative);

/// <summary>An applicant as the window sees them: identity and phone masked; <c>registered</c> when they hold a portal account.</summary>
public sealed record ApplicantRecord(Guid Id, string Kind, string KindLabel, string Name, string? IdentityMasked, string? PhoneMasked,
    string? LegalRepresentative, bool Registered, DateTimeOffset? RecordedAtWindowAt);

/// <summary>
/// Walk-in applicants (窗口登记): the clerk finds the applicant by ID number or credit code — an exact match on the keyed
/// hash, the numbers stay encrypted — or records one. A record is an account of kind citizen or enterprise that cannot
/// sign in (no password, phone not verified); when the person registers online with the same code, registration claims
/// it (<see cref="ApplicantAccounts.RegisterAsync"/>) and its cases are theirs. The hall checks where the clerk sits first.
/// </summary>
public sealed class WalkInRecords(OneSealDb db, PersonalData personalData, LookupHash lookup, OneTimeCodes codes, TimeProvider clock)
{

    /// <summary>The existing applicant with that code (registered or recorded earlier), else a new record; <c>Created</c> says which.</summary>
    public async Task<(ApplicantRecord Record, bool Created)> RecordAsync(Actor actor, WalkInRequest? r, CancellationToken ct)
    {
        if (r is null) throw new InvalidInputException("body", "required", "请求体不能为空。");
        var errors = new Dictionary<string, string[]>();
        var person = ApplicantAccounts.ValidatePerson(r.Kind, r.Name, r.IdNumber, r.Uscc, r.Phone, r.LegalRepresentative,
            LegalDates.Today(clock), legalRepresentativeRequired: true, errors, kindLabel: "申请人类型");
        if (errors.Count > 0) throw new InvalidInputsException(errors);
        var identityHash = lookup.Of("identity", person.Identity);
        var phoneHash = codes.PhoneHash(person.Phone!);

        return await db.InTransactionAsync(async () =>
        {
            if (await db.Set<Account>().AsNoTracking().FirstOrDefaultAsync(a => a.IdentityCodeHash == identityHash, ct) is { } existing)
                return (View(existing), false);
            var now = clock.Now();
            var account = new Account
            {
                Id = Guid.NewGuid(), Username = $"~walkin-{Guid.NewGuid():N}", PasswordHash = "", DisplayName = person.Name, Kind = person.Kind!.Value,
                IdentityCodeProtected = personalData.Protect(person.Identity), IdentityCodeMasked = Masking.MaskIdentity(person.Identity),
                IdentityCodeHash = identityHash, PhoneProtected = personalData.Protect(person.Phone!), PhoneMasked = Masking.MaskPhone(person.Phone!),
                // The phone finds the record only while no other account holds it (a family member may share one).
                PhoneHash = await db.Set<Account>().AnyAsync(a => a.PhoneHash == phoneHash, ct) ? null : phoneHash,
                LegalRepresentative = person.LegalRepresentative, CreatedAt = now, RecordedAtWindowAt = now, RecordedById = actor.Id,
            };
            db.Add(account);
            db.Audit(actor, "applicant.record", "account", account.Id.ToString(),
                $"窗口登记{(account.Kind == AccountKind.Citizen ? "自然人" : "法人")}申请人，证件 {account.IdentityCodeMasked}，手机 {account.PhoneMasked}", now);
            await db.CommitAsync(ct);
            return (View(account), true);
        }, ct);
    }

    /// <summary>Exact match on the ID number or the credit code (one of them); the lookup is audited, as it reads personal data.</summary>
    public async Task<IReadOnlyList<ApplicantRecord>> FindAsync(Actor actor, string? idNumber, string? uscc, CancellationToken ct)
    {
        string code, field;
        if (!string.IsNullOrWhiteSpace(idNumber))
        {
            field = "idNumber";
            code = CitizenIdNumber.TryParse(ApplicantAccounts.Bounded(idNumber), LegalDates.Today(clock), out var id, out var error) ? id.Value
                : throw new InvalidInputException(field, "id-number", "身份证号码：" + error);
        }
        else if (!string.IsNullOrWhiteSpace(uscc))
        {
            field = "uscc";
            code = UnifiedSocialCreditCode.TryParse(ApplicantAccounts.Bounded(uscc), out var c, out var error) ? c.Value
                : throw new InvalidInputException(field, "uscc", "统一社会信用代码：" + error);
        }
        else throw new InvalidInputException("idNumber", "required", "请输入身份证号码（idNumber）或统一社会信用代码（uscc）。");
        var hash = lookup.Of("identity", code);
        var found = await db.Set<Account>().AsNoTracking()
            .Where(a => a.IdentityCodeHash == hash && a.Kind != AccountKind.Staff && !a.Disabled).ToListAsync(ct);
        db.Audit(actor, "applicant.lookup", "account", found.FirstOrDefault()?.Id.ToString() ?? "-", $"按{(field == "uscc" ? "统一社会信用代码" : "身份证号码")}查找申请人：{Masking.MaskIdentity(code)}，{found.Count} 条", clock.Now());
        await db.CommitAsync(ct);
        return found.Select(View).ToList();
    }

    /// <summary>One applicant (not staff) by id.</summary>
    public async Task<ApplicantRecord> GetAsync(Guid id, CancellationToken ct)
    {
        var a = await db.Set<Account>().AsNoTracking().FirstOrDefaultAsync(a => a.Id == id && a.Kind != AccountKind.Staff, ct)
            ?? throw new NotFoundException("申请人不存在。");
        return View(a);
    }

    public static ApplicantRecord View(Account a) => new(a.Id, a.Kind == AccountKind.Enterprise ? "enterprise" : "citizen",
        a.Kind == AccountKind.Enterprise ? "法人" : "自然人", a.DisplayName, a.IdentityCodeMasked, a.PhoneMasked, a.LegalRepresentative,
        a.PhoneVerifiedAt is not null, a.RecordedAtWindowAt);
}
