namespace OneSeal.Documents;

/// <summary>What a sealed document is, for the administrators' list of those not produced yet (<c>/admin/documents</c>).</summary>
public enum DocumentKind { Certificate, Notice }

/// <summary>
/// A certificate or notice whose PDF does not exist yet: <paramref name="Error"/> is the last failed attempt's error
/// (null while it simply waits its turn). Since: when the act it documents was recorded. A certificate row keeps no case
/// number in clear, so it has none here.
/// </summary>
public sealed record UnissuedDocument(DocumentKind Kind, Guid Id, string Number, string Title, Guid CaseId, string? CaseNumber,
    DateTimeOffset Since, bool Failed, string? Error);
