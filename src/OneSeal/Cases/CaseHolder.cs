using Microsoft.EntityFrameworkCore;
using OneSeal.Catalog;
using OneSeal.Organisation;
using OneSeal.Organisation.Identifiers;
using OneSeal.Platform.Database;
using OneSeal.Platform.Security;
using OneSeal.Seal;

namespace OneSeal.Cases;

/// <summary>
/// 持证主体: the entity a case's result is made out to and its notices are addressed to (GB/T 36903). For an item
/// version that maps it (<see cref="Item.HolderNameField"/> …) it is the entity the application form names — the shop
/// whose credit code 张三 typed, not 张三; otherwise it is the applicant's own account (an enterprise item's applicant
/// is the enterprise); and for a case an agent filed for an enterprise (<see cref="Case.ForEnterpriseAccountId"/>), that
/// enterprise. The person who filed stays the case's applicant, named on notices as 经办人 when different.
/// </summary>
public sealed record CaseHolder(string Name, string CodeType, string Code)
{
    /// <summary>An organisation's name is public; a person's is shown masked outside the case.</summary>
    public bool IsOrganisation => CodeType is HolderCodeTypes.CreditCode or HolderCodeTypes.OtherOrganisation;

    public string CodeMasked => Code.Length == 0 ? "" : Masking.MaskIdentity(Code);

    /// <summary>
    /// The holder of <paramref name="mapping"/> read from <paramref name="form"/> (the case's form as
    /// <see cref="Forms.CaseForm.Read(Case, PersonalData)"/> returns it); the applicant when the version maps none or the form lacks a value.
    /// </summary>
    public static CaseHolder Of(HolderMapping mapping, IReadOnlyDictionary<string, string?> form, Account applicant, Func<string, string> unprotect)
    {
        if (FromForm(mapping, form) is { } named) return named;
        return new CaseHolder(applicant.DisplayName,
            applicant.Kind == AccountKind.Enterprise ? HolderCodeTypes.CreditCode : HolderCodeTypes.CitizenId,
            applicant.IdentityCodeProtected is null ? "" : unprotect(applicant.IdentityCodeProtected));
    }

    /// <summary>The holder when the caller already has the version's mapping and the form in clear: loads only the applicant.</summary>
    public static async Task<CaseHolder> OfAsync(OneSealDb db, Case c, HolderMapping mapping, IReadOnlyDictionary<string, string?> form,
        PersonalData personalData, CancellationToken ct)
    {
        // issue 10 — filed by an agent for an enterprise: the enterprise holds the result, whatever the form names.
        if (c.ForEnterpriseAccountId is { } enterpriseId)
        {
            var enterprise = await db.Set<Account>().AsNoTracking().FirstAsync(a => a.Id == enterpriseId, ct);
            return Of(HolderMapping.None, form, enterprise, personalData.Unprotect);
        }
        if (FromForm(mapping, form) is { } named) return named;
        // Only a version without a mapping (or a form without its values) needs the applicant's account: one query fewer
        // on every notice of a mapped item.
        var applicant = await db.Set<Account>().AsNoTracking().FirstAsync(a => a.Id == c.ApplicantAccountId, ct);
        return Of(mapping, form, applicant, personalData.Unprotect);
    }

    private static CaseHolder? FromForm(HolderMapping mapping, IReadOnlyDictionary<string, string?> form) =>
        mapping.IsSet && Value(form, mapping.NameField) is { } name && Value(form, mapping.CodeField) is { } code
            ? new CaseHolder(name, mapping.CodeType!, code)
            : null;

    private static string? Value(IReadOnlyDictionary<string, string?> form, string? key) =>
        key is not null && form.TryGetValue(key, out var v) && !string.IsNullOrWhiteSpace(v) ? v.Trim() : null;
}

/// <summary>The three holder elements of an item version (all set, or none).</summary>
public sealed record HolderMapping(string? NameField, string? CodeField, string? CodeType)
{
    public bool IsSet => NameField is not null && CodeField is not null && HolderCodeTypes.IsKnown(CodeType);

    /// <summary>No mapping: the holder is the account given.</summary>
    public static readonly HolderMapping None = new(null, null, null);

    public static HolderMapping Of(Catalog.Versions.VersionFacts version) => new(version.HolderNameField, version.HolderCodeField, version.HolderCodeType);
}
