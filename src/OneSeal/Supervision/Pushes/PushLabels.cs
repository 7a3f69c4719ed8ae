namespace OneSeal.Supervision.Pushes;

/// <summary>Chinese words and API spellings of the push's kinds and states.</summary>
public static class PushLabels
{
    public static string Of(PushKind k) => k switch
    {
        PushKind.Approval => "准予许可",
        PushKind.Commitment => "告知承诺准予许可",
        PushKind.Revocation => "撤销许可",
        PushKind.Change => "变更",
        PushKind.Renewal => "延续",
        _ => k.ToString(),
    };

    public static string Of(PushState s) => s switch
    {
        PushState.ToClaim => "待认领",
        PushState.Claimed => "已认领",
        PushState.Overdue => "逾期未认领",
        _ => s.ToString(),
    };

    public static string Api(PushKind k) => k.ToString().ToLowerInvariant();

    public static string Api(PushState s) => s switch { PushState.ToClaim => "to-claim", _ => s.ToString().ToLowerInvariant() };

    public static PushState? ParseState(string? s) => s switch
    {
        "to-claim" => PushState.ToClaim,
        "claimed" => PushState.Claimed,
        "overdue" => PushState.Overdue,
        _ => null,
    };
}
