namespace OneSeal.Catalog;

/// <summary>
/// The Administrative Licensing Law's time limits, in working days. The catalog owns them: an item's promised limit
/// must keep within them (<see cref="Editing.ItemDraftMapper"/>), and cases count their deadlines by them.
/// </summary>
public static class LicensingLimits
{
    /// <summary>Art. 42: decide within 20 working days.</summary>
    public const int Decision = 20;
    /// <summary>Art. 42: one extension of 10 working days with the head's approval.</summary>
    public const int DecisionExtension = 10;
    /// <summary>Art. 26: joint or centralised handling, 45 working days.</summary>
    public const int JointDecision = 45;
    /// <summary>Art. 26: extension of 15 working days for joint handling.</summary>
    public const int JointExtension = 15;
    /// <summary>Art. 32: answer an application within 5 working days, else it counts as accepted.</summary>
    public const int AcceptanceAnswer = 5;
    /// <summary>Art. 44: issue and deliver the result within 10 working days of the decision.</summary>
    public const int Delivery = 10;

    public static int ExtensionDays(ItemKind kind) => kind == ItemKind.Joint ? JointExtension : DecisionExtension;
}
