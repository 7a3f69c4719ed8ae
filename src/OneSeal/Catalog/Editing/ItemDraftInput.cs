namespace OneSeal.Catalog.Editing;

/// <summary>
/// Everything an administrator (or an xlsx row) says about an item version. Enumerations and organisations come as
/// strings (enum names, agency codes) so that a wrong value is an error naming its field, not a binding failure.
/// </summary>
public sealed record ItemDraftInput
{
    public string? Code { get; init; }
    public string? BasicCode { get; init; }
    public string? ParentCode { get; init; }
    public string? Name { get; init; }
    public string? Category { get; init; }
    public string? Kind { get; init; }
    public string? ServiceObject { get; init; }
    public string? Level { get; init; }
    public string? CompetentDepartment { get; init; }
    public string? ImplementingBody { get; init; }
    public string? EntrustedBody { get; init; }
    /// <summary>承办科室: the agency code of a section of the implementing organisation; empty when the version names none.</summary>
    public string? HandlingSection { get; init; }
    public string? SupervisingDepartment { get; init; }
    public int? StatutoryDays { get; init; }
    public int? PromisedDays { get; init; }
    public string? LegalBasis { get; init; }
    public string? LegalBasisText { get; init; }
    public string? Conditions { get; init; }
    public bool FeeCharged { get; init; }
    public decimal? FeeAmount { get; init; }
    public string? FeeStandard { get; init; }
    public string? FeeBasis { get; init; }
    public int? Visits { get; init; }
    public int? OnlineDepth { get; init; }
    public bool Appointment { get; init; }
    public bool ResultByPost { get; init; }
    public string? Tongban { get; init; }
    public string? ResultName { get; init; }
    public string? ResultTypeCode { get; init; }
    public int? ResultValidityYears { get; init; }
    public string? ResultSample { get; init; }
    public string? IntermediaryServices { get; init; }
    public string? Phone { get; init; }
    public string? ComplaintPhone { get; init; }
    public string? Window { get; init; }
    public bool CommitmentApproval { get; init; }
    public bool DeemedApprovalOnTimeout { get; init; }
    /// <summary>持证主体: the form field key giving the holder's name; with the two below, or all three empty (the applicant is the holder).</summary>
    public string? HolderNameField { get; init; }
    /// <summary>The form field key giving the holder's code.</summary>
    public string? HolderCodeField { get; init; }
    /// <summary>111 citizen ID, 001 USCC, 099 other organisation, 999 other person.</summary>
    public string? HolderCodeType { get; init; }
    public string? ChangeNote { get; init; }
    public List<MaterialInput>? Materials { get; init; }
    public List<StepInput>? Steps { get; init; }
    public List<FormFieldInput>? FormFields { get; init; }
    /// <summary>Agency codes (联办件).</summary>
    public List<string>? JointDepartments { get; init; }
    /// <summary>Theme codes.</summary>
    public List<string>? Themes { get; init; }
}

public sealed record MaterialInput
{
    public string? Code { get; init; }
    public string? Name { get; init; }
    public bool Required { get; init; }
    public bool Tolerable { get; init; }
    /// <summary>告知承诺可替代 (items approved on commitment only).</summary>
    public bool ReplaceableByCommitment { get; init; }
    public string? Description { get; init; }
    public string? Source { get; init; }
    public string? MaterialType { get; init; }
    public string? Form { get; init; }
    public int? Copies { get; init; }
    public string? LegalBasis { get; init; }
    public bool BlankForm { get; init; }
}

public sealed record StepInput
{
    public string? Kind { get; init; }
    public int? SharePercent { get; init; }
    public bool StopsClock { get; init; }
}

public sealed record FormFieldInput
{
    public string? Key { get; init; }
    public string? Label { get; init; }
    public string? Type { get; init; }
    public bool Required { get; init; }
}
