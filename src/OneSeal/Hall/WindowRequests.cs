namespace OneSeal.Hall;

/// <summary>
/// <c>POST /api/v1/admin/windows</c> and <c>PUT /{id}</c>. <see cref="Kind"/>: Comprehensive (with <see cref="Themes"/>),
/// Department (with <see cref="DepartmentId"/>), Result, Fee or Enquiry. The posts are staff account ids.
/// </summary>
public sealed record WindowInput(Guid? HallId, string? Number, string? Name, string? Zone, string? Kind, List<string>? Themes,
    Guid? DepartmentId, Guid? APostId, Guid? BPostId);

/// <summary><c>POST …/{id}/close</c>: why, for the audit trail (optional).</summary>
public sealed record WindowClose(string? Reason);

/// <summary>A window as the list shows it, with the names of what it refers to.</summary>
public sealed record WindowView(Guid Id, string Number, string Name, Guid HallId, string HallName, string? Zone, string Kind, string KindLabel,
    List<string> Themes, List<string> ThemeNames, Guid? DepartmentId, string? DepartmentName,
    Guid? APostId, string? APostName, Guid? BPostId, string? BPostName, bool Closed, DateTimeOffset? ClosedAt);

/// <summary>An open window as a device or screen names it.</summary>
public sealed record OpenWindow(Guid Id, string Number, string Name, Guid HallId);

/// <summary>Something a window form offers to choose: a hall, a department, a theme, a staff member (with the organisation).</summary>
public sealed record WindowChoice(string Value, string Label);

public static class WindowLabels
{
    public static string Of(WindowKind kind) => kind switch
    {
        WindowKind.Comprehensive => "综合受理",
        WindowKind.Department => "部门窗口",
        WindowKind.Result => "综合出件",
        WindowKind.Fee => "收费",
        WindowKind.Enquiry => "咨询导办",
        _ => kind.ToString(),
    };
}
