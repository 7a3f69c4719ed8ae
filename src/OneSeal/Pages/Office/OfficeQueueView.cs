using OneSeal.Cases;

namespace OneSeal.Pages.Office;

/// <summary>Model of one queue table on the office workbench; <paramref name="Steps"/> holds each case's current process step.</summary>
public sealed record OfficeQueueView(string Id, string Title, IReadOnlyList<Case> Cases, DateOnly Today,
    IReadOnlyDictionary<Guid, Cases.Clock.StepStatus?> Steps);
