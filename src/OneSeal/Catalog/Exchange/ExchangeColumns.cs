using OneSeal.Platform.Spreadsheets;

namespace OneSeal.Catalog.Exchange;

/// <summary>How a column's cells are written and read.</summary>
public enum CellKind { Text, Integer, Number, Boolean }

/// <summary>A column of the exchange workbook: its machine key (row 2), its Chinese header (row 1), and how to get it from a row.</summary>
public sealed record ExchangeColumn<T>(string Key, string Header, CellKind Kind, Func<T, object?> Get);

/// <summary>An item version as an items-sheet row: agencies are written by code.</summary>
public sealed record ItemRow(Item Item, IReadOnlyDictionary<Guid, string> AgencyCodes)
{
    public string? Agency(Guid? id) => id is { } g && AgencyCodes.TryGetValue(g, out var code) ? code : null;
}

/// <summary>A material or form field row names its item by code (column <c>itemCode</c>).</summary>
public sealed record MaterialRow(string ItemCode, ItemMaterial Material);

public sealed record FormFieldRow(string ItemCode, ItemFormField Field);

/// <summary>
/// The three data sheets and their columns: every scalar element of <see cref="Editing.ItemDraftInput"/> on the items
/// sheet, the lists on their own sheets. The import requires every key of a sheet in row 2 (in any order), so a
/// missing column can never silently empty a field.
/// </summary>
public static class ExchangeColumns
{
    public const string ItemsSheet = "items";
    public const string MaterialsSheet = "materials";
    public const string FormFieldsSheet = "formFields";
    public const string ReferenceSheet = "reference";

    /// <summary>Rows 1 and 2 are headers; data starts on row 3.</summary>
    public const int FirstDataRow = 3;

    private static object? Flag(bool value) => value;

    public static readonly IReadOnlyList<ExchangeColumn<ItemRow>> Items =
    [
        new("code", "实施编码", CellKind.Text, r => r.Item.Code),
        new("basicCode", "基本编码", CellKind.Text, r => r.Item.BasicCode),
        new("parentCode", "所属主项编码", CellKind.Text, r => r.Item.ParentCode),
        new("name", "事项名称", CellKind.Text, r => r.Item.Name),
        new("category", "事项类别", CellKind.Text, r => r.Item.Category),
        new("kind", "办件类型", CellKind.Text, r => r.Item.Kind.ToString()),
        new("serviceObject", "服务对象", CellKind.Text, r => r.Item.ServiceObject.ToString()),
        new("level", "行使层级", CellKind.Text, r => r.Item.Level.ToString()),
        new("competentDepartment", "主管部门（机构代码）", CellKind.Text, r => r.Agency(r.Item.CompetentDepartmentId)),
        new("implementingBody", "实施主体（机构代码）", CellKind.Text, r => r.Agency(r.Item.ImplementingOrganisationId)),
        new("entrustedBody", "受委托组织（机构代码）", CellKind.Text, r => r.Agency(r.Item.EntrustedBodyId)),
        new("handlingSection", "承办科室（机构代码）", CellKind.Text, r => r.Agency(r.Item.HandlingSectionId)),
        new("supervisingDepartment", "监管部门（机构代码）", CellKind.Text, r => r.Agency(r.Item.SupervisingDepartmentId)),
        new("statutoryDays", "法定时限（工作日）", CellKind.Integer, r => r.Item.StatutoryDays),
        new("promisedDays", "承诺时限（工作日）", CellKind.Integer, r => r.Item.PromisedDays),
        new("legalBasis", "设定依据", CellKind.Text, r => r.Item.LegalBasis),
        new("legalBasisText", "依据条文", CellKind.Text, r => r.Item.LegalBasisText),
        new("conditions", "受理条件", CellKind.Text, r => r.Item.Conditions),
        new("feeCharged", "是否收费", CellKind.Boolean, r => Flag(r.Item.FeeCharged)),
        new("feeAmount", "收费金额（元）", CellKind.Number, r => r.Item.FeeAmount),
        new("feeStandard", "收费标准", CellKind.Text, r => r.Item.FeeStandard),
        new("feeBasis", "收费依据", CellKind.Text, r => r.Item.FeeBasis),
        new("visits", "跑动次数", CellKind.Integer, r => r.Item.Visits),
        new("onlineDepth", "网办深度（1-4）", CellKind.Integer, r => r.Item.OnlineDepth),
        new("appointment", "支持预约", CellKind.Boolean, r => Flag(r.Item.Appointment)),
        new("resultByPost", "结果物流送达", CellKind.Boolean, r => Flag(r.Item.ResultByPost)),
        new("tongban", "通办范围", CellKind.Text, r => r.Item.Tongban.ToString()),
        new("resultName", "审批结果名称", CellKind.Text, r => r.Item.ResultName),
        new("resultTypeCode", "证照类型代码", CellKind.Text, r => r.Item.ResultTypeCode),
        new("resultValidityYears", "有效期（年）", CellKind.Integer, r => r.Item.ResultValidityYears),
        new("resultSample", "结果样本", CellKind.Text, r => r.Item.ResultSample),
        new("intermediaryServices", "中介服务", CellKind.Text, r => r.Item.IntermediaryServices),
        new("phone", "咨询电话", CellKind.Text, r => r.Item.Phone),
        new("complaintPhone", "投诉电话", CellKind.Text, r => r.Item.ComplaintPhone),
        new("window", "办理窗口", CellKind.Text, r => r.Item.Window),
        new("commitmentApproval", "告知承诺制", CellKind.Boolean, r => Flag(r.Item.CommitmentApproval)),
        new("deemedApprovalOnTimeout", "超时默认", CellKind.Boolean, r => Flag(r.Item.DeemedApprovalOnTimeout)),
        new("holderNameField", "持证主体名称（表单项标识）", CellKind.Text, r => r.Item.HolderNameField),
        new("holderCodeField", "持证主体代码（表单项标识）", CellKind.Text, r => r.Item.HolderCodeField),
        new("holderCodeType", "持证主体代码类型（111/001/099/999）", CellKind.Text, r => r.Item.HolderCodeType),
        new("changeNote", "变更说明", CellKind.Text, r => r.Item.ChangeNote),
        new("steps", "办理环节（环节:占比;…，!表示不计时）", CellKind.Text, r => StepsText.Format(r.Item.Steps)),
        new("jointDepartments", "联办部门（机构代码;…）", CellKind.Text, r => string.Join(";", r.Item.JointDepartments.Select(j => r.Agency(j.AgencyId)).Order(StringComparer.Ordinal))),
        new("themes", "主题（代码;…）", CellKind.Text, r => string.Join(";", r.Item.Themes.Select(t => t.ThemeCode).Order(StringComparer.Ordinal))),
    ];

    public static readonly IReadOnlyList<ExchangeColumn<MaterialRow>> Materials =
    [
        new("itemCode", "实施编码", CellKind.Text, r => r.ItemCode),
        new("code", "材料编码", CellKind.Text, r => r.Material.Code),
        new("name", "材料名称", CellKind.Text, r => r.Material.Name),
        new("required", "必交", CellKind.Boolean, r => Flag(r.Material.Required)),
        new("tolerable", "可容缺", CellKind.Boolean, r => Flag(r.Material.Tolerable)),
        new("replaceableByCommitment", "告知承诺可替代", CellKind.Boolean, r => Flag(r.Material.ReplaceableByCommitment)),
        new("description", "说明", CellKind.Text, r => r.Material.Description),
        new("source", "来源", CellKind.Text, r => r.Material.Source.ToString()),
        new("materialType", "材料类型（代码）", CellKind.Text, r => r.Material.MaterialTypeCode),
        new("form", "形式", CellKind.Text, r => r.Material.Form.ToString()),
        new("copies", "份数", CellKind.Integer, r => r.Material.Copies),
        new("legalBasis", "设定依据", CellKind.Text, r => r.Material.LegalBasis),
        new("blankForm", "有空白表格", CellKind.Boolean, r => Flag(r.Material.BlankForm)),
    ];

    public static readonly IReadOnlyList<ExchangeColumn<FormFieldRow>> FormFields =
    [
        new("itemCode", "实施编码", CellKind.Text, r => r.ItemCode),
        new("key", "表单项标识", CellKind.Text, r => r.Field.Key),
        new("label", "表单项名称", CellKind.Text, r => r.Field.Label),
        new("type", "类型", CellKind.Text, r => r.Field.Type.ToString()),
        new("required", "必填", CellKind.Boolean, r => Flag(r.Field.Required)),
    ];

    /// <summary>Column letters as Excel shows them (<see cref="XlsxColumns.Letter"/>).</summary>
    public static string Letter(int index) => XlsxColumns.Letter(index);

    /// <summary>The 0-based column of a cell reference (<see cref="XlsxColumns.ColumnOf"/>).</summary>
    public static int ColumnOf(string? reference) => XlsxColumns.ColumnOf(reference);
}
