namespace OneSeal.Platform.Security;

public static class SystemActor
{
    /// <summary>The product itself acting by rule (deemed acceptance, deadline warnings); shown as 系统.</summary>
    public static readonly Actor Instance = new(Guid.Empty, "system", "系统", AccountKind.Staff, null, new HashSet<string>());
}
