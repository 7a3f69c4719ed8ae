namespace OneSeal.Catalog.Reform;

/// <summary>
/// 改革成效 of one competent department (or of the whole county when <see cref="DepartmentCode"/> is null), over the
/// versions in force. Day sums count only items with a statutory limit (<see cref="LimitedItems"/>); materials are
/// counted in the versions in force and in each item's first published version.
/// </summary>
public sealed record ReformFigures(string? DepartmentCode, string Department, int Items, int Transferred,
    int Immediate, int Promised, int Joint, int ReportUp, int ZeroVisit,
    int LimitedItems, long StatutoryDaysSum, long PromisedDaysSum, int MaterialsFirst, int MaterialsNow)
{
    public double? ImmediateShare => Share(Immediate, Items);
    public double? ZeroVisitShare => Share(ZeroVisit, Items);
    public double? TransferredShare => Share(Transferred, Items);
    public double? AvgStatutoryDays => LimitedItems == 0 ? null : (double)StatutoryDaysSum / LimitedItems;
    public double? AvgPromisedDays => LimitedItems == 0 ? null : (double)PromisedDaysSum / LimitedItems;
    /// <summary>压缩比例: 1 − promised / statutory, over the items with a statutory limit.</summary>
    public double? Compression => StatutoryDaysSum == 0 ? null : 1 - (double)PromisedDaysSum / StatutoryDaysSum;
    /// <summary>材料精简比例: 1 − materials now / materials in the first published versions.</summary>
    public double? MaterialReduction => MaterialsFirst == 0 ? null : 1 - (double)MaterialsNow / MaterialsFirst;

    private static double? Share(int part, int whole) => whole == 0 ? null : (double)part / whole;

    public static ReformFigures Total(IReadOnlyCollection<ReformFigures> departments) => new(null, "全县",
        departments.Sum(d => d.Items), departments.Sum(d => d.Transferred), departments.Sum(d => d.Immediate),
        departments.Sum(d => d.Promised), departments.Sum(d => d.Joint), departments.Sum(d => d.ReportUp),
        departments.Sum(d => d.ZeroVisit), departments.Sum(d => d.LimitedItems), departments.Sum(d => d.StatutoryDaysSum),
        departments.Sum(d => d.PromisedDaysSum), departments.Sum(d => d.MaterialsFirst), departments.Sum(d => d.MaterialsNow));
}

public sealed record ReformStats(DateOnly Today, ReformFigures Overall, IReadOnlyList<ReformFigures> Departments);
