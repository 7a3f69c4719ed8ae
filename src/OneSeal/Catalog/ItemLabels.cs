namespace OneSeal.Catalog;

public static class ItemLabels
{
    public static string Of(ItemKind k) => k switch
    {
        ItemKind.Immediate => "即办件",
        ItemKind.Promised => "承诺件",
        ItemKind.Joint => "联办件",
        ItemKind.ReportUp => "上报件",
        _ => k.ToString(),
    };

    public static string Of(ServiceObject s) => s switch
    {
        ServiceObject.Citizen => "自然人",
        ServiceObject.Enterprise => "法人",
        _ => "自然人、法人",
    };

    public static string Of(ItemStepKind k) => k switch
    {
        ItemStepKind.Accept => "受理",
        ItemStepKind.Review => "审查",
        ItemStepKind.Decide => "决定",
        ItemStepKind.Deliver => "送达",
        ItemStepKind.SiteInspection => "现场踏勘",
        ItemStepKind.ExpertReview => "专家评审",
        ItemStepKind.Hearing => "听证",
        ItemStepKind.Testing => "检验检测",
        ItemStepKind.JointReview => "联合审查",
        _ => k.ToString(),
    };

    public static string Of(ItemVersionStatus s) => s switch
    {
        ItemVersionStatus.Draft => "草稿",
        ItemVersionStatus.InReview => "审核中",
        ItemVersionStatus.Published => "已发布",
        _ => "已被替代",
    };

    public static string Of(FormFieldType type) => type switch
    {
        FormFieldType.Text => "文本",
        FormFieldType.CitizenId => "身份证号码",
        FormFieldType.Uscc => "统一社会信用代码",
        FormFieldType.Phone => "电话",
        FormFieldType.Date => "日期",
        FormFieldType.Address => "住址（个人）",
        _ => "数字",
    };

    public static string Api(ItemKind k) => k switch
    {
        ItemKind.ReportUp => "report-up",
        _ => k.ToString().ToLowerInvariant(),
    };
}
