namespace OneSeal.Supervision.Policies;

/// <summary>What a department publishes (<c>POST /api/v1/policies</c>; the <c>/dept/policies</c> form).</summary>
public sealed record PolicyInput(string? Title, string? DocumentNumber, string? IssuedOn, string? Summary, IReadOnlyList<string?>? ItemCodes);

/// <summary>An uploaded attachment: its name as sent, its length and how to read it once.</summary>
public sealed record PolicyUpload(string? FileName, long Length, Func<Stream> Open);

/// <summary>One policy document as lists show it; <see cref="State"/> is <c>pending</c>, <c>overdue</c> or <c>acknowledged</c>.</summary>
public sealed record PolicyView(Guid Id, string Title, string DocumentNumber, DateOnly IssuedOn, string Summary, string Department,
    DateTimeOffset PublishedAt, string PublishedBy, DateOnly AckDueOn, string State, DateTimeOffset? AcknowledgedAt, string? AcknowledgedBy,
    IReadOnlyList<string> ItemCodes, IReadOnlyList<PolicyAttachmentView> Attachments);

public sealed record PolicyAttachmentView(Guid Id, string FileName, long SizeBytes);

/// <summary>The answer to a publish: the document and the day the bureau must sign for it by.</summary>
public sealed record PolicyCreated(Guid Id, DateOnly AckDueOn);
