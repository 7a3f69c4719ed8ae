using Microsoft.EntityFrameworkCore;
using OneSeal.Organisation;
using OneSeal.Platform.Database;

namespace OneSeal.Catalog.Exchange;

/// <summary>The reference sheet: every value a data cell may hold where a code or enum name is asked for, with its Chinese name.</summary>
internal static class ReferenceRows
{
    public static readonly string[] Header = ["类别", "代码 / 取值", "名称"];
    public static readonly string[] Keys = ["list", "value", "name"];

    public static async Task<List<object?[]>> LoadAsync(OneSealDb db, CancellationToken ct)
    {
        var rows = new List<object?[]>();
        foreach (var a in await db.Set<Agency>().AsNoTracking().OrderBy(a => a.Code).ToListAsync(ct)) rows.Add(["机构", a.Code, a.Name]);
        foreach (var t in await db.Set<Theme>().AsNoTracking().OrderBy(t => t.SortOrder).ThenBy(t => t.Code).ToListAsync(ct)) rows.Add(["主题", t.Code, t.Name]);
        foreach (var m in await db.Set<MaterialType>().AsNoTracking().OrderBy(m => m.Code).ToListAsync(ct)) rows.Add(["材料类型", m.Code, m.Name]);
        rows.AddRange(ItemCategories.All.Select(c => new object?[] { "事项类别", c, c }));
        rows.AddRange(Enum.GetValues<ItemKind>().Select(k => new object?[] { "办件类型", k.ToString(), ItemLabels.Of(k) }));
        rows.AddRange(Enum.GetValues<ServiceObject>().Select(s => new object?[] { "服务对象", s.ToString(), ItemLabels.Of(s) }));
        rows.AddRange(Labels("行使层级", (AdministrativeLevel.County, "县级"), (AdministrativeLevel.Township, "乡镇级"), (AdministrativeLevel.Village, "村级")));
        rows.AddRange(Labels("通办范围", (TongbanScope.None, "不通办"), (TongbanScope.County, "全县通办"), (TongbanScope.City, "全市通办"),
            (TongbanScope.Province, "全省通办"), (TongbanScope.CrossProvince, "跨省通办"), (TongbanScope.National, "全国通办")));
        rows.AddRange(Enum.GetValues<ItemStepKind>().Select(k => new object?[] { "办理环节", k.ToString(), ItemLabels.Of(k) }));
        rows.AddRange(Labels("材料来源", (MaterialSource.Applicant, "申请人自备"), (MaterialSource.Government, "政府部门核发"), (MaterialSource.CertificateLibrary, "证照库调取")));
        rows.AddRange(Labels("材料形式", (MaterialForm.Paper, "纸质"), (MaterialForm.Electronic, "电子"), (MaterialForm.Both, "纸质和电子")));
        rows.AddRange(Labels("表单项类型", (FormFieldType.Text, "文本"), (FormFieldType.CitizenId, "身份证号"), (FormFieldType.Uscc, "统一社会信用代码"),
            (FormFieldType.Phone, "电话"), (FormFieldType.Date, "日期"), (FormFieldType.Number, "数字"), (FormFieldType.Address, "住址（个人）")));
        rows.AddRange(Seal.HolderCodeTypes.All.Select(t => new object?[] { "持证主体代码类型", t, Seal.HolderCodeTypes.Label(t) }));
        rows.Add(["是否", "是 / 否", "也可写 true / false、1 / 0"]);
        rows.Add(["办理环节写法", "Accept:10;Review:60;Decide:20;Deliver:10;SiteInspection:0!", "环节:时限占比，用;分隔，末尾!表示该环节不计入办理时限"]);
        rows.Add(["以'开头的单元格", "'=1+1", "导出时在以 = + - @ ' 开头的文字前加一个'，防止被当作公式；导入时去掉这个'"]);
        return rows;
    }

    private static IEnumerable<object?[]> Labels<T>(string list, params (T Value, string Name)[] values) where T : struct, Enum =>
        values.Select(v => new object?[] { list, v.Value.ToString(), v.Name });
}
