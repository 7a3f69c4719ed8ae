namespace OneSeal.Exchange.Webhooks;

/// <summary>Which events a subscription receives besides their types: every given filter must match (EventRecord's columns).</summary>
public sealed record SubscriptionFilters(Guid? DepartmentId, string? ItemCode, string? Action);

/// <summary><c>POST /api/v1/subscriptions</c>: the secret is generated when not given.</summary>
public sealed record SubscriptionInput(string? Url, IReadOnlyList<string>? EventTypes, SubscriptionFilters? Filters, string? Secret);

/// <summary>The answer to a creation: the secret is shown this once and never again.</summary>
public sealed record SubscriptionCreated(Guid Id, string Secret);

public sealed record SubscriptionView(
    Guid Id, string Url, IReadOnlyList<string> EventTypes, SubscriptionFilters Filters, string? DepartmentName,
    string Status, string? DisabledReason, DateTimeOffset? DisabledAt, DateTimeOffset CreatedAt, string CreatedBy,
    int Pending, int Delivered, int Failed, DateTimeOffset? AlertAt, string? AlertText);

public sealed record AttemptView(DateTimeOffset At, int? StatusCode, int DurationMs, string? Error);

public sealed record DeliveryView(
    Guid Id, Guid EventId, long EventSeq, string EventType, string Subject, string Status, int Attempts,
    DateTimeOffset CreatedAt, DateTimeOffset? NextAttemptAt, DateTimeOffset? LastAttemptAt, int? LastStatusCode,
    int? LastDurationMs, string? LastError, DateTimeOffset? DeliveredAt, IReadOnlyList<AttemptView> AttemptLog);

/// <summary>Chinese labels of statuses and event types, for the page and the alert.</summary>
public static class WebhookLabels
{
    public static string Of(SubscriptionStatus s) => s == SubscriptionStatus.Active ? "启用" : "已停用";

    public static string Of(DeliveryStatus s) => s switch
    {
        DeliveryStatus.Pending => "待投递",
        DeliveryStatus.Delivered => "已送达",
        _ => "投递失败",
    };

    public static string EventType(string type) => type switch
    {
        "case.submitted" => "办件提交", "case.accepted" => "办件受理", "case.corrected" => "补正", "case.refused" => "不予受理",
        "case.suspended" => "办件中止", "case.resumed" => "办件恢复", "case.extended" => "延长期限", "case.decided" => "作出决定",
        "case.delivered" => "结果送达", "certificate.issued" => "证照颁发", "certificate.changed" => "证照变更",
        "certificate.revoked" => "证照撤销", "supervision.pushed" => "推送监管", "supervision.claimed" => "监管认领",
        "supervision.reported" => "监管结果反馈", _ => type,
    };
}
