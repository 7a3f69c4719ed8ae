using OneSeal.Organisation;

namespace OneSeal.Catalog.DemoData;

/// <summary>The shape of <c>catalog.json</c> (docs/demo-catalog.md). Optional elements have defaults.</summary>
internal sealed record CatalogFile(List<CatalogFile.OrgRow> Organisations, List<CatalogFile.ItemRow> Items,
    List<CatalogFile.MaterialTypeRow>? MaterialTypes = null, List<CatalogFile.ThemeRow>? Themes = null,
    List<CatalogFile.TransferRow>? Transfers = null)
{
    internal sealed record OrgRow(string Code, string Name, OrganisationKind Kind, string? Uscc, string? Phone);
    internal sealed record MaterialTypeRow(string Code, string Name);
    internal sealed record ThemeRow(string Code, string Name, ServiceObject Audience);
    internal sealed record TransferRow(string DocumentNumber, string Title, DateOnly EffectiveOn, List<TransferItemRow> Items);
    /// <summary><paramref name="HandlingSection"/>: the bureau's section (承办科室) the transferred item's version names (seeded by Organisation.DemoData).</summary>
    internal sealed record TransferItemRow(string Code, string? EntrustedBody = null, string? HandlingSection = null);

    /// <summary>An item: the top-level values are the ones in force; <see cref="Before"/> holds what the reform changed.</summary>
    internal sealed record ItemRow(
        string Code, string Name, string Category, ItemKind Kind, ServiceObject ServiceObject,
        string CompetentDepartment, string ImplementingBody, string SupervisingDepartment,
        int StatutoryDays, int PromisedDays, string LegalBasis, string Conditions,
        bool FeeCharged, decimal? FeeAmount, string? FeeBasis, int Visits,
        string ResultName, string ResultTypeCode, int? ResultValidityYears, string? Phone,
        List<MaterialRow> Materials, List<FieldRow> FormFields,
        bool CommitmentApproval = false, bool DeemedApprovalOnTimeout = false,
        string BasicCode = "", string? ParentCode = null, AdministrativeLevel Level = AdministrativeLevel.County,
        string? EntrustedBody = null, string? LegalBasisText = null, string? FeeStandard = null,
        int OnlineDepth = 4, bool Appointment = false, bool ResultByPost = false, TongbanScope Tongban = TongbanScope.None,
        string? ResultSample = null, string? IntermediaryServices = null, List<string>? JointDepartments = null,
        List<StepRow>? Steps = null, string? ComplaintPhone = null, string? Window = null, List<string>? Themes = null,
        BeforeRow? Before = null, HolderRow? Holder = null);

    /// <summary>持证主体: the form fields naming the licensed entity and its code, and the code type (docs/demo-catalog.md).</summary>
    internal sealed record HolderRow(string NameField, string CodeField, string CodeType);

    /// <summary>The first published version's values that the reform later changed.</summary>
    internal sealed record BeforeRow(int? PromisedDays = null, int? Visits = null, int? OnlineDepth = null, bool? FeeCharged = null,
        decimal? FeeAmount = null, string? FeeStandard = null, List<MaterialRow>? Materials = null);

    internal sealed record MaterialRow(string Code, string Name, bool Required, string? Description, bool Tolerable = false, bool ReplaceableByCommitment = false,
        MaterialSource Source = MaterialSource.Applicant, string? MaterialType = null, MaterialForm Form = MaterialForm.Both,
        int Copies = 1, string? LegalBasis = null, bool BlankForm = false);

    internal sealed record FieldRow(string Key, string Label, FormFieldType Type, bool Required);
    internal sealed record StepRow(ItemStepKind Kind, int Share, bool StopsClock = false);
}
