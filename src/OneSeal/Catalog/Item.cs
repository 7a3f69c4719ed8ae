using OneSeal.Organisation;

namespace OneSeal.Catalog;

/// <summary>
/// One version of a licensing item (事项) with every element of its service guide (办事指南). The item is its
/// <see cref="Code"/>; each row is a version: a draft, a version in review, or a published version that never changes
/// again (its status may only move on to <see cref="ItemVersionStatus.Superseded"/>). A case keeps the id of the version
/// it was filed under (docs/decisions/0007-item-versions.md).
/// </summary>
public sealed class Item
{
    public Guid Id { get; set; }
    /// <summary>实施编码: the item across its versions.</summary>
    public required string Code { get; set; }
    /// <summary>基本编码 of the national basic catalog.</summary>
    public string BasicCode { get; set; } = "";
    /// <summary>子项: the code of the item this one is a sub-item of.</summary>
    public string? ParentCode { get; set; }
    public int Version { get; set; }
    public ItemVersionStatus Status { get; set; }
    /// <summary>Counts the saves of a draft: the ETag a client sends back (If-Match) so two editors cannot overwrite each other.</summary>
    public int Revision { get; set; }
    /// <summary>Published versions: in force from this date (Beijing) until a newer published version takes effect.</summary>
    public DateOnly? EffectiveFrom { get; set; }
    /// <summary>The date a newer version took effect.</summary>
    public DateOnly? SupersededOn { get; set; }
    /// <summary>变更说明: what this version changes.</summary>
    public string? ChangeNote { get; set; }
    /// <summary>The transfer batch (划转) that made this version, if any.</summary>
    public Guid? TransferBatchId { get; set; }

    public required string Name { get; set; }
    /// <summary>事项类别 (<see cref="ItemCategories"/>).</summary>
    public required string Category { get; set; }
    public ItemKind Kind { get; set; }
    public ServiceObject ServiceObject { get; set; }
    /// <summary>行使层级.</summary>
    public AdministrativeLevel Level { get; set; }
    /// <summary>主管部门: the line department that holds the power in law.</summary>
    public Guid CompetentDepartmentId { get; set; }
    /// <summary>实施主体: the bureau for transferred items, else the department.</summary>
    public Guid ImplementingOrganisationId { get; set; }
    /// <summary>受委托组织, when the implementing body entrusts another to act in its name.</summary>
    public Guid? EntrustedBodyId { get; set; }
    /// <summary>
    /// 承办科室: the section of the implementing organisation that handles the item's cases, if named; a case copies it
    /// when filed, and staff of that section whose role has section scope reach those cases (Organisation.DataReach).
    /// </summary>
    public Guid? HandlingSectionId { get; set; }
    /// <summary>监管部门: receives results and supervises (审管分离).</summary>
    public Guid SupervisingDepartmentId { get; set; }
    /// <summary>法定时限 (working days).</summary>
    public int StatutoryDays { get; set; }
    /// <summary>承诺时限 (working days), at most the statutory limit.</summary>
    public int PromisedDays { get; set; }
    /// <summary>设定依据: the laws and articles.</summary>
    public required string LegalBasis { get; set; }
    /// <summary>The text of the articles cited.</summary>
    public string? LegalBasisText { get; set; }
    /// <summary>受理条件.</summary>
    public required string Conditions { get; set; }
    public bool FeeCharged { get; set; }
    public decimal? FeeAmount { get; set; }
    /// <summary>收费标准 in words.</summary>
    public string? FeeStandard { get; set; }
    public string? FeeBasis { get; set; }
    /// <summary>跑动次数.</summary>
    public int Visits { get; set; }
    /// <summary>网办深度, 1 (information online) to 4 (entirely online).</summary>
    public int OnlineDepth { get; set; }
    /// <summary>支持预约办理.</summary>
    public bool Appointment { get; set; }
    /// <summary>支持物流快递 of the result.</summary>
    public bool ResultByPost { get; set; }
    /// <summary>通办范围.</summary>
    public TongbanScope Tongban { get; set; }
    /// <summary>审批结果名称, e.g. 食品经营许可证.</summary>
    public required string ResultName { get; set; }
    /// <summary>证照类型代码.</summary>
    public required string ResultTypeCode { get; set; }
    public int? ResultValidityYears { get; set; }
    /// <summary>结果样本: what the sample shows.</summary>
    public string? ResultSample { get; set; }
    /// <summary>中介服务 the applicant needs, if any.</summary>
    public string? IntermediaryServices { get; set; }
    /// <summary>咨询电话.</summary>
    public string? Phone { get; set; }
    /// <summary>投诉电话.</summary>
    public string? ComplaintPhone { get; set; }
    /// <summary>办理窗口: where in the hall (or in the department's branch hall) the item is handled.</summary>
    public string? Window { get; set; }
    /// <summary>告知承诺制: may be approved on the applicant's written commitment, verified afterwards by the supervising department.</summary>
    public bool CommitmentApproval { get; set; }
    /// <summary>超时默认: deemed approved when the limit passes without a decision (seed 003).</summary>
    public bool DeemedApprovalOnTimeout { get; set; }
    /// <summary>
    /// 持证主体 (GB/T 36903): the application-form field that names the licensed entity (e.g. <c>enterpriseName</c>).
    /// With <see cref="HolderCodeField"/> and <see cref="HolderCodeType"/> it says who a result is made out to; all three
    /// empty: the applicant's own account is the holder (an enterprise item's applicant is the enterprise).
    /// </summary>
    public string? HolderNameField { get; set; }
    /// <summary>The form field that gives the holder's code (持证主体代码), e.g. <c>uscc</c>.</summary>
    public string? HolderCodeField { get; set; }
    /// <summary>持证主体代码类型 of that code: 111 citizen ID, 001 USCC, 099 other organisation, 999 other person.</summary>
    public string? HolderCodeType { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
    public Guid? CreatedById { get; set; }
    public Guid? SubmittedById { get; set; }
    public DateTimeOffset? PublishedAt { get; set; }
    public Guid? PublishedById { get; set; }

    public List<ItemMaterial> Materials { get; set; } = [];
    public List<ItemFormField> FormFields { get; set; } = [];
    public List<ItemStep> Steps { get; set; } = [];
    public List<ItemJointDepartment> JointDepartments { get; set; } = [];
    public List<ItemTheme> Themes { get; set; } = [];

    public bool IsOpenDraft => Status is ItemVersionStatus.Draft or ItemVersionStatus.InReview;
}
