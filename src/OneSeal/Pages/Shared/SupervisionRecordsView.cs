using OneSeal.Supervision;

namespace OneSeal.Pages;

/// <summary>issue 13 — supervision records and where their attachments download from (the case page, for whoever may see the case).</summary>
public sealed record SupervisionRecordsView(IReadOnlyList<RecordView> Records, string AttachmentsHref);
