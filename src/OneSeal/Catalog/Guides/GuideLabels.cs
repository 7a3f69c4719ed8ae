using System.Globalization;

namespace OneSeal.Catalog.Guides;

/// <summary>The Chinese words a guide (page and PDF) uses for the elements' values; the pages translate them with T[...].</summary>
public static class GuideLabels
{
    public static string Of(AdministrativeLevel level) => level switch
    {
        AdministrativeLevel.County => "县级",
        AdministrativeLevel.Township => "乡镇（街道）级",
        AdministrativeLevel.Village => "村（社区）级",
        _ => level.ToString(),
    };

    public static string Of(TongbanScope scope) => scope switch
    {
        TongbanScope.None => "不支持通办",
        TongbanScope.County => "全县通办",
        TongbanScope.City => "全市通办",
        TongbanScope.Province => "全省通办",
        TongbanScope.CrossProvince => "跨省通办",
        TongbanScope.National => "全国通办",
        _ => scope.ToString(),
    };

    public static string Of(MaterialSource source) => source switch
    {
        MaterialSource.Applicant => "申请人自备",
        MaterialSource.Government => "政府部门核发",
        MaterialSource.CertificateLibrary => "证照库调取",
        _ => source.ToString(),
    };

    public static string Of(MaterialForm form) => form switch
    {
        MaterialForm.Paper => "纸质",
        MaterialForm.Electronic => "电子",
        _ => "纸质、电子",
    };

    /// <summary>网办深度 1–4.</summary>
    public static string OnlineDepth(int depth) => depth switch
    {
        1 => "一级（网上办事指南）",
        2 => "二级（在线预审）",
        3 => "三级（网上受理、审查，窗口领取结果）",
        4 => "四级（全程网办）",
        _ => depth.ToString(CultureInfo.InvariantCulture),
    };

    public static string Of(ServiceObject audience) => audience == ServiceObject.Enterprise ? "法人办事" : "个人办事";

    public static string Date(DateOnly d) => d.ToString("yyyy年M月d日", CultureInfo.InvariantCulture);

    /// <summary>"第3版，2025年7月1日起施行".</summary>
    public static string VersionSince(int version, DateOnly from) => $"第{version}版，{Date(from)}起施行";

    public static string Fee(Item i) => !i.FeeCharged ? "不收费"
        : i.FeeAmount is { } fee ? $"收费 {fee.ToString("0.##", CultureInfo.InvariantCulture)} 元" : "收费";

    public static string Days(int days) => days == 0 ? "当场办结" : $"{days} 个工作日";
}
