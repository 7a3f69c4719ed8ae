using OneSeal.Cases;

namespace OneSeal.Pages.Office;

/// <summary>Model of one queue table on the office workbench.</summary>
public sealed record OfficeQueueView(string Id, string Title, IReadOnlyList<Case> Cases, DateOnly Today);
