using OneSeal.Cases;

namespace OneSeal.Pages.Office;

/// <summary>
/// Model of one queue table on the office workbench; <paramref name="Steps"/> holds each case's current process step;
/// <paramref name="Reader"/> marks the cases assigned to the reader (issue 11, 改派).
/// </summary>
public sealed record OfficeQueueView(string Id, string Title, IReadOnlyList<Case> Cases, DateOnly Today,
    IReadOnlyDictionary<Guid, Cases.Clock.StepStatus?> Steps, Guid? Reader = null);
