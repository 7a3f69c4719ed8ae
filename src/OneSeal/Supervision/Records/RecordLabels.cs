namespace OneSeal.Supervision.Records;

/// <summary>Chinese words and API spellings of a record's kind and result.</summary>
public static class RecordLabels
{
    public static readonly IReadOnlyList<(string Api, RecordKind Kind, string Label)> Kinds =
    [
        ("routine-inspection", RecordKind.RoutineInspection, "日常检查"),
        ("random-inspection", RecordKind.RandomInspection, "双随机抽查"),
        ("rectification", RecordKind.Rectification, "整改"),
        ("case-filed", RecordKind.CaseFiled, "立案"),
    ];

    public static readonly IReadOnlyList<(string Api, RecordResult Result, string Label)> Results =
    [
        ("compliant", RecordResult.Compliant, "合格"),
        ("rectification-ordered", RecordResult.RectificationOrdered, "责令整改"),
        ("penalised", RecordResult.Penalised, "立案查处"),
    ];

    public static string Of(RecordKind k) => Kinds.First(x => x.Kind == k).Label;
    public static string Of(RecordResult r) => Results.First(x => x.Result == r).Label;
    public static string Api(RecordKind k) => Kinds.First(x => x.Kind == k).Api;
    public static string Api(RecordResult r) => Results.First(x => x.Result == r).Api;
}
