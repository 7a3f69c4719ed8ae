using System.Globalization;

namespace OneSeal.Catalog.Versions;

/// <summary>What kind of change an <see cref="ItemChange"/> is.</summary>
public enum ItemChangeKind { Changed, Added, Removed }

/// <summary>
/// One difference between two versions of an item: the section (基本信息, 申请材料 …), the element it concerns
/// (the material's or step's code when in a list), a Chinese label, and the values before and after as display text.
/// </summary>
public sealed record ItemChange(string Section, string? Key, string Label, ItemChangeKind Kind, string? Before, string? After);

/// <summary>
/// The changes from one version of an item to another, as the reform's ledger needs them (issue 3 §3): scalar elements,
/// limits, fees, materials matched by code, steps matched by kind, form fields by key, joint departments and themes.
/// A pure function: organisation and theme names come in, so the caller decides what it may show.
/// </summary>
public static class ItemDiff
{
    public const string Basic = "基本信息";
    public const string Limits = "办理时限";
    public const string Fees = "收费";
    public const string Materials = "申请材料";
    public const string Steps = "办理环节";
    public const string FormFields = "申请表";

    /// <summary>Changes from <paramref name="from"/> to <paramref name="to"/>; organisation ids are shown by their name in <paramref name="agencyNames"/>.</summary>
    public static List<ItemChange> Compare(Item from, Item to, IReadOnlyDictionary<Guid, string> agencyNames,
        IReadOnlyDictionary<string, string>? themeNames = null)
    {
        var changes = new List<ItemChange>();
        string Org(Guid? id) => id is { } g ? agencyNames.GetValueOrDefault(g, g.ToString()) : "";
        void Scalar(string section, string label, string? a, string? b)
        {
            a = Blank(a);
            b = Blank(b);
            if (a != b) changes.Add(new ItemChange(section, null, label, ItemChangeKind.Changed, a, b));
        }

        Scalar(Basic, "事项名称", from.Name, to.Name);
        Scalar(Basic, "基本编码", from.BasicCode, to.BasicCode);
        Scalar(Basic, "所属主项", from.ParentCode, to.ParentCode);
        Scalar(Basic, "事项类别", from.Category, to.Category);
        Scalar(Basic, "办件类型", ItemLabels.Of(from.Kind), ItemLabels.Of(to.Kind));
        Scalar(Basic, "服务对象", ItemLabels.Of(from.ServiceObject), ItemLabels.Of(to.ServiceObject));
        Scalar(Basic, "行使层级", LevelLabel(from.Level), LevelLabel(to.Level));
        Scalar(Basic, "主管部门", Org(from.CompetentDepartmentId), Org(to.CompetentDepartmentId));
        Scalar(Basic, "实施主体", Org(from.ImplementingOrganisationId), Org(to.ImplementingOrganisationId));
        Scalar(Basic, "受委托组织", Org(from.EntrustedBodyId), Org(to.EntrustedBodyId));
        Scalar(Basic, "承办科室", Org(from.HandlingSectionId), Org(to.HandlingSectionId));
        Scalar(Basic, "监管部门", Org(from.SupervisingDepartmentId), Org(to.SupervisingDepartmentId));
        Scalar(Basic, "设定依据", from.LegalBasis, to.LegalBasis);
        Scalar(Basic, "依据条文", from.LegalBasisText, to.LegalBasisText);
        Scalar(Basic, "受理条件", from.Conditions, to.Conditions);
        Scalar(Basic, "跑动次数", Count(from.Visits), Count(to.Visits));
        Scalar(Basic, "网办深度", $"{from.OnlineDepth}级", $"{to.OnlineDepth}级");
        Scalar(Basic, "预约办理", YesNo(from.Appointment), YesNo(to.Appointment));
        Scalar(Basic, "结果快递送达", YesNo(from.ResultByPost), YesNo(to.ResultByPost));
        Scalar(Basic, "通办范围", TongbanLabel(from.Tongban), TongbanLabel(to.Tongban));
        Scalar(Basic, "审批结果名称", from.ResultName, to.ResultName);
        Scalar(Basic, "证照类型代码", from.ResultTypeCode, to.ResultTypeCode);
        Scalar(Basic, "结果有效期", Years(from.ResultValidityYears), Years(to.ResultValidityYears));
        Scalar(Basic, "结果样本", from.ResultSample, to.ResultSample);
        Scalar(Basic, "中介服务", from.IntermediaryServices, to.IntermediaryServices);
        Scalar(Basic, "咨询电话", from.Phone, to.Phone);
        Scalar(Basic, "投诉电话", from.ComplaintPhone, to.ComplaintPhone);
        Scalar(Basic, "办理窗口", from.Window, to.Window);
        Scalar(Basic, "告知承诺制", YesNo(from.CommitmentApproval), YesNo(to.CommitmentApproval));
        Scalar(Basic, "超时默认", YesNo(from.DeemedApprovalOnTimeout), YesNo(to.DeemedApprovalOnTimeout));
        Scalar(Basic, "持证主体", HolderLabel(from), HolderLabel(to));

        Scalar(Limits, "法定时限", Days(from.StatutoryDays), Days(to.StatutoryDays));
        Scalar(Limits, "承诺时限", Days(from.PromisedDays), Days(to.PromisedDays));

        Scalar(Fees, "是否收费", YesNo(from.FeeCharged), YesNo(to.FeeCharged));
        Scalar(Fees, "收费金额", Money(from.FeeAmount), Money(to.FeeAmount));
        Scalar(Fees, "收费标准", from.FeeStandard, to.FeeStandard);
        Scalar(Fees, "收费依据", from.FeeBasis, to.FeeBasis);

        CompareMaterials(from, to, changes);
        CompareSteps(from, to, changes);
        CompareFormFields(from, to, changes);
        CompareSets(changes, Basic, "联办部门",
            from.JointDepartments.Select(j => Org(j.AgencyId)), to.JointDepartments.Select(j => Org(j.AgencyId)));
        CompareSets(changes, Basic, "主题",
            from.Themes.Select(t => themeNames?.GetValueOrDefault(t.ThemeCode) ?? t.ThemeCode),
            to.Themes.Select(t => themeNames?.GetValueOrDefault(t.ThemeCode) ?? t.ThemeCode));
        return changes;
    }

    private static void CompareMaterials(Item from, Item to, List<ItemChange> changes)
    {
        var before = from.Materials.OrderBy(m => m.SortOrder).ToList();
        var after = to.Materials.OrderBy(m => m.SortOrder).ToList();
        foreach (var m in before.Where(m => after.All(n => n.Code != m.Code)))
            changes.Add(new ItemChange(Materials, m.Code, $"材料“{m.Name}”", ItemChangeKind.Removed, Describe(m), null));
        foreach (var n in after)
        {
            var m = before.FirstOrDefault(x => x.Code == n.Code);
            if (m is null)
            {
                changes.Add(new ItemChange(Materials, n.Code, $"材料“{n.Name}”", ItemChangeKind.Added, null, Describe(n)));
                continue;
            }
            void Field(string label, string? a, string? b)
            {
                a = Blank(a);
                b = Blank(b);
                if (a != b) changes.Add(new ItemChange(Materials, n.Code, $"材料“{n.Name}”的{label}", ItemChangeKind.Changed, a, b));
            }
            Field("名称", m.Name, n.Name);
            Field("是否必交", m.Required ? "必交" : "选交", n.Required ? "必交" : "选交");
            Field("可否容缺", YesNo(m.Tolerable), YesNo(n.Tolerable));
            Field("告知承诺可替代", YesNo(m.ReplaceableByCommitment), YesNo(n.ReplaceableByCommitment));
            Field("来源", SourceLabel(m.Source), SourceLabel(n.Source));
            Field("形式", FormLabel(m.Form), FormLabel(n.Form));
            Field("份数", m.Copies.ToString(CultureInfo.InvariantCulture), n.Copies.ToString(CultureInfo.InvariantCulture));
            Field("设定依据", m.LegalBasis, n.LegalBasis);
            Field("材料类型", m.MaterialTypeCode, n.MaterialTypeCode);
            Field("说明", m.Description, n.Description);
            Field("空白表格", YesNo(m.BlankForm), YesNo(n.BlankForm));
        }
    }

    /// <summary>Steps are matched by kind (an item has each standard step once; special procedures rarely repeat).</summary>
    private static void CompareSteps(Item from, Item to, List<ItemChange> changes)
    {
        var before = from.Steps.OrderBy(s => s.SortOrder).ToList();
        var after = to.Steps.OrderBy(s => s.SortOrder).ToList();
        foreach (var s in before.Where(s => after.All(n => n.Kind != s.Kind)))
            changes.Add(new ItemChange(Steps, s.Kind.ToString(), $"环节“{ItemLabels.Of(s.Kind)}”", ItemChangeKind.Removed, Describe(s), null));
        foreach (var n in after)
        {
            var s = before.FirstOrDefault(x => x.Kind == n.Kind);
            var label = $"环节“{ItemLabels.Of(n.Kind)}”";
            if (s is null) changes.Add(new ItemChange(Steps, n.Kind.ToString(), label, ItemChangeKind.Added, null, Describe(n)));
            else
            {
                if (s.SharePercent != n.SharePercent)
                    changes.Add(new ItemChange(Steps, n.Kind.ToString(), label + "的时限占比", ItemChangeKind.Changed, $"{s.SharePercent}%", $"{n.SharePercent}%"));
                if (s.StopsClock != n.StopsClock)
                    changes.Add(new ItemChange(Steps, n.Kind.ToString(), label + "是否中止计时", ItemChangeKind.Changed, YesNo(s.StopsClock), YesNo(n.StopsClock)));
            }
        }
        var order = (string.Join("→", before.Select(s => ItemLabels.Of(s.Kind))), string.Join("→", after.Select(s => ItemLabels.Of(s.Kind))));
        if (order.Item1 != order.Item2 && before.Select(s => s.Kind).OrderBy(k => k).SequenceEqual(after.Select(s => s.Kind).OrderBy(k => k)))
            changes.Add(new ItemChange(Steps, null, "环节顺序", ItemChangeKind.Changed, order.Item1, order.Item2));
    }

    private static void CompareFormFields(Item from, Item to, List<ItemChange> changes)
    {
        foreach (var f in from.FormFields.Where(f => to.FormFields.All(n => n.Key != f.Key)).OrderBy(f => f.SortOrder))
            changes.Add(new ItemChange(FormFields, f.Key, $"表单项“{f.Label}”", ItemChangeKind.Removed, Describe(f), null));
        foreach (var n in to.FormFields.OrderBy(f => f.SortOrder))
        {
            var f = from.FormFields.FirstOrDefault(x => x.Key == n.Key);
            if (f is null) changes.Add(new ItemChange(FormFields, n.Key, $"表单项“{n.Label}”", ItemChangeKind.Added, null, Describe(n)));
            else if (Describe(f) != Describe(n))
                changes.Add(new ItemChange(FormFields, n.Key, $"表单项“{n.Label}”", ItemChangeKind.Changed, Describe(f), Describe(n)));
        }
    }

    private static void CompareSets(List<ItemChange> changes, string section, string label, IEnumerable<string> before, IEnumerable<string> after)
    {
        var a = before.Order(StringComparer.Ordinal).ToList();
        var b = after.Order(StringComparer.Ordinal).ToList();
        if (!a.SequenceEqual(b))
            changes.Add(new ItemChange(section, null, label, ItemChangeKind.Changed, Blank(string.Join("、", a)), Blank(string.Join("、", b))));
    }

    private static string Describe(ItemMaterial m) =>
        $"{m.Name}（{(m.Required ? "必交" : "选交")}{(m.Tolerable ? "，可容缺" : "")}，{SourceLabel(m.Source)}，{FormLabel(m.Form)}，{m.Copies}份"
        + (string.IsNullOrWhiteSpace(m.LegalBasis) ? "，无设定依据" : $"，依据：{m.LegalBasis}") + "）";

    private static string Describe(ItemStep s) => s.StopsClock ? $"{ItemLabels.Of(s.Kind)}（中止计时）" : $"{ItemLabels.Of(s.Kind)}（{s.SharePercent}%）";

    private static string Describe(ItemFormField f) => $"{f.Label}（{ItemLabels.Of(f.Type)}{(f.Required ? "，必填" : "")}）";

    /// <summary>持证主体 in words: the form fields it is read from and the code type, or the applicant.</summary>
    public static string HolderLabel(Item i)
    {
        if (i.HolderNameField is null && i.HolderCodeField is null && i.HolderCodeType is null) return "申请人（本人或本单位）";
        string Field(string? key) => i.FormFields.FirstOrDefault(f => f.Key == key)?.Label ?? key ?? "—";
        return $"申请表“{Field(i.HolderNameField)}”所填主体，代码取自“{Field(i.HolderCodeField)}”（{Seal.HolderCodeTypes.Label(i.HolderCodeType)}）";
    }

    private static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
    private static string YesNo(bool b) => b ? "是" : "否";
    private static string Days(int d) => $"{d}个工作日";
    private static string Count(int visits) => visits >= 2 ? $"{visits}次（2次及以上）" : $"{visits}次";
    private static string? Years(int? y) => y is null ? null : $"{y}年";
    private static string? Money(decimal? m) => m?.ToString("0.##", CultureInfo.InvariantCulture) + (m is null ? null : "元");

    public static string LevelLabel(AdministrativeLevel l) => l switch
    {
        AdministrativeLevel.County => "县级",
        AdministrativeLevel.Township => "乡镇级",
        _ => "村级",
    };

    public static string TongbanLabel(TongbanScope t) => t switch
    {
        TongbanScope.None => "不通办",
        TongbanScope.County => "全县通办",
        TongbanScope.City => "全市通办",
        TongbanScope.Province => "全省通办",
        TongbanScope.CrossProvince => "跨省通办",
        _ => "全国通办",
    };

    public static string SourceLabel(MaterialSource s) => s switch
    {
        MaterialSource.Applicant => "申请人自备",
        MaterialSource.Government => "政府部门核发",
        _ => "证照库调取",
    };

    public static string FormLabel(MaterialForm f) => f switch
    {
        MaterialForm.Paper => "纸质",
        MaterialForm.Electronic => "电子",
        _ => "纸质或电子",
    };
}
