using OneSeal.Catalog;

namespace OneSeal.Cases.Clock;

/// <summary>Process steps and their states as the case API spells them, and the states' Chinese labels (step names: <see cref="ItemLabels"/>).</summary>
public static class StepLabels
{
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
