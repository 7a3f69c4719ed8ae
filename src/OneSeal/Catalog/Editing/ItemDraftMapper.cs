using System.Text.RegularExpressions;

namespace OneSeal.Catalog.Editing;

/// <summary>
/// Checks a draft input against the catalog's rules and writes it into a draft version. Every problem is collected
/// (field, rule, message) so a form or an xlsx row can show them all at once; nothing is written by the caller when
/// there is any. Rules needed only to publish (materials, legal basis) are in <see cref="PublishRules"/>.
/// </summary>
public static partial class ItemDraftMapper
{
    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9-]{0,63}$")]
    private static partial Regex CodePattern();

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9_]{0,63}$")]
    private static partial Regex KeyPattern();

    /// <summary>Writes <paramref name="input"/> into <paramref name="draft"/> (code excepted) and returns the problems found.</summary>
    public static List<CatalogProblem> Apply(Item draft, ItemDraftInput input, CatalogLookups lookups)
    {
        var p = new Problems();
        draft.BasicCode = p.Text(input.BasicCode, "basicCode", "基本编码", 32) ?? "";
        draft.ParentCode = p.Text(input.ParentCode, "parentCode", "所属主项编码", 64);
        if (draft.ParentCode == draft.Code && draft.ParentCode is not null) p.Add("parentCode", "self", "事项不能是自己的子项。");
        draft.Name = p.Required(input.Name, "name", "事项名称", 200);
        draft.Category = p.Required(input.Category, "category", "事项类别", 32);
        if (draft.Category != "" && !ItemCategories.IsKnown(draft.Category))
            p.Add("category", "unknown-category", $"事项类别应为：{string.Join("、", ItemCategories.All)}。");
        draft.Kind = p.Enum(input.Kind, "kind", "办件类型", ItemKind.Promised);
        draft.ServiceObject = p.Enum(input.ServiceObject, "serviceObject", "服务对象", ServiceObject.Both);
        draft.Level = p.Enum(input.Level, "level", "行使层级", AdministrativeLevel.County, required: false);
        draft.Tongban = p.Enum(input.Tongban, "tongban", "通办范围", TongbanScope.None, required: false);
        draft.CompetentDepartmentId = p.Agency(lookups, input.CompetentDepartment, "competentDepartment", "主管部门") ?? draft.CompetentDepartmentId;
        draft.ImplementingOrganisationId = p.Agency(lookups, input.ImplementingBody, "implementingBody", "实施主体") ?? draft.ImplementingOrganisationId;
        draft.SupervisingDepartmentId = p.Agency(lookups, input.SupervisingDepartment, "supervisingDepartment", "监管部门") ?? draft.SupervisingDepartmentId;
        draft.EntrustedBodyId = string.IsNullOrWhiteSpace(input.EntrustedBody) ? null
            : p.Agency(lookups, input.EntrustedBody, "entrustedBody", "受委托组织");
        if (draft.EntrustedBodyId is not null && draft.EntrustedBodyId == draft.ImplementingOrganisationId)
            p.Add("entrustedBody", "self", "受委托组织不能是实施主体本身。");
        draft.HandlingSectionId = HandlingSection(draft, input, lookups, p);
        Limits(draft, input, p);
        draft.LegalBasis = p.Text(input.LegalBasis, "legalBasis", "设定依据", 4000) ?? "";
        draft.LegalBasisText = p.Text(input.LegalBasisText, "legalBasisText", "依据条文", 8000);
        draft.Conditions = p.Text(input.Conditions, "conditions", "受理条件", 4000) ?? "";
        Fees(draft, input, p);
        draft.Visits = p.Range(input.Visits, "visits", "跑动次数", 0, 9) ?? 1;
        draft.OnlineDepth = p.Range(input.OnlineDepth, "onlineDepth", "网办深度", 1, 4) ?? 1;
        draft.Appointment = input.Appointment;
        draft.ResultByPost = input.ResultByPost;
        draft.ResultName = p.Required(input.ResultName, "resultName", "审批结果名称", 128);
        draft.ResultTypeCode = p.Text(input.ResultTypeCode, "resultTypeCode", "证照类型代码", 32) ?? "";
        draft.ResultValidityYears = input.ResultValidityYears is null ? null : p.Range(input.ResultValidityYears, "resultValidityYears", "有效期（年）", 1, 99);
        draft.ResultSample = p.Text(input.ResultSample, "resultSample", "结果样本", 200);
        draft.IntermediaryServices = p.Text(input.IntermediaryServices, "intermediaryServices", "中介服务", 1000);
        draft.Phone = p.Text(input.Phone, "phone", "咨询电话", 32);
        draft.ComplaintPhone = p.Text(input.ComplaintPhone, "complaintPhone", "投诉电话", 32);
        draft.Window = p.Text(input.Window, "window", "办理窗口", 128);
        draft.CommitmentApproval = input.CommitmentApproval;
        draft.DeemedApprovalOnTimeout = input.DeemedApprovalOnTimeout;
        draft.ChangeNote = p.Text(input.ChangeNote, "changeNote", "变更说明", 1000);
        DraftLists.Apply(draft, input, lookups, p);
        return p.List;
    }

    /// <summary>承办科室: empty, or an open section directly under the implementing organisation (whose staff act for it).</summary>
    private static Guid? HandlingSection(Item draft, ItemDraftInput input, CatalogLookups lookups, Problems p)
    {
        if (string.IsNullOrWhiteSpace(input.HandlingSection)) return null;
        var section = lookups.Agency(input.HandlingSection);
        if (section is null) { p.Add("handlingSection", "unknown-department", $"承办科室“{input.HandlingSection}”不存在。"); return null; }
        if (section.Kind != Organisation.OrganisationKind.Section || section.ParentId != draft.ImplementingOrganisationId)
            p.Add("handlingSection", "section-of-implementing-body", $"承办科室应为实施主体下设的科室，“{section.Name}”不是。");
        else if (section.ClosedAt is not null)
            p.Add("handlingSection", "closed", $"承办科室“{section.Name}”已撤销。");
        return section.Id;
    }

    private static void Limits(Item draft, ItemDraftInput input, Problems p)
    {
        draft.StatutoryDays = p.Range(input.StatutoryDays, "statutoryDays", "法定时限", 0, 365) ?? 0;
        draft.PromisedDays = p.Range(input.PromisedDays, "promisedDays", "承诺时限", 0, 365) ?? 0;
        if (input.StatutoryDays is null || input.PromisedDays is null) return;
        if (draft.PromisedDays > draft.StatutoryDays)
            p.Add("promisedDays", "promised-exceeds-statutory", $"承诺时限（{draft.PromisedDays}个工作日）不能超过法定时限（{draft.StatutoryDays}个工作日）。");
        var cap = draft.Kind == ItemKind.Joint ? LicensingLimits.JointDecision : LicensingLimits.Decision;
        if (draft.PromisedDays > cap)
            p.Add("promisedDays", "beyond-legal-limit", draft.Kind == ItemKind.Joint
                ? $"联办件承诺时限不能超过{cap}个工作日（《行政许可法》第二十六条）。"
                : $"承诺时限不能超过{cap}个工作日（《行政许可法》第四十二条）。");
        if (draft.Kind == ItemKind.Immediate && draft.PromisedDays != 0)
            p.Add("promisedDays", "immediate-same-day", "即办件当场办结，承诺时限应为0。");
    }

    private static void Fees(Item draft, ItemDraftInput input, Problems p)
    {
        draft.FeeCharged = input.FeeCharged;
        draft.FeeStandard = p.Text(input.FeeStandard, "feeStandard", "收费标准", 1000);
        draft.FeeBasis = p.Text(input.FeeBasis, "feeBasis", "收费依据", 1000);
        draft.FeeAmount = input.FeeAmount;
        if (input.FeeAmount is < 0 or > 10_000_000) p.Add("feeAmount", "range", "收费金额应在 0 到 10,000,000 元之间。");
        if (!draft.FeeCharged && (draft.FeeAmount is > 0 || draft.FeeStandard is not null))
            p.Add("feeCharged", "fee-not-charged", "不收费的事项不能填写收费金额或收费标准。");
        if (draft.FeeCharged && draft.FeeAmount is null && draft.FeeStandard is null)
            p.Add("feeStandard", "required", "收费事项应填写收费标准或收费金额。");
        if (draft.FeeCharged && draft.FeeBasis is null)
            p.Add("feeBasis", "required", "收费事项应填写收费依据。");
    }

    internal static bool IsCode(string value) => CodePattern().IsMatch(value);
    internal static bool IsKey(string value) => KeyPattern().IsMatch(value);
}
