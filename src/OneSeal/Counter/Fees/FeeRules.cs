namespace OneSeal.Counter.Fees;

/// <summary>Which decided cases owe a fee.</summary>
public static class FeeRules
{
    /// <summary>企业开办全程零费用: items of the 企业开办 theme never charge, whatever the item says.</summary>
    public static readonly IReadOnlyList<string> FeeFreeThemes = ["E-OPEN"];

    /// <summary>
    /// The amount an approval of the item version owes, or null: the version charges a fee with a fixed amount and is not
    /// a 企业开办 item. A fee without a fixed amount (计收 by area or time) is not demanded automatically.
    /// </summary>
    public static decimal? AmountOwed(bool feeCharged, decimal? feeAmount, IEnumerable<string> themes) =>
        feeCharged && feeAmount is > 0 && !themes.Any(FeeFreeThemes.Contains) ? feeAmount : null;
}
