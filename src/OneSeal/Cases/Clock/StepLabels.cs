using OneSeal.Catalog;

namespace OneSeal.Cases.Clock;

/// <summary>Names of process steps and their states: Chinese for people (UI keys), kebab-case for the API.</summary>
public static class StepLabels
{
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

    public static string Api(ItemStepKind k) => k switch
    {
        ItemStepKind.SiteInspection => "site-inspection",
        ItemStepKind.ExpertReview => "expert-review",
        ItemStepKind.JointReview => "joint-review",
        _ => k.ToString().ToLowerInvariant(),
    };

    public static string Api(StepState s) => s.ToString().ToLowerInvariant();

    /// <summary>State as the API spells it → its Chinese label (a UI key), so the page never relies on colour alone.</summary>
    public static string StateLabel(string api) => api switch
    {
        "done" => "已完成",
        "normal" => "进行中",
        "yellow" => "黄牌预警",
        "red" => "红牌超期",
        "paused" => "期限中止",
        "pending" => "未开始",
        "skipped" => "未进行",
        _ => api,
    };
}
