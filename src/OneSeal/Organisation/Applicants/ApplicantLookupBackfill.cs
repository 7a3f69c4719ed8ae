using Microsoft.EntityFrameworkCore;
using OneSeal.Organisation.Identifiers;
using OneSeal.Platform.Audit;
using OneSeal.Platform.Database;
using OneSeal.Platform.Security;

namespace OneSeal.Organisation.Applicants;

/// <summary>
/// At start (after migrations and the demo seed): applicant accounts written before registration existed keep their phone
/// in clear in <c>accounts.phone</c> and have no keyed hashes. This moves the phone to the encrypted, masked and hashed
/// columns (counting it as verified: those accounts were created by staff or the seed) and adds the identity code's hash,
/// so they are found by phone and ID like registered ones. Idempotent; a value another account already holds is left
/// unhashed rather than failing the start. Staff phones (office numbers) stay as they are.
/// </summary>
public static class ApplicantLookupBackfill
{
    public static async Task RunAsync(OneSealDb db, PersonalData personalData, LookupHash lookup, DateTimeOffset now, CancellationToken ct)
    {
        var pending = await db.Set<Account>()
            .Where(a => a.Kind != AccountKind.Staff && ((a.Phone != null && a.PhoneHash == null) || (a.IdentityCodeProtected != null && a.IdentityCodeHash == null)))
            .ToListAsync(ct);
        if (pending.Count == 0) return;
        var taken = (await db.Set<Account>().Where(a => a.PhoneHash != null).Select(a => a.PhoneHash!).ToListAsync(ct))
            .Concat(await db.Set<Account>().Where(a => a.IdentityCodeHash != null).Select(a => a.IdentityCodeHash!).ToListAsync(ct))
            .ToHashSet(StringComparer.Ordinal);
        foreach (var a in pending)
        {
            if (a.Phone is { } phone && a.PhoneHash is null)
            {
                var normalised = MobilePhone.Problem(phone, out var mobile) is null ? mobile! : phone.Trim();
                var hash = lookup.Of("phone", normalised);
                if (taken.Add(hash)) a.PhoneHash = hash;
                a.PhoneProtected = personalData.Protect(normalised);
                a.PhoneMasked = Masking.MaskPhone(normalised);
                a.PhoneVerifiedAt ??= a.CreatedAt;
                a.Phone = null;
            }
            if (a.IdentityCodeProtected is { } identity && a.IdentityCodeHash is null)
            {
                var hash = lookup.Of("identity", personalData.Unprotect(identity).Trim().ToUpperInvariant());
                if (taken.Add(hash)) a.IdentityCodeHash = hash;
            }
        }
        db.Audit(null, "account.lookup-backfill", "account", "*", $"{pending.Count} 个申请人账号的手机号码改为加密存储并建立查找散列", now);
        await db.CommitAsync(ct);
    }
}
