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

    public static string Api(ItemKind k) => k switch
    {
        ItemKind.ReportUp => "report-up",
        _ => k.ToString().ToLowerInvariant(),
    };
}
